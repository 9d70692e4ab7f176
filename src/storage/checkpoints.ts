import type { InspectorDb } from "./db";
import { sessionRange, type Checkpoint } from "./schema";

// Replay checkpoints are derived from the records: safe to drop and rebuild at any time, so a
// schema upgrade may clear them. Values must be structured-cloneable.

/**
 * Store checkpoints; one the store refuses (a state nested deeper than structured clone goes,
 * say) is left out rather than failing the rest: a seek then starts from an earlier one.
 * Returns the seqs left out.
 */
export async function putCheckpoints(db: InspectorDb, sessionId: string, checkpoints: readonly { seq: number; value: unknown }[]): Promise<number[]> {
  const tx = db.idb.transaction("checkpoints", "readwrite");
  const skipped: number[] = [];
  for (const c of checkpoints) {
    try {
      tx.store.put({ sessionId, seq: c.seq, value: c.value }).catch(() => {});
    } catch {
      skipped.push(c.seq);
    }
  }
  await tx.done;
  return skipped;
}

/** The checkpoint at or before `seq`: where a seek starts folding (negative seqs hold indexes, see paged.ts). */
export async function nearestCheckpoint(db: InspectorDb, sessionId: string, seq: number): Promise<Checkpoint | undefined> {
  const cursor = await db.idb.transaction("checkpoints").store.openCursor(sessionRange(sessionId, 0, seq), "prev");
  return cursor?.value;
}

export async function clearCheckpoints(db: InspectorDb, sessionId: string): Promise<void> {
  await db.idb.delete("checkpoints", sessionRange(sessionId));
}
