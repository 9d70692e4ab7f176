/// <reference lib="webworker" />
import { gramBits } from "../core/search/text-grams";

// A second thread for an import's text index (see gram-helper.ts): chunks' texts in, each
// chunk's filter bits out (their buffers handed over, not copied). The trigrams cost the session
// worker about as much as the chunk's JSON.stringify; here they run beside its parsing.
const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<{ id: number; texts: string[][] }>) => {
  const { id, texts } = e.data;
  try {
    const bits = texts.map(gramBits);
    scope.postMessage({ id, bits }, bits.map((b) => b.buffer as ArrayBuffer));
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
