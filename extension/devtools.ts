/// <reference types="chrome" />
import { createSessionLibrary, openInspectorDb } from "../src/storage";
import { ext } from "./platform";
import { createPageObserver, type PageObserver } from "./observe/observer";
import { createLibraryObservedStore } from "./observe/store";
import { watchNetwork, type NetworkLike } from "./observe/network-source";
import { capturedAt, createTabStateStore, LIVE_PREFIX, tabKey, type TabState } from "./tab-state";

// Lives as long as the DevTools window, whether or not the AG-UI panel was ever shown. It is the
// fallback for pages the in-page capture does not reach (sites not enabled): it watches the
// inspected page's network from the moment DevTools opens, so a panel opened later already has
// the page's AG-UI traffic in the session library. Requests the in-page capture recorded are
// left to it (one session per request).

// A name no other AG-UI tool's tab uses.
ext.devtools.panels.create("AG-UI Inspector", "icons/icon-32.png", "panel.html", () => {});

const tabId = ext.devtools.inspectedWindow.tabId;
/** Ids kept per tab for the panel's count; the sessions themselves are all in the library. */
const MAX_TAB_SESSIONS = 1000;
const observer = startObserver();
observer.catch((err) => console.error("AG-UI Inspector: not observing this page; the session library did not open.", err));
watchNetwork(ext.devtools.network as unknown as NetworkLike, observer);

async function startObserver(): Promise<PageObserver> {
  const db = await openInspectorDb();
  const library = createSessionLibrary(db);
  const tabs = ext.storage?.session ? createTabStateStore(ext.storage.session) : null;
  let state: TabState = (await tabs?.get(tabId).catch(() => null)) ?? { offers: [], sessions: [] };
  // One writer per tab key (this page), so a write of the whole state never loses another's.
  let saving = Promise.resolve();
  const save = (next: TabState) => {
    state = next;
    saving = saving.then(() => tabs?.set(tabId, state)).catch((err) => console.warn("AG-UI Inspector: could not save tab state", err));
  };
  // Say the tab is watched (the panel shows since when) once the listener is surely on.
  save({ ...state, since: state.since ?? Date.now() });
  // When the worker captured this tab's pages in-page (kept current from session storage).
  const liveStore = ext.storage?.session ? createTabStateStore(ext.storage.session, LIVE_PREFIX) : null;
  let live: TabState = (await liveStore?.get(tabId).catch(() => null)) ?? { offers: [], sessions: [] };
  ext.storage?.onChanged.addListener((changes, area) => {
    const change = area === "session" ? changes[tabKey(tabId, LIVE_PREFIX)] : undefined;
    if (change) live = (change.newValue as TabState | undefined) ?? { offers: [], sessions: [] };
  });
  return createPageObserver({
    store: createLibraryObservedStore(db, library),
    selfOrigin: location.origin,
    offers: state.offers,
    onOffers: (offers) => save({ ...state, offers }),
    onSession: (header) => save({ ...state, sessions: [...state.sessions, header.id].slice(-MAX_TAB_SESSIONS) }),
    onError: (err, entry) => console.warn(`AG-UI Inspector: could not store ${entry.request.method} ${entry.request.url}`, err),
    skip: (entry) => capturedAt(live, Date.parse(entry.startedDateTime)),
  });
}
