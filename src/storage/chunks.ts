import type { SessionRecord } from "../core/session/record";
import type { Chunk, ChunkGrams } from "./schema";
import { chunkGrams } from "./grams";

// Chunks are aligned on seq: with size C, chunk k holds seqs kC+1 … (k+1)C. Writing the same
// seqs twice therefore puts the same keys again, so a retried or overlapping write can never
// duplicate a record. A partial last chunk is simply rewritten as it fills.

export function chunkStart(seq: number, size: number): number {
  return Math.floor((seq - 1) / size) * size + 1;
}

/** Index keys for the runs and threads present in a chunk. */
export function chunkKeys(sessionId: string, firstSeq: number, records: readonly SessionRecord[]): Pick<Chunk, "runKeys" | "threadKeys"> {
  const runs = new Set<string>();
  const threads = new Set<string>();
  for (const r of records) {
    if (r.runId) runs.add(r.runId);
    if (r.threadId) threads.add(r.threadId);
  }
  return {
    runKeys: [...runs].map((id) => [sessionId, id, firstSeq]),
    threadKeys: [...threads].map((id) => [sessionId, id, firstSeq]),
  };
}

/** A stored chunk's records: its JSON text read back, or (written before v4) the records it holds. */
export function chunkRecords(chunk: Pick<Chunk, "json" | "records">): SessionRecord[] {
  return chunk.json !== undefined ? (JSON.parse(chunk.json) as SessionRecord[]) : (chunk.records ?? []);
}

/** Split seq-ordered records into aligned chunks, each keyed by its boundary seq. */
export function buildChunks(sessionId: string, records: readonly SessionRecord[], size: number): Chunk[] {
  return buildIndexedChunks(sessionId, records, size, false).chunks;
}

/** One aligned chunk of `records` (seqs firstSeq … on, all in one chunk), its JSON text built. */
export function buildChunk(sessionId: string, firstSeq: number, records: readonly SessionRecord[]): Chunk & { json: string } {
  const json = JSON.stringify(records);
  return { sessionId, firstSeq, lastSeq: records[records.length - 1].seq, json, bytes: json.length, ...chunkKeys(sessionId, firstSeq, records) };
}

/** Aligned chunks and (with `grams`) the text index of each, as the sink stores them together. */
export function buildIndexedChunks(sessionId: string, records: readonly SessionRecord[], size: number, grams = true): { chunks: Chunk[]; grams: ChunkGrams[] } {
  const out: Chunk[] = [];
  const indexes: ChunkGrams[] = [];
  let i = 0;
  while (i < records.length) {
    const first = chunkStart(records[i].seq, size);
    const end = first + size - 1;
    let j = i;
    while (j < records.length && records[j].seq <= end) j++;
    const slice = records.slice(i, j);
    const chunk = buildChunk(sessionId, first, slice);
    out.push(chunk);
    if (grams) indexes.push(chunkGrams(chunk, chunk.json, slice));
    i = j;
  }
  return { chunks: out, grams: indexes };
}
