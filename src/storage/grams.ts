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

/** Text an event holding `raw` is searched by; every other kind is rare enough to decode as the reader will. */
function ownSearchText(r: SessionRecord): string | undefined {
  if (r.kind === "event") {
    if (r.raw == null) return undefined;
    if (typeof r.raw === "string") return r.raw;
  }
  // What a search sees is the record decoded from its JSON (a NaN there is null, say).
  return searchText(JSON.parse(JSON.stringify(r)) as SessionRecord);
}

/** The text index of a chunk whose records are stored as `json` (JSON.stringify(records)). */
export function chunkGrams(chunk: Pick<Chunk, "sessionId" | "firstSeq" | "lastSeq">, json: string, records: readonly SessionRecord[]): ChunkGrams {
  const filter = createGramFilter(json.length);
  filter.add(json.toLowerCase());
  for (const r of records) {
    const text = ownSearchText(r);
    if (text !== undefined) filter.add(String(text).toLowerCase());
  }
  return { sessionId: chunk.sessionId, firstSeq: chunk.firstSeq, lastSeq: chunk.lastSeq, v: GRAMS_VERSION, bits: filter.finish() };
}
