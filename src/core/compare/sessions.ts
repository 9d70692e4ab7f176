import type { SessionRecord } from "../session/record";
import { digestSession, type RunDigest } from "./beats";
import { compareRuns, pairedIds, type RunComparison } from "./diff";

// Which runs of two sessions are compared: the n-th with the n-th, or the runs picked by id
// (one id: that run against the run at the same position on the other side; two ids: the first
// from a, the second from b, so two runs of one file can be compared).

export class RunSelectionError extends Error {}

export interface SessionComparison {
  runs: RunComparison[];
  /** Runs one side has and the other does not (compared by position). */
  unpaired: { side: "a" | "b"; index: number; runId?: string }[];
  differences: number;
}

export function compareSessions(a: readonly SessionRecord[], b: readonly SessionRecord[], runIds: string[] = []): SessionComparison {
  const ra = digestSession(a).runs;
  const rb = digestSession(b).runs;
  const pairs = pickRuns(ra, rb, runIds);
  const earlier: [string, string][] = [];
  const runs = pairs.map(([x, y]) => {
    const comparison = compareRuns(x, y, earlier);
    for (const [from, to] of pairedIds(x, y)) earlier.push([from, to.id]);
    return comparison;
  });
  const unpaired: SessionComparison["unpaired"] = [];
  if (!runIds.length) {
    for (const r of ra.slice(rb.length)) unpaired.push({ side: "a", index: r.index, ...(r.runId ? { runId: r.runId } : {}) });
    for (const r of rb.slice(ra.length)) unpaired.push({ side: "b", index: r.index, ...(r.runId ? { runId: r.runId } : {}) });
  }
  return { runs, unpaired, differences: runs.reduce((n, r) => n + r.differences.length, 0) + unpaired.length };
}

function pickRuns(ra: RunDigest[], rb: RunDigest[], ids: string[]): [RunDigest, RunDigest][] {
  if (ids.length > 2) throw new RunSelectionError("--run is given at most twice: a run of the first file, then a run of the second");
  const known = (runs: RunDigest[]) => runs.map((r) => r.runId ?? `#${r.index}`).join(", ") || "none";
  const find = (runs: RunDigest[], id: string, which: string) => {
    const run = runs.find((r) => r.runId === id || `#${r.index}` === id);
    if (!run) throw new RunSelectionError(`no run "${id}" in the ${which} file (runs: ${known(runs)})`);
    return run;
  };
  if (ids.length === 2) return [[find(ra, ids[0], "first"), find(rb, ids[1], "second")]];
  if (ids.length === 1) {
    const inA = ra.find((r) => r.runId === ids[0] || `#${r.index}` === ids[0]);
    const inB = rb.find((r) => r.runId === ids[0] || `#${r.index}` === ids[0]);
    if (inA) {
      const other = rb[inA.index - 1];
      if (!other) throw new RunSelectionError(`the second file has no run #${inA.index} to compare with "${ids[0]}"`);
      return [[inA, other]];
    }
    if (inB) {
      const other = ra[inB.index - 1];
      if (!other) throw new RunSelectionError(`the first file has no run #${inB.index} to compare with "${ids[0]}"`);
      return [[other, inB]];
    }
    throw new RunSelectionError(`no run "${ids[0]}" in either file (first: ${known(ra)}; second: ${known(rb)})`);
  }
  const n = Math.min(ra.length, rb.length);
  return ra.slice(0, n).map((r, i) => [r, rb[i]]);
}
