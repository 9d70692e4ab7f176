import { signal } from "@preact/signals";
import type { RuntimeOffer } from "./observe/runtimes";
import { mergeTabStates, type TabStateStore } from "./tab-state";

/**
 * What the panel knows about the inspected page: the runtimes it talks to and how many of its
 * requests were stored as observed sessions (by DevTools or by the in-page capture). Outside
 * DevTools (no inspected tab) it shows every tab's.
 */
export function createPageModel(stores: readonly TabStateStore[], tabId: number | undefined, onObserved: () => void) {
  const offers = signal<RuntimeOffer[]>([]);
  const observed = signal(0);
  const since = signal<number | null>(null);
  let last: string | null = null;

  async function refresh() {
    if (!stores.length) return;
    // What DevTools saw and what the worker captured in-page, as one.
    const state = mergeTabStates(await Promise.all(stores.map((tabs) => (tabId === undefined ? tabs.all() : tabs.get(tabId)))));
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
