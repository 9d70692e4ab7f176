import { tryParseJson } from "../../src/core/json";
import type { SessionHeader } from "../../src/core/session/record";
import { classifyEntry } from "./classify";
import { headerValue, type HarContent, type HarEntryLike } from "./har";
import { observedSessionId } from "./key";
import { observedSession, type ObservedSession } from "./records";
import { addToOffers, type RuntimeOffer } from "./runtimes";

/** Where observed sessions go. `add` is false when a session with that id is already stored. */
export interface ObservedStore {
  add(session: ObservedSession): Promise<boolean>;
}

export interface ObserverOptions {
  store: ObservedStore;
  /** The inspector's own origin: its requests are recorded live by the panel, not observed. */
  selfOrigin?: string;
  /** Offers already known for this tab (kept across DevTools reopening). */
  offers?: RuntimeOffer[];
  onSession?(header: SessionHeader): void;
  onOffers?(offers: RuntimeOffer[]): void;
  onError?(error: unknown, entry: HarEntryLike): void;
  /** Requests recorded another way (the in-page capture): left alone here. */
  skip?(entry: HarEntryLike): boolean;
}

export type GetContent = () => Promise<HarContent>;

/**
 * Turns finished requests of the inspected page into observed sessions and runtime offers. Fed
 * by chrome.devtools.network (getHAR on open, then onRequestFinished); the same entry may come
 * twice, and is stored once. Bodies are read only for requests that are AG-UI traffic.
 */
export function createPageObserver(options: ObserverOptions) {
  const taken = new Set<string>();
  let offers = options.offers ?? [];
  let queue: Promise<void> = Promise.resolve();

  function take(entry: HarEntryLike, getContent: GetContent): Promise<void> {
    const what = classifyEntry(entry);
    if (!what || isOwn(entry, options.selfOrigin) || options.skip?.(entry)) return Promise.resolve();
    const id = observedSessionId(entry);
    if (taken.has(id)) return queue;
    taken.add(id);
    // Ask for the body now: DevTools may drop it when the page navigates.
    const body: Promise<HarContent> = what.op === "stop" ? Promise.resolve({ text: null }) : getContent().catch(() => ({ text: null }));
    // One at a time, in arrival order, so sessions are created in the order the page made them.
    const job = queue.then(async () => {
      const content = await body;
      const at = Date.parse(entry.startedDateTime) || 0;
      const next = addToOffers(offers, what, at, what.op === "info" ? tryParseJson(content.text) : undefined);
      if (JSON.stringify(next) !== JSON.stringify(offers)) {
        offers = next;
        options.onOffers?.(offers);
      }
      if (what.op !== "run" && what.op !== "connect") return;
      const session = observedSession(id, entry, what, content);
      if (await options.store.add(session)) options.onSession?.(session.header);
    });
    queue = job.catch((error) => {
      taken.delete(id);
      options.onError?.(error, entry);
    });
    return queue;
  }

  return {
    take,
    /** Entries DevTools already holds (getHAR), oldest first. */
    async takeAll(entries: readonly { entry: HarEntryLike; getContent: GetContent }[]): Promise<void> {
      for (const e of entries) void take(e.entry, e.getContent);
      await queue;
    },
    offers: () => offers,
    /** Resolves when every entry taken so far is stored. */
    idle: () => queue,
  };
}

export type PageObserver = ReturnType<typeof createPageObserver>;

function isOwn(entry: HarEntryLike, selfOrigin: string | undefined): boolean {
  return !!selfOrigin && headerValue(entry.request.headers, "origin") === selfOrigin;
}

