import type { RuntimeOffer } from "./observe/runtimes";
import { mergeOffers } from "./observe/runtimes";

/** What one tab's DevTools has seen: the runtimes the page talks to, the sessions observed. */
export interface TabState {
  offers: RuntimeOffer[];
  sessions: string[];
  /** When DevTools first watched this tab (epoch ms); absent until it did. */
  since?: number;
}

/** The part of chrome.storage.session the tab state uses. */
export interface SessionAreaLike {
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const PREFIX = "tab:";
export const tabKey = (tabId: number) => `${PREFIX}${tabId}`;
export const isTabKey = (key: string) => key.startsWith(PREFIX);
const empty = (): TabState => ({ offers: [], sessions: [] });

/**
 * Per-tab state in session storage: kept while the browser runs, so DevTools closed and reopened
 * on a tab shows what it saw before; dropped when the tab closes (background.ts).
 */
export function createTabStateStore(area: SessionAreaLike) {
  return {
    async get(tabId: number): Promise<TabState> {
      return ((await area.get(tabKey(tabId)))[tabKey(tabId)] as TabState | undefined) ?? empty();
    },
    set: (tabId: number, state: TabState) => area.set({ [tabKey(tabId)]: state }),
    remove: (tabId: number) => area.remove(tabKey(tabId)),
    /** Every tab's state as one (for the panel opened outside DevTools). */
    async all(): Promise<TabState> {
      const states = Object.entries(await area.get(null))
        .filter(([key]) => isTabKey(key))
        .map(([, value]) => value as TabState);
      const since = states.map((s) => s.since).filter((t): t is number => typeof t === "number");
      return { offers: mergeOffers(states.map((s) => s.offers)), sessions: [...new Set(states.flatMap((s) => s.sessions))], ...(since.length ? { since: Math.min(...since) } : {}) };
    },
  };
}

export type TabStateStore = ReturnType<typeof createTabStateStore>;
