import type { SessionRecord } from "../core/session/record";
import { readChunkAt, type InspectorDb, type StoredChunk } from "../storage";

/**
 * The records a paged session holds: at most `cap` chunks, least recently used out first.
 * Everything else stays in IndexedDB and is read back a chunk at a time.
 */
export function createChunkCache(db: InspectorDb, sessionId: string, cap = 64) {
  const chunks = new Map<number, StoredChunk>();
  /** Chunk starts in seq order, learnt as chunks are read, to find a seq's chunk without IndexedDB. */
  let reads = 0;

  function remember(chunk: StoredChunk): void {
    chunks.delete(chunk.firstSeq);
    chunks.set(chunk.firstSeq, chunk);
    while (chunks.size > cap) chunks.delete(chunks.keys().next().value!);
  }

  function cached(seq: number): StoredChunk | undefined {
    for (const c of chunks.values()) {
      if (seq >= c.firstSeq && seq <= c.lastSeq) {
        remember(c);
        return c;
      }
    }
    return undefined;
  }

  async function chunkOf(seq: number): Promise<StoredChunk | undefined> {
    const hit = cached(seq);
    if (hit) return hit;
    reads++;
    const chunk = await readChunkAt(db, sessionId, seq);
    if (chunk) remember(chunk);
    return chunk;
  }

  return {
    chunkOf,
    async record(seq: number): Promise<SessionRecord | undefined> {
      const chunk = await chunkOf(seq);
      return chunk?.records[seq - chunk.firstSeq]?.seq === seq ? chunk.records[seq - chunk.firstSeq] : chunk?.records.find((r) => r.seq === seq);
    },
    /** Records with seq in [from, to], in order. */
    async range(from: number, to: number): Promise<SessionRecord[]> {
      const out: SessionRecord[] = [];
      let seq = from;
      while (seq <= to) {
        const chunk = await chunkOf(seq);
        if (!chunk) break;
        for (const r of chunk.records) if (r.seq >= seq && r.seq <= to) out.push(r);
        seq = chunk.lastSeq + 1;
      }
      return out;
    },
    /** Put a chunk read by a scan, so the rows it found are likely cached. */
    remember,
    size: () => chunks.size,
    cap,
    reads: () => reads,
  };
}

export type ChunkCache = ReturnType<typeof createChunkCache>;
