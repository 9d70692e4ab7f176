/// <reference types="chrome" />
import { ext } from "./platform";
import { createTabStateStore } from "./tab-state";

// The only background work: forget what DevTools saw in a tab once the tab is gone.
const tabs = createTabStateStore(ext.storage.session);
ext.tabs.onRemoved.addListener((tabId) => {
  void tabs.remove(tabId).catch(() => {});
});
