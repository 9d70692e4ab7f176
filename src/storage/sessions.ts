import type { SessionHeader } from "../core/session/record";
import type { InspectorDb } from "./db";
import { SessionBusyError } from "./errors";
import { sessionRange, SESSION_STORES, type RunStat, type SessionStats, type StoredSession, type ThreadStat } from "./schema";
import { emptyStats } from "./stats";

/** One row of the session library. */
export interface SessionSummary {
  id: string;
  name: string;
  tags: string[];
  header: SessionHeader;
  createdAt: number;
  updatedAt: number;
  runtimeUrl?: string;
  /** The header's agent, else the first agent seen. */
  agentId?: string;
  agents: string[];
  runs: number;
  threads: number;
  events: number;
  records: number;
  /** Approximate stored size (JSON characters). */
  bytes: number;
  lastSeq: number;
}

export interface SessionDetail extends SessionSummary {
  runList: RunStat[];
  threadList: ThreadStat[];
}

export function defaultName(header: SessionHeader): string {
  return header.name || [header.agentId, header.runtimeUrl].filter(Boolean).join(" @ ") || "Untitled session";
}

export function summarize(session: StoredSession, stats: SessionStats | undefined): SessionSummary {
  const s = stats ?? emptyStats(session.id, session.createdAt);
  return {
    id: session.id,
    name: session.name,
    tags: session.tags,
    header: session.header,
    createdAt: session.createdAt,
    updatedAt: Math.max(s.updatedAt, session.createdAt),
    runtimeUrl: session.runtimeUrl,
    agentId: session.agentId ?? s.agents[0],
    agents: s.agents,
    runs: Object.keys(s.runs).length,
    threads: Object.keys(s.threads).length,
    events: s.events,
    records: s.records,
    bytes: s.bytes,
    lastSeq: s.lastSeq,
  };
}

export function detail(session: StoredSession, stats: SessionStats | undefined): SessionDetail {
  return {
    ...summarize(session, stats),
    runList: Object.values(stats?.runs ?? {}).sort((a, b) => a.firstSeq - b.firstSeq),
    threadList: Object.values(stats?.threads ?? {}).sort((a, b) => a.firstSeq - b.firstSeq),
  };
}

/** Add an empty session for this header. */
export async function createSession(db: InspectorDb, header: SessionHeader, now = Date.now()): Promise<SessionSummary> {
  const created = Date.parse(header.createdAt);
  const session: StoredSession = {
    id: header.id,
    header,
    name: defaultName(header),
    tags: [],
    createdAt: Number.isFinite(created) ? created : now,
    runtimeUrl: header.runtimeUrl,
    agentId: header.agentId,
  };
  const stats = emptyStats(header.id, now);
  const tx = db.idb.transaction(["sessions", "stats"], "readwrite");
  // add, not put: an existing session with this id is never overwritten (tx.done rejects).
  tx.objectStore("sessions").add(session).catch(() => {});
  tx.objectStore("stats").add(stats).catch(() => {});
  await tx.done;
  return summarize(session, stats);
}

/** Put the header an import learnt at its end (format, source, names) on the session it filled. */
export async function replaceHeader(db: InspectorDb, sessionId: string, header: SessionHeader): Promise<void> {
  const tx = db.idb.transaction("sessions", "readwrite");
  const session = await tx.store.get(sessionId);
  if (!session) throw new Error(`No session ${sessionId} in the library.`);
  const created = Date.parse(header.createdAt);
  await tx.store.put({ ...session, header: { ...header, id: sessionId }, name: defaultName(header), runtimeUrl: header.runtimeUrl, agentId: header.agentId, createdAt: Number.isFinite(created) ? created : session.createdAt });
  await tx.done;
}

/** Make `writer` the session's only writer; refuses a session that has records or a writer. */
export async function claimSession(db: InspectorDb, sessionId: string, writer: string, now: number): Promise<SessionStats> {
  const tx = db.idb.transaction(["sessions", "stats"], "readwrite");
  const [session, stats] = await Promise.all([tx.objectStore("sessions").get(sessionId), tx.objectStore("stats").get(sessionId)]);
  if (!session) {
    tx.abort();
    await tx.done.catch(() => {});
    throw new Error(`No session ${sessionId} in the library.`);
  }
  if (stats?.writer || (stats?.lastSeq ?? 0) > 0) {
    tx.abort();
    await tx.done.catch(() => {});
    throw new SessionBusyError(sessionId);
  }
  const claimed = { ...(stats ?? emptyStats(sessionId, now)), writer, updatedAt: now };
  await tx.objectStore("stats").put(claimed);
  await tx.done;
  return claimed;
}

/** Delete everything stored for one session, in one transaction. */
export async function deleteSessionData(db: InspectorDb, sessionId: string): Promise<void> {
  const tx = db.idb.transaction([...SESSION_STORES], "readwrite");
  // The transaction's outcome covers every request; failures surface through tx.done.
  const requests = [
    tx.objectStore("sessions").delete(sessionId),
    tx.objectStore("stats").delete(sessionId),
    tx.objectStore("chunks").delete(sessionRange(sessionId)),
    tx.objectStore("checkpoints").delete(sessionRange(sessionId)),
    tx.objectStore("grams").delete(sessionRange(sessionId)),
  ];
  for (const r of requests) r.catch(() => {});
  await tx.done;
}
