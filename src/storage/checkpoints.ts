import type { InspectorDb } from "./db";
import { sessionRange, type Checkpoint } from "./schema";

// Replay checkpoints are derived from the records: safe to drop and rebuild at any time, so a
// schema upgrade may clear them. Values must be structured-cloneable.

export async function putCheckpoints(db: InspectorDb, sessionId: string, checkpoints: readonly { seq: number; value: unknown }[]): Promise<void> {
  const tx = db.idb.transaction("checkpoints", "readwrite");
  for (const c of checkpoints) tx.store.put({ sessionId, seq: c.seq, value: c.value }).catch(() => {});
  await tx.done;
}

/** The checkpoint at or before `seq`: where a seek starts folding. */
export async function nearestCheckpoint(db: InspectorDb, sessionId: string, seq: number): Promise<Checkpoint | undefined> {
  const cursor = await db.idb.transaction("checkpoints").store.openCursor(sessionRange(sessionId, -Infinity, seq), "prev");
  return cursor?.value;
}

export async function clearCheckpoints(db: InspectorDb, sessionId: string): Promise<void> {
  await db.idb.delete("checkpoints", sessionRange(sessionId));
}
