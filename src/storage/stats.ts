import type { SessionRecord } from "../core/session/record";
import type { RunStat, SessionStats, ThreadStat } from "./schema";

export function emptyStats(id: string, now: number): SessionStats {
  return { id, lastSeq: 0, records: 0, events: 0, bytes: 0, updatedAt: now, agents: [], runs: {}, threads: {} };
}

/** A copy of `stats` with `records` counted in; `stats` itself is left as it was. */
export function addToStats(stats: SessionStats, records: readonly SessionRecord[]): SessionStats {
  const next: SessionStats = { ...stats, agents: [...stats.agents], runs: { ...stats.runs }, threads: { ...stats.threads } };
  // Entries shared with `stats` are copied on first touch, then updated in place.
  countInto(next, records, { runs: new Set(), threads: new Set() });
  return next;
}

/**
 * Count `records` into `stats` itself. `own`: the run and thread entries `stats` may change in
 * place; any other is copied first (and added to `own`). Without it every entry is changed in place.
 */
export function countInto(next: SessionStats, records: readonly SessionRecord[], own?: { runs: Set<RunStat>; threads: Set<ThreadStat> }): void {
  for (const r of records) {
    next.records++;
    if (r.kind === "event") next.events++;
    next.lastSeq = r.seq;
    next.firstT ??= r.t;
    next.lastT = r.t;
    if (r.agentId && !next.agents.includes(r.agentId)) next.agents.push(r.agentId);
    if (r.runId) {
      let run = next.runs[r.runId];
      if (!run) {
        run = { runId: r.runId, firstSeq: r.seq, lastSeq: r.seq, records: 0, firstT: r.t, lastT: r.t };
        own?.runs.add(run);
      } else if (own && !own.runs.has(run)) {
        run = { ...run };
        own.runs.add(run);
      }
      next.runs[r.runId] = run;
      run.records++;
      run.lastSeq = r.seq;
      run.lastT = r.t;
      run.threadId ??= r.threadId;
      run.agentId ??= r.agentId;
    }
    if (r.threadId) {
      let thread = next.threads[r.threadId];
      if (!thread) {
        thread = { threadId: r.threadId, firstSeq: r.seq, lastSeq: r.seq, records: 0 };
        own?.threads.add(thread);
      } else if (own && !own.threads.has(thread)) {
        thread = { ...thread };
        own.threads.add(thread);
      }
      next.threads[r.threadId] = thread;
      thread.records++;
      thread.lastSeq = r.seq;
    }
  }
}
