import type { RuntimeOffer } from "./observe/runtimes";
import { mergeOffers } from "./observe/runtimes";

/** What one tab's DevTools has seen: the runtimes the page talks to, the sessions observed. */
export interface TabState {
  offers: RuntimeOffer[];
  sessions: string[];
  /** When DevTools first watched this tab (epoch ms); absent until it did. */
  since?: number;
  /**
   * In the live store only: when pages of this tab were captured in-page, newest last
   * ([start, end], end absent while captured). The DevTools fallback skips those requests.
   */
  captured?: [number, number?][];
}

/** The part of chrome.storage.session the tab state uses. */
export interface SessionAreaLike {
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const PREFIX = "tab:";
/** The worker's own per-tab state (live capture), apart from what DevTools writes: one writer per key. */
export const LIVE_PREFIX = "live:";
export const tabKey = (tabId: number, prefix = PREFIX) => `${prefix}${tabId}`;
export const isTabKey = (key: string, prefix = PREFIX) => key.startsWith(prefix);
const empty = (): TabState => ({ offers: [], sessions: [] });

/**
 * Per-tab state in session storage: kept while the browser runs, so DevTools closed and reopened
 * on a tab shows what it saw before; dropped when the tab closes (background.ts).
 */
export function createTabStateStore(area: SessionAreaLike, prefix = PREFIX) {
  return {
    prefix,
    async get(tabId: number): Promise<TabState> {
      return ((await area.get(tabKey(tabId, prefix)))[tabKey(tabId, prefix)] as TabState | undefined) ?? empty();
    },
    set: (tabId: number, state: TabState) => area.set({ [tabKey(tabId, prefix)]: state }),
    remove: (tabId: number) => area.remove(tabKey(tabId, prefix)),
    /** Every tab's state as one (for the panel opened outside DevTools). */
    async all(): Promise<TabState> {
      const states = Object.entries(await area.get(null))
        .filter(([key]) => isTabKey(key, prefix))
        .map(([, value]) => value as TabState);
      return mergeTabStates(states);
    },
  };
}

export type TabStateStore = ReturnType<typeof createTabStateStore>;

/** Several states (tabs, or DevTools' and the worker's for one tab) as one. */
export function mergeTabStates(states: readonly TabState[]): TabState {
  const since = states.map((s) => s.since).filter((t): t is number => typeof t === "number");
  return { offers: mergeOffers(states.map((s) => s.offers)), sessions: [...new Set(states.flatMap((s) => s.sessions))], ...(since.length ? { since: Math.min(...since) } : {}) };
}

/** Was a request started at `at` made by a page this tab captured in-page? */
export function capturedAt(state: TabState, at: number): boolean {
  return (state.captured ?? []).some(([start, end]) => at >= start && (end === undefined || at <= end));
}
