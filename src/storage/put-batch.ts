import { unwrap } from "idb";
import type { InspectorDb } from "./db";
import { SessionGoneError } from "./errors";
import type { Chunk, GramPage, SessionStats } from "./schema";
import { deleteSessionData } from "./sessions";

/** A transaction issued by putBatch: its outcome, and its read of the session (gone if undefined). */
export interface PutBatch {
  done: Promise<void>;
  session: IDBRequest;
}

/**
 * One transaction that stores chunks, the text index pages beside them and the session's stats,
 * issued synchronously (so it also works in `pagehide`). A put that throws aborts it all (the
 * chunks already put would disagree with the stats) and the error is thrown.
 */
export function putBatch(db: InspectorDb, sessionId: string, chunks: readonly Chunk[], pages: readonly GramPage[], stats: SessionStats, durability: IDBTransactionDurability): PutBatch {
  const wrapped = db.idb.transaction(["sessions", "stats", "chunks", "grams"], "readwrite", { durability });
  const tx = unwrap(wrapped);
  // Read in the same transaction: if the session was deleted meanwhile we learn it here.
  const session = tx.objectStore("sessions").get(sessionId);
  try {
    const store = tx.objectStore("chunks");
    for (const chunk of chunks) store.put(chunk);
    // Each chunk's text index goes with it, so the index never describes other records.
    const index = tx.objectStore("grams");
    for (const page of pages) index.put(page);
    tx.objectStore("stats").put(stats);
  } catch (error) {
    wrapped.done.catch(() => {});
    tx.abort();
    throw error;
  }
  tx.commit();
  return { done: wrapped.done, session };
}

/**
 * Wait for a batch to commit. If its session was deleted meanwhile, the blind puts recreated
 * some of its data: that is taken back out and SessionGoneError thrown.
 */
export async function batchCommitted(db: InspectorDb, sessionId: string, batch: PutBatch): Promise<void> {
  await batch.done;
  if (batch.session.result === undefined) {
    await deleteSessionData(db, sessionId).catch(() => {});
    throw new SessionGoneError(sessionId);
  }
}
