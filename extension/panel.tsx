/// <reference types="chrome" />
import { effect } from "@preact/signals";
import { render } from "preact";
import { mountInspector } from "../src/app/mount";
import { ext, inspectedTabId } from "./platform";
import { createPanelHost } from "./host";
import { loadSettings, saveSettings, type PanelSettings } from "./settings";
import { applyDevtoolsPalette, devtoolsPalette } from "./theme";
import { createTabStateStore, isTabKey, LIVE_PREFIX, tabKey } from "./tab-state";
import { createLiveFollower } from "./observe/follow";
import { isLiveRecords } from "./capture/messages";
import { createSiteAccess } from "./site-access";
import { createPageModel } from "./page-model";
import { PageBar } from "./ui/PageBar";
import "../src/ui/styles.css";
import "./panel.css";

// The DevTools panel (also usable as a plain extension tab): the whole inspector, mounted with the
// extension's host, under a bar about the inspected page.

async function start() {
  const settings: PanelSettings = await loadSettings(ext.storage.local).catch(() => ({}));
  const panels = ext.devtools?.panels;
  applyDevtoolsPalette(document.documentElement, devtoolsPalette(panels?.themeName));
  panels?.setThemeChangeHandler?.((name) => applyDevtoolsPalette(document.documentElement, devtoolsPalette(name)));

  const { host, problem } = await createPanelHost(settings, ext.permissions, { window, document });
  const app = mountInspector({ container: document.getElementById("app")!, host });
  const { connection, library, recording, view, composer } = app.models;
  if (problem) recording.sinkError.value = problem;
  if (settings.transport) connection.transport.value = settings.transport;
  // Remember a runtime that answered, for the next time DevTools opens.
  effect(() => {
    if (connection.status.value !== "connected") return;
    void saveSettings(ext.storage.local, { runtimeUrl: connection.url.peek().trim(), transport: connection.transport.peek() }).catch(() => {});
  });

  const tabId = inspectedTabId();
  const stores = ext.storage?.session ? [createTabStateStore(ext.storage.session), createTabStateStore(ext.storage.session, LIVE_PREFIX)] : [];
  const page = createPageModel(stores, tabId, () => void library.refresh());
  const ours = (key: string) => stores.some((s) => (tabId === undefined ? isTabKey(key, s.prefix) : key === tabKey(tabId, s.prefix)));
  ext.storage?.onChanged.addListener((changes, area) => {
    if (area === "session" && Object.keys(changes).some(ours)) void page.refresh();
  });
  // The page's runs as they stream (the worker sends records once stored).
  const follower = createLiveFollower({ library, view, tabId, busy: () => composer.active.value.length > 0 });
  ext.runtime?.onMessage.addListener((message) => {
    if (isLiveRecords(message)) follower.receive(message);
  });
  const access = createSiteAccess(ext.permissions, connection, tabId === undefined ? null : () => inspectedOrigin());
  await page.refresh();
  // Nothing remembered yet: start from the runtime the page uses.
  if (!connection.url.value && page.offers.value[0]) {
    connection.url.value = page.offers.value[0].url;
    connection.transport.value = page.offers.value[0].transport;
  }

  render(<PageBar page={page} connection={connection} follower={follower} access={access} />, document.getElementById("page")!);
}

/** The inspected page's origin, asked of the page itself (no tabs permission needed). */
function inspectedOrigin(): Promise<string | null> {
  return new Promise((resolve) => {
    try {
      ext.devtools.inspectedWindow.eval("location.origin", ((result: unknown) => resolve(typeof result === "string" ? result : null)) as never);
    } catch {
      resolve(null);
    }
  });
}

void start();
