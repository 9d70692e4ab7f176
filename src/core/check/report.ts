import { printable, type Difference } from "../compare/diff";
import type { RunCheck } from "./runner";

// The readable report and the JUnit XML a CI shows: one testcase per recorded run.

export interface RecordingCheck {
  /** The recording as named on the command line. */
  file: string;
  runs: RunCheck[];
  /** Where the new session was saved, if it was. */
  saved?: string;
  /** The recording could not be read: no runs were checked. */
  error?: string;
}

export interface CheckSummary {
  runs: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
}

export function summarize(checks: RecordingCheck[]): CheckSummary {
  const runs = checks.flatMap((c) => c.runs);
  return {
    runs: runs.length,
    passed: runs.filter((r) => r.status === "passed").length,
    failed: runs.filter((r) => r.status === "failed").length,
    errors: runs.filter((r) => r.status === "error").length + checks.filter((c) => c.error).length,
    skipped: runs.filter((r) => r.status === "skipped").length,
  };
}

export function runLabel(run: RunCheck): string {
  return `run ${run.index}${run.recordedRunId ? ` (${run.recordedRunId})` : ""}`;
}

export function formatReport(checks: RecordingCheck[]): string {
  let out = "";
  for (const check of checks) {
    if (check.error) {
      out += `✗ ${check.file}: ${printable(check.error)}\n`;
      continue;
    }
    for (const run of check.runs) {
      const mark = run.status === "passed" ? "✓" : run.status === "skipped" ? "-" : "✗";
      const verdict = run.verdict;
      const counts = verdict ? `${verdict.failures.length} failing difference(s), ${verdict.notes.length} allowed` : printable(run.error ?? "");
      out += `${mark} ${check.file} ${runLabel(run)}${run.agentId ? ` agent ${run.agentId}` : ""}: ${run.status} — ${counts}\n`;
      for (const d of verdict?.failures ?? []) out += `    FAIL  ${line(d)}\n`;
      for (const d of verdict?.notes ?? []) out += `    note  ${line(d)}\n`;
      for (const n of run.notes) out += `    note  ${printable(n)}\n`;
      const c = run.comparison;
      if (c) out += `    timing: duration ${ms(c.a.timing.durationMs)} → ${ms(c.b.timing.durationMs)}, first token ${ms(c.a.timing.firstTokenMs)} → ${ms(c.b.timing.firstTokenMs)}\n`;
    }
    if (check.saved) out += `  new session → ${check.saved}\n`;
  }
  const s = summarize(checks);
  out += `${s.runs} run(s): ${s.passed} passed, ${s.failed} failed, ${s.errors} error(s)${s.skipped ? `, ${s.skipped} skipped` : ""}\n`;
  return out;
}

function line(d: Difference): string {
  return `[${d.kind}] ${d.message}`;
}

function ms(v: number | undefined): string {
  return v === undefined ? "–" : `${v} ms`;
}

export function formatJunit(checks: RecordingCheck[], suiteName = "agui-inspector check"): string {
  const s = summarize(checks);
  let cases = "";
  for (const check of checks) {
    if (check.error) {
      cases += `    <testcase classname="${xml(check.file)}" name="(recording)" time="0">\n      <error message="${xml(check.error)}"/>\n    </testcase>\n`;
      continue;
    }
    for (const run of check.runs) {
      cases += `    <testcase classname="${xml(check.file)}" name="${xml(runLabel(run))}" time="${(run.ms / 1000).toFixed(3)}">\n`;
      if (run.status === "error") cases += `      <error message="${xml(run.error ?? "error")}"/>\n`;
      if (run.status === "skipped") cases += `      <skipped message="${xml(run.error ?? "skipped")}"/>\n`;
      if (run.status === "failed") {
        const failures = run.verdict?.failures ?? [];
        const first = failures[0]?.message ?? "the run did not match";
        cases += `      <failure message="${xml(first)}" type="mismatch">${xml(failures.map(line).join("\n"))}</failure>\n`;
      }
      const notes = [...(run.verdict?.notes ?? []).map(line), ...run.notes];
      if (notes.length) cases += `      <system-out>${xml(notes.join("\n"))}</system-out>\n`;
      cases += `    </testcase>\n`;
    }
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="${xml(suiteName)}" tests="${s.runs}" failures="${s.failed}" errors="${s.errors}" skipped="${s.skipped}">\n` +
    `  <testsuite name="${xml(suiteName)}" tests="${s.runs}" failures="${s.failed}" errors="${s.errors}" skipped="${s.skipped}">\n` +
    cases +
    `  </testsuite>\n</testsuites>\n`
  );
}

/** Text for an XML attribute or element; characters XML 1.0 forbids are dropped. */
function xml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}
