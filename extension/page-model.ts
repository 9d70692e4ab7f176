import { signal } from "@preact/signals";
import type { RuntimeOffer } from "./observe/runtimes";
import type { TabStateStore } from "./tab-state";

/**
 * What the panel knows about the inspected page: the runtimes it talks to and how many of its
 * requests were stored as observed sessions. Outside DevTools (no inspected tab) it shows every
 * tab's.
 */
export function createPageModel(tabs: TabStateStore | null, tabId: number | undefined, onObserved: () => void) {
  const offers = signal<RuntimeOffer[]>([]);
  const observed = signal(0);
  const since = signal<number | null>(null);
  let last: string | null = null;

  async function refresh() {
    if (!tabs) return;
    const state = tabId === undefined ? await tabs.all() : await tabs.get(tabId);
    const latest = state.sessions[state.sessions.length - 1] ?? null;
    const changed = latest !== last;
    last = latest;
    offers.value = state.offers;
    observed.value = state.sessions.length;
    since.value = state.since ?? null;
    if (changed) onObserved();
  }

  return { offers, observed, since, inDevTools: tabId !== undefined, refresh };
}

export type PageModel = ReturnType<typeof createPageModel>;
