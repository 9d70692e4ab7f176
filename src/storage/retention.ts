import type { SessionSummary } from "./sessions";

/** A limit the user chose; without one, nothing is ever removed automatically. */
export interface RetentionLimit {
  maxSessions?: number;
  /** Approximate bytes (JSON characters) over all sessions. */
  maxBytes?: number;
}

export interface RetentionGuard {
  /** Never removed: e.g. the session this tab records into. */
  keep?: readonly string[];
  now: number;
  /** A session written to this recently may be another tab's live recording: keep it. */
  activeMs: number;
}

export const RETENTION_ACTIVE_MS = 5 * 60_000;

/** Ids to remove, oldest first, until the library fits the limit (kept sessions still count). */
export function chooseForRetention(sessions: readonly SessionSummary[], limit: RetentionLimit | null, guard: RetentionGuard): string[] {
  if (!limit || (limit.maxSessions === undefined && limit.maxBytes === undefined)) return [];
  const oldestFirst = [...sessions].sort((a, b) => a.createdAt - b.createdAt);
  let count = oldestFirst.length;
  let bytes = oldestFirst.reduce((n, s) => n + s.bytes, 0);
  const over = () => (limit.maxSessions !== undefined && count > limit.maxSessions) || (limit.maxBytes !== undefined && bytes > limit.maxBytes);
  const out: string[] = [];
  for (const s of oldestFirst) {
    if (!over()) break;
    if (guard.keep?.includes(s.id) || guard.now - s.updatedAt < guard.activeMs) continue;
    out.push(s.id);
    count--;
    bytes -= s.bytes;
  }
  return out;
}
