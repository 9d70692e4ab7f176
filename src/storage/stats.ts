import type { SessionRecord } from "../core/session/record";
import type { RunStat, SessionStats, ThreadStat } from "./schema";

export function emptyStats(id: string, now: number): SessionStats {
  return { id, lastSeq: 0, records: 0, events: 0, bytes: 0, updatedAt: now, agents: [], runs: {}, threads: {} };
}

/** A copy of `stats` with `records` counted in; `stats` itself is left as it was. */
export function addToStats(stats: SessionStats, records: readonly SessionRecord[]): SessionStats {
  const next: SessionStats = { ...stats, agents: [...stats.agents], runs: { ...stats.runs }, threads: { ...stats.threads } };
  // Entries shared with `stats` are copied on first touch, then updated in place.
  const ownRuns = new Set<RunStat>();
  const ownThreads = new Set<ThreadStat>();
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
        ownRuns.add(run);
      } else if (!ownRuns.has(run)) {
        run = { ...run };
        ownRuns.add(run);
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
        ownThreads.add(thread);
      } else if (!ownThreads.has(thread)) {
        thread = { ...thread };
        ownThreads.add(thread);
      }
      next.threads[r.threadId] = thread;
      thread.records++;
      thread.lastSeq = r.seq;
    }
  }
  return next;
}
