/// <reference types="chrome" />
// Firefox's `browser` namespace returns promises everywhere; Chrome's `chrome` does in MV3 for the
// APIs used here. DevTools APIs take callbacks in both, and are wrapped where they are used.
export const ext: typeof chrome = (globalThis as { browser?: typeof chrome }).browser ?? globalThis.chrome;

/** The tab DevTools inspects, when this page runs inside DevTools. */
export function inspectedTabId(): number | undefined {
  return ext.devtools?.inspectedWindow?.tabId;
}
