import { packGramTexts } from "../core/search/text-grams";
import type { GramBuilder } from "../storage";

/** How long an import waits for the helper's indexes of one batch before its transaction builds them itself. */
const PATIENCE_MS = 10_000;

export interface GramHelper {
  build: GramBuilder;
  stop(): void;
}

/**
 * Cores a machine needs before an import hands its text index to a helper. On two, the second
 * core already runs the database's writes, the garbage collector and the page: measured on a
 * shared 2-core machine the helper took ~0.6 s of a 283 MB import off the session worker and
 * added as much there (plus the bytes handed over), so the import was no faster and, at load
 * 5 and more, slower. With a core to spare the trigrams run beside the parsing instead.
 */
export const HELPER_MIN_CORES = 3;

/**
 * Starts a worker of its own that builds chunks' text indexes (grams-helper.ts), so an import's
 * trigrams run on another core; undefined where no worker can start or the machine has fewer
 * than HELPER_MIN_CORES (the sink then builds them itself). A helper that fails rejects every
 * call from then on: nothing waits on it.
 */
export function startGramHelper(cores = globalThis.navigator?.hardwareConcurrency ?? 1): GramHelper | undefined {
  if (typeof Worker === "undefined" || cores < HELPER_MIN_CORES) return undefined;
  let worker: Worker;
  try {
    worker = new Worker(new URL("./grams-helper.ts", import.meta.url), { type: "module", name: "agui-inspector-text-index" });
  } catch {
    return undefined;
  }
  const waiting = new Map<number, { resolve: (bits: Uint8Array[]) => void; reject: (err: Error) => void; timer: ReturnType<typeof setTimeout> }>();
  let broken: Error | null = null;
  let next = 0;
  const settle = (id: number, outcome: { bits?: Uint8Array[]; error?: string }) => {
    const w = waiting.get(id);
    if (!w) return;
    waiting.delete(id);
    clearTimeout(w.timer);
    if (outcome.bits) w.resolve(outcome.bits);
    else w.reject(new Error(outcome.error ?? "no answer"));
  };
  const fail = (error: Error) => {
    broken ??= error;
    for (const id of [...waiting.keys()]) settle(id, { error: error.message });
  };
  worker.onmessage = (e: MessageEvent<{ id: number; bits?: Uint8Array[]; error?: string }>) => settle(e.data.id, e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    fail(new Error(`the text index helper failed: ${e.message || "it did not start"}`));
  };
  worker.onmessageerror = () => fail(new Error("the text index helper's answer could not be read"));
  return {
    build(texts) {
      if (broken) return Promise.reject(broken);
      const id = ++next;
      return new Promise<Uint8Array[]>((resolve, reject) => {
        // A helper that neither answers nor fails must not hold the import up.
        const timer = setTimeout(() => settle(id, { error: "the text index helper took too long" }), PATIENCE_MS);
        waiting.set(id, { resolve, reject, timer });
        // Bytes are handed over; copying the JSON strings cost the sender most of what the helper saves it.
        const packed = texts.map(packGramTexts);
        worker.postMessage({ id, texts: packed }, packed.flatMap((p) => ("ascii" in p ? [p.ascii.buffer as ArrayBuffer] : [])));
      });
    },
    stop() {
      fail(new Error("stopped"));
      worker.terminate();
    },
  };
}
