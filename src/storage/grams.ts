import type { SessionRecord } from "../core/session/record";
import { searchText } from "../core/search/search-text";
import { createGramFilter, GRAMS_VERSION } from "../core/search/text-grams";
import type { Chunk, ChunkGrams } from "./schema";

// The text index of a chunk as the sink writes it. A search matches each record's searchText(),
// lowercased, of the records decoded from the chunk's JSON. For an event without `raw` (nearly
// every record) that text is JSON.stringify(event), which stands verbatim inside the chunk's JSON
// (the stored JSON is JSON.stringify's own output, which decodes and encodes back to itself), and
// lowercasing the whole JSON lowercases that part alike (no character JSON puts around a value
// is one that changes a Greek sigma's case). So the chunk's JSON lowercased covers them, with no
// second stringify; every other record adds its own search text.

/**
 * Text an event holding `raw` is searched by; every other kind is rare enough to decode as the
 * reader will (`decoded`: the search sees the record decoded from its JSON, where a NaN is null).
 */
function ownSearchText(r: SessionRecord, decoded: boolean): string | undefined {
  // Stryker disable ConditionalExpression,EqualityOperator,StringLiteral,BlockStatement: these only skip work. An event left to searchText() adds its raw text or its JSON, which the chunk's JSON already holds: the same trigrams.
  if (r.kind === "event") {
    if (r.raw == null) return undefined;
    if (typeof r.raw === "string") return r.raw;
  }
  // Stryker restore ConditionalExpression,EqualityOperator,StringLiteral,BlockStatement
  return searchText(decoded ? (JSON.parse(JSON.stringify(r)) as SessionRecord) : r);
}

/**
 * The text index of a chunk whose records are `json` (JSON.stringify(records)). `decoded`: the
 * records a search sees are those decoded from `json` (as stored since v4), not `records`
 * themselves (a chunk written before v4 holds them as they were recorded).
 */
export function chunkGrams(chunk: Pick<Chunk, "sessionId" | "firstSeq" | "lastSeq">, json: string, records: readonly SessionRecord[], decoded = true): ChunkGrams {
  const filter = createGramFilter(json.length);
  filter.add(json.toLowerCase());
  for (const r of records) {
    const text = ownSearchText(r, decoded);
    if (text !== undefined) filter.add(String(text).toLowerCase());
  }
  return { sessionId: chunk.sessionId, firstSeq: chunk.firstSeq, lastSeq: chunk.lastSeq, v: GRAMS_VERSION, bits: filter.finish() };
}

/**
 * Whether a chunk's JSON text shows that every record in it is an event without `raw`, whose
 * search text its JSON already holds: then its index needs no decoding. Errs towards "no": every
 * other record writes a `"kind":` not followed by `"event"`, or a `"raw":`.
 */
export function onlyPlainEvents(json: string): boolean {
  return !json.includes('"raw":') && !/"kind":(?!"event")/.test(json);
}
