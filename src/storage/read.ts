import type { SessionRecord } from "../core/session/record";
import type { InspectorDb } from "./db";
import { sessionRange } from "./schema";
import { chunkRecords } from "./chunks";

export interface RecordQuery {
  /** First seq wanted (default 1). */
  fromSeq?: number;
  /** Most records returned (default 100). */
  limit?: number;
  /** Only records of this run / thread (read through the chunk indexes). */
  runId?: string;
  threadId?: string;
}

export interface RecordPage {
  records: SessionRecord[];
  /** Where the next page starts, or null when nothing further matches. */
  nextSeq: number | null;
}

/**
 * One page of a session's records in seq order. Reads only the chunks that hold the page, so a
 * 100k-record session is never loaded whole.
 */
export async function readRecords(db: InspectorDb, sessionId: string, query: RecordQuery = {}): Promise<RecordPage> {
  const from = Math.max(1, Math.floor(query.fromSeq ?? 1));
  const limit = Math.max(1, query.limit ?? 100);
  const tx = db.idb.transaction("chunks");
  // The chunk holding `from` starts at or before it.
  const before = await tx.store.openKeyCursor(sessionRange(sessionId, -Infinity, from), "prev");
  const start = before ? before.primaryKey[1] : from;
  const match = (r: SessionRecord) => r.seq >= from && (!query.runId || r.runId === query.runId) && (!query.threadId || r.threadId === query.threadId);
  let cursor = query.runId
    ? await tx.store.index("run").openCursor(IDBKeyRange.bound([sessionId, query.runId, start], [sessionId, query.runId, Infinity]))
    : query.threadId
      ? await tx.store.index("thread").openCursor(IDBKeyRange.bound([sessionId, query.threadId, start], [sessionId, query.threadId, Infinity]))
      : await tx.store.openCursor(sessionRange(sessionId, start));
  const records: SessionRecord[] = [];
  while (cursor) {
    for (const r of chunkRecords(cursor.value)) {
      if (!match(r)) continue;
      if (records.length === limit) return { records, nextSeq: r.seq };
      records.push(r);
    }
    cursor = await cursor.continue();
  }
  return { records, nextSeq: null };
}

/** Every record from `fromSeq` on, page by page (one short transaction per page). */
export async function* iterateRecords(db: InspectorDb, sessionId: string, query: Omit<RecordQuery, "limit"> & { pageSize?: number } = {}): AsyncGenerator<SessionRecord[]> {
  let fromSeq: number | null = query.fromSeq ?? 1;
  while (fromSeq !== null) {
    const page: RecordPage = await readRecords(db, sessionId, { ...query, fromSeq, limit: query.pageSize ?? 1000 });
    if (page.records.length) yield page.records;
    fromSeq = page.nextSeq;
  }
}

/** How many records a session (or one of its runs / threads) holds, from the sink's counters. */
export async function countRecords(db: InspectorDb, sessionId: string, filter: { runId?: string; threadId?: string } = {}): Promise<number> {
  const stats = await db.idb.get("stats", sessionId);
  if (!stats) return 0;
  if (filter.runId) return stats.runs[filter.runId]?.records ?? 0;
  if (filter.threadId) return stats.threads[filter.threadId]?.records ?? 0;
  return stats.records;
}
