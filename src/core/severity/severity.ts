import type { SessionRecord } from "../session/record";

// What a row's gutter shows. One level per row, the most serious wins: a bad frame lost its event,
// a failed patch left state behind the server's, an error failed or would fail the run, a warning
// is something a client tolerates.

export type RowSeverity = "bad-frame" | "failed-patch" | "error" | "warning";

export const SEVERITY_RANK: Record<RowSeverity, number> = { "bad-frame": 4, "failed-patch": 3, error: 2, warning: 1 };

export const SEVERITY_WORDS: Record<RowSeverity, string> = {
  "bad-frame": "bad frame",
  "failed-patch": "failed patch",
  error: "error",
  warning: "warning",
};

/** The part of a finding severity needs; replay findings fit it. */
export interface FindingLike {
  rule: string;
  severity: "error" | "warning" | "info";
}

const PATCH_RULES = new Set(["state/patch-failed", "activity/patch-failed"]);

export function recordSeverity(r: SessionRecord, findings: readonly FindingLike[] = []): RowSeverity | undefined {
  if (r.kind === "bad-frame") return "bad-frame";
  let best: RowSeverity | undefined;
  const raise = (s: RowSeverity) => {
    if (!best || SEVERITY_RANK[s] > SEVERITY_RANK[best]) best = s;
  };
  for (const f of findings) {
    if (PATCH_RULES.has(f.rule)) raise("failed-patch");
    else if (f.severity === "error") raise("error");
    else if (f.severity === "warning") raise("warning");
  }
  if (r.kind === "event") {
    if (r.event.type === "RUN_ERROR" || r.event.type === "SUBAGENT_ERROR") raise("error");
    if (r.issues?.length || r.unterminated) raise("warning");
  }
  if (r.kind === "response" && r.status >= 400) raise("error");
  if (r.kind === "end") {
    if (r.outcome === "error") raise("error");
    else if (r.badFrames || r.unterminated) raise("warning");
  }
  return best;
}

/** Seqs that findings alone mark (errors, warnings, failed patches); info findings mark nothing. */
export function flaggedByFindings(findings: Iterable<FindingLike & { seq: number }>): Set<number> {
  const seqs = new Set<number>();
  for (const f of findings) if (PATCH_RULES.has(f.rule) || f.severity !== "info") seqs.add(f.seq);
  return seqs;
}

/** The next (dir 1) or previous (dir -1) seq in a sorted list, from `at`; wraps around. */
export function stepFinding(sortedSeqs: readonly number[], at: number, dir: 1 | -1): number | undefined {
  if (sortedSeqs.length === 0) return undefined;
  if (dir === 1) return sortedSeqs.find((s) => s > at) ?? sortedSeqs[0];
  for (let i = sortedSeqs.length - 1; i >= 0; i--) if (sortedSeqs[i] < at) return sortedSeqs[i];
  return sortedSeqs[sortedSeqs.length - 1];
}
