/// <reference types="chrome" />
import { createIdbSink, createSessionLibrary, openInspectorDb, type InspectorDb } from "../src/storage";
import type { SessionHeader } from "../src/core/session/record";
import { ext } from "./platform";
import { createTabStateStore, LIVE_PREFIX, type TabState } from "./tab-state";
import { createLiveCapture } from "./capture/live";
import { CAPTURE_PORT } from "./capture/wire";
import { LIVE_RECORDS, type LiveRecordsMessage } from "./capture/messages";
import { syncCaptureScripts } from "./capture/register";
import { addToOffers } from "./observe/runtimes";

// The worker: records what the in-page capture sends, into the session library, whether or not
// DevTools is open; keeps the extra sites' capture scripts registered; forgets a tab's state
// once the tab is gone.

const tabs = createTabStateStore(ext.storage.session);
const live = createTabStateStore(ext.storage.session, LIVE_PREFIX);
/** Sessions and capture intervals kept per tab (the library has every session). */
const MAX_TAB_SESSIONS = 1000;
const MAX_INTERVALS = 50;

ext.tabs.onRemoved.addListener((tabId) => {
  void tabs.remove(tabId).catch(() => {});
  void live.remove(tabId).catch(() => {});
});

// One writer per tab's live state, so read-modify-write never loses an update.
const writes = new Map<number, Promise<void>>();
function updateLive(tabId: number, change: (state: TabState) => TabState) {
  const next = (writes.get(tabId) ?? Promise.resolve())
    .then(async () => live.set(tabId, change(await live.get(tabId))))
    .catch((err) => console.warn("AG-UI Inspector: could not save the tab's capture state", err));
  writes.set(tabId, next);
}

let db: Promise<InspectorDb> | null = null;
const openDb = () => (db ??= openInspectorDb().catch((err) => ((db = null), Promise.reject(err))));

/** Each observed request becomes a session of its own in the library. */
const store = {
  async open(header: SessionHeader) {
    const d = await openDb();
    await createSessionLibrary(d).create(header);
    return createIdbSink(d, header.id);
  },
};

ext.runtime.onConnect.addListener((port) => {
  if (port.name !== CAPTURE_PORT) return;
  const tabId = port.sender?.tab?.id ?? null;
  const top = port.sender?.frameId === 0;
  const conn = createLiveCapture({
    store,
    onSession: (header) => tabId !== null && updateLive(tabId, (s) => ({ ...s, sessions: [...s.sessions, header.id].slice(-MAX_TAB_SESSIONS) })),
    onRuntime: (what, at, info) => tabId !== null && updateLive(tabId, (s) => ({ ...s, offers: addToOffers(s.offers, what, at, info) })),
    onRecords: (sessionId, records) => {
      const message: LiveRecordsMessage = { type: LIVE_RECORDS, tabId, sessionId, records };
      void ext.runtime.sendMessage(message).catch(() => {});
    },
    onError: (err) => console.warn("AG-UI Inspector: live capture could not store a request", err),
  }).connection({ url: port.sender?.url });
  const since = Date.now();
  if (top && tabId !== null) updateLive(tabId, (s) => ({ ...s, since: s.since ?? since, captured: [...(s.captured ?? []), [since] as [number, number?]].slice(-MAX_INTERVALS) }));
  port.onMessage.addListener((message) => conn.message(message));
  port.onDisconnect.addListener(() => {
    conn.close();
    if (top && tabId !== null) updateLive(tabId, (s) => ({ ...s, captured: (s.captured ?? []).map(([a, b]) => (a === since && b === undefined ? [a, Date.now()] : [a, b]) as [number, number?]) }));
  });
});

// Sites beyond localhost and 127.0.0.1 get the capture scripts once the user grants access.
void syncCaptureScripts(ext).catch((err) => console.warn("AG-UI Inspector: could not register the capture scripts", err));
ext.permissions.onAdded.addListener(() => void syncCaptureScripts(ext).catch(() => {}));
ext.permissions.onRemoved.addListener(() => void syncCaptureScripts(ext).catch(() => {}));
