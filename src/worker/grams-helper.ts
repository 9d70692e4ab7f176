/// <reference lib="webworker" />
import { gramBitsOfPacked, type GramTexts } from "../core/search/text-grams";

// A second thread for an import's text index (see gram-helper.ts): chunks' texts in (a JSON of
// ASCII only as its bytes, handed over rather than copied), each chunk's filter bits out. The
// trigrams cost the session worker about as much as the chunk's JSON.stringify; here they run
// beside its parsing.
const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<{ id: number; texts: GramTexts[] }>) => {
  const { id, texts } = e.data;
  try {
    const bits = texts.map(gramBitsOfPacked);
    scope.postMessage({ id, bits }, bits.map((b) => b.buffer as ArrayBuffer));
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
