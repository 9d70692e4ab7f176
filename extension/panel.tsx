/// <reference types="chrome" />
import { effect } from "@preact/signals";
import { render } from "preact";
import { mountInspector } from "../src/app/mount";
import { ext, inspectedTabId } from "./platform";
import { createPanelHost } from "./host";
import { loadSettings, saveSettings, type PanelSettings } from "./settings";
import { applyDevtoolsPalette, devtoolsPalette } from "./theme";
import { createTabStateStore, isTabKey, tabKey } from "./tab-state";
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
  const { connection, library, recording } = app.models;
  if (problem) recording.sinkError.value = problem;
  if (settings.transport) connection.transport.value = settings.transport;
  // Remember a runtime that answered, for the next time DevTools opens.
  effect(() => {
    if (connection.status.value !== "connected") return;
    void saveSettings(ext.storage.local, { runtimeUrl: connection.url.peek().trim(), transport: connection.transport.peek() }).catch(() => {});
  });

  const tabId = inspectedTabId();
  const tabs = ext.storage?.session ? createTabStateStore(ext.storage.session) : null;
  const page = createPageModel(tabs, tabId, () => void library.refresh());
  ext.storage?.onChanged.addListener((changes, area) => {
    if (area !== "session") return;
    if (Object.keys(changes).some((key) => (tabId === undefined ? isTabKey(key) : key === tabKey(tabId)))) void page.refresh();
  });
  await page.refresh();
  // Nothing remembered yet: start from the runtime the page uses.
  if (!connection.url.value && page.offers.value[0]) {
    connection.url.value = page.offers.value[0].url;
    connection.transport.value = page.offers.value[0].transport;
  }

  render(<PageBar page={page} connection={connection} />, document.getElementById("page")!);
}

void start();
