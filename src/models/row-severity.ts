import { computed } from "@preact/signals";
import { recordSeverity, stepFinding, SEVERITY_WORDS, type RowSeverity } from "../core/severity";
import type { SessionRecord } from "../core/session/record";
import type { Finding } from "../core/replay";
import type { SessionView } from "./session-view";

export { SEVERITY_WORDS, type RowSeverity };

/** Severity of each row from its record and the findings about it; next/previous finding. */
export function createRowSeverity(view: SessionView) {
  const bySeq = computed(() => {
    const map = new Map<number, Finding[]>();
    for (const f of view.findings.value) {
      const list = map.get(f.seq);
      if (list) list.push(f);
      else map.set(f.seq, [f]);
    }
    return map;
  });

  function of(r: SessionRecord): RowSeverity | undefined {
    return recordSeverity(r, bySeq.value.get(r.seq));
  }

  /** Seqs worth stopping at: error and warning findings, plus rows flagged on their own. */
  function flaggedSeqs(): number[] {
    const seqs = new Set<number>();
    // run/error is an info finding about a RUN_ERROR row, which the gutter shows as an error;
    // a windowed session has no records here, so the finding is what marks the row.
    for (const f of view.findings.value) if (f.severity !== "info" || f.rule === "run/error") seqs.add(f.seq);
    for (const r of view.records()) if (recordSeverity(r)) seqs.add(r.seq);
    return [...seqs].sort((a, b) => a - b);
  }

  /** Move the cursor to the next (1) or previous (-1) finding; stays put when there is none. */
  function step(dir: 1 | -1): void {
    // from the cursor as the moves before this one leave it (a window answers them later)
    view.moveBy((from) => stepFinding(flaggedSeqs(), from, dir));
  }

  return { of, step, flaggedSeqs };
}

export type RowSeverityModel = ReturnType<typeof createRowSeverity>;
