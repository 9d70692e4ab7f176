import type { HarContent, HarEntryLike } from "./har";
import type { GetContent, PageObserver } from "./observer";

// Chrome calls the callbacks; Firefox's `browser.devtools.network` returns promises instead
// (getContent's resolving to [content, encoding]). Both are taken.
type HarLog = { entries: NetworkRequest[] };

/** An entry as chrome.devtools.network gives it: HAR plus a way to get the body. */
export type NetworkRequest = HarEntryLike & { getContent?(callback: (content: string | null, encoding: string) => void): void | Promise<unknown> };

/** The part of chrome.devtools.network the observer uses. */
export interface NetworkLike {
  getHAR(callback: (log: HarLog) => void): void | Promise<HarLog>;
  onRequestFinished: { addListener(fn: (request: NetworkRequest) => void): void };
}

/**
 * Feed the observer from DevTools: the listener goes on first, synchronously (nothing finishes
 * unseen while storage opens), then getHAR adds what DevTools logged before this page loaded.
 * An entry seen both ways is stored once (the observer keys it). If the observer never comes
 * (storage would not open), entries are dropped here; the caller reports why.
 */
export function watchNetwork(network: NetworkLike, observer: Promise<PageObserver>): void {
  network.onRequestFinished.addListener((request) => {
    const getContent = contentOf(request);
    void observer.then((o) => o.take(request, getContent), () => {});
  });
  const backlog = (log: HarLog | undefined) => {
    const entries = (log?.entries ?? []).map((entry) => ({ entry, getContent: contentOf(entry) }));
    void observer.then((o) => o.takeAll(entries), () => {});
  };
  const pending = network.getHAR(backlog);
  if (pending && typeof pending.then === "function") pending.then(backlog, () => {});
}

function contentOf(request: NetworkRequest): GetContent {
  return () =>
    new Promise<HarContent>((resolve) => {
      if (typeof request.getContent !== "function") return resolve({ text: null });
      const done = (content: unknown, encoding: unknown) => resolve({ text: typeof content === "string" ? content : null, ...(typeof encoding === "string" && encoding ? { encoding } : {}) });
      const pending = request.getContent(done);
      if (pending && typeof pending.then === "function") {
        pending.then((value) => (Array.isArray(value) ? done(value[0], value[1]) : done(value, undefined)), () => resolve({ text: null }));
      }
    });
}
