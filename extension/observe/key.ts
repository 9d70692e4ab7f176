import type { HarEntryLike } from "./har";

/**
 * The id an observed request's session gets: the same entry always gets the same id, whether it
 * arrives from onRequestFinished, from getHAR when DevTools (re)opens, or from a second panel.
 * The library refuses a second session with an id it holds, so nothing is stored twice.
 */
export function observedSessionId(entry: HarEntryLike): string {
  const key = [entry.startedDateTime, entry.request.method.toUpperCase(), entry.request.url, entry.request.postData?.text ?? ""].join("\n");
  return `observed-${fnv1a(key, 0x811c9dc5)}${fnv1a(key, 0x01000193 ^ 0x5bd1e995)}`;
}

/** 32-bit FNV-1a as 8 hex digits; two seeds give 64 bits, plenty for one browser's requests. */
function fnv1a(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}
