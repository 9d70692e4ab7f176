import type { SessionRecord } from "../core/session/record";
import type { InspectorDb } from "./db";
import { sessionRange, type Chunk } from "./schema";
import { chunkRecords } from "./chunks";

// Reads for a session held as a window (the worker's paged session): one chunk at a time, and
// the fold's own index. The fold index is derived like the checkpoints and lives beside them
// under seq -1, so clearing a session's checkpoints clears its index too.

const FOLD_INDEX_SEQ = -1;

export interface StoredChunk {
  firstSeq: number;
  lastSeq: number;
  /** Decoded when first read. */
  readonly records: SessionRecord[];
  /** The records' JSON text as stored (v4 chunks): a search may look at it before decoding. */
  readonly json?: string;
}

/** A stored chunk whose records are decoded only when asked for (a scan may rule it out by its text). */
function lazyChunk(c: Pick<Chunk, "firstSeq" | "lastSeq" | "json" | "records">): StoredChunk {
  let records = c.records;
  return {
    firstSeq: c.firstSeq,
    lastSeq: c.lastSeq,
    json: c.json,
    get records() {
      return (records ??= chunkRecords(c));
    },
  };
}

/** The chunk holding `seq`, or undefined when no stored chunk does. */
export async function readChunkAt(db: InspectorDb, sessionId: string, seq: number): Promise<StoredChunk | undefined> {
  const cursor = await db.idb.transaction("chunks").store.openCursor(sessionRange(sessionId, -Infinity, seq), "prev");
  const chunk = cursor?.value;
  if (!chunk || chunk.lastSeq < seq) return undefined;
  return lazyChunk(chunk);
}

/** Chunks from the one holding `fromSeq` on (up to the one starting at or before `toSeq`), `perTx` to a short transaction. */
export async function* iterateChunks(db: InspectorDb, sessionId: string, fromSeq = 1, perTx = 50, toSeq = Infinity): AsyncGenerator<StoredChunk> {
  const first = await readChunkAt(db, sessionId, fromSeq);
  let next = first ? first.firstSeq : fromSeq;
  for (;;) {
    if (next > toSeq) return;
    const tx = db.idb.transaction("chunks");
    let cursor = await tx.store.openCursor(sessionRange(sessionId, next, toSeq));
    let n = 0;
    const got: StoredChunk[] = [];
    while (cursor && n < perTx) {
      const c = cursor.value;
      got.push(lazyChunk(c));
      n++;
      cursor = n < perTx ? await cursor.continue() : null;
    }
    if (!got.length) return;
    yield* got;
    next = got[got.length - 1].lastSeq + 1;
  }
}

/** The chunks starting at these seqs (as a text index named them), in one transaction; a missing one is left out. */
export async function readChunksStarting(db: InspectorDb, sessionId: string, firstSeqs: readonly number[]): Promise<StoredChunk[]> {
  if (!firstSeqs.length) return [];
  const store = db.idb.transaction("chunks").store;
  const got = await Promise.all(firstSeqs.map((seq) => store.get([sessionId, seq])));
  return got.filter((c): c is Chunk => !!c).map(lazyChunk);
}

/** A stored checkpoint by its exact seq. */
export async function checkpointAt(db: InspectorDb, sessionId: string, seq: number): Promise<unknown> {
  return (await db.idb.get("checkpoints", [sessionId, seq]))?.value;
}

export async function getFoldIndex(db: InspectorDb, sessionId: string): Promise<unknown> {
  return checkpointAt(db, sessionId, FOLD_INDEX_SEQ);
}

export async function putFoldIndex(db: InspectorDb, sessionId: string, value: unknown): Promise<void> {
  await db.idb.put("checkpoints", { sessionId, seq: FOLD_INDEX_SEQ, value });
}

/** Last stored seq and record count, from the sink's counters. */
export async function sessionExtent(db: InspectorDb, sessionId: string): Promise<{ lastSeq: number; records: number; unindexed?: true } | undefined> {
  const stats = await db.idb.get("stats", sessionId);
  return stats ? { lastSeq: stats.lastSeq, records: stats.records, ...(stats.unindexed ? { unindexed: true as const } : {}) } : undefined;
}
