import type { CompareModel } from "../models/compare";
import type { CheckModel } from "../models/check";
import { CheckResults } from "./CheckResults";
import type { LibraryModel } from "../models/library";
import type { Difference, RunComparison } from "../core/compare";
import "./compare.css";

// Compare two stored sessions: the differences `agui-inspector diff --json` reports, as a table
// per pair of runs, with timing and steps side by side.

const ms = (v: number | undefined) => (v === undefined ? "–" : `${v} ms`);
const json = (v: unknown) => (v === undefined ? "" : JSON.stringify(v));

export function CompareView({ compare, library, check }: { compare: CompareModel; library: LibraryModel; check?: CheckModel }) {
  if (!compare.available) return null;
  if (!compare.open.value) {
    return (
      <button type="button" class="secondary compare-open" onClick={() => ((compare.open.value = true), void library.refresh())}>
        Compare sessions…
      </button>
    );
  }
  const sessions = library.sessions.value;
  const result = compare.result.value;
  const picker = (label: string, value: string | null, set: (id: string) => void) => (
    <label class="field">
      <span>{label}</span>
      <select aria-label={label} value={value ?? ""} onChange={(e) => set((e.target as HTMLSelectElement).value)}>
        <option value="">Pick a session</option>
        {sessions.map((s) => (
          <option value={s.id}>
            {s.name} · {s.runs} runs
          </option>
        ))}
      </select>
    </label>
  );
  const runPicker = (label: string, session: string | null, value: string | null, set: (run: string | null) => void) => {
    const runs = sessions.find((s) => s.id === session)?.runs ?? 0;
    return (
      <label class="field">
        <span>{label}</span>
        <select aria-label={label} value={value ?? ""} disabled={!session} onChange={(e) => set((e.target as HTMLSelectElement).value || null)}>
          <option value="">Every run</option>
          {Array.from({ length: runs }, (_, i) => (
            <option value={`#${i + 1}`}>Run {i + 1}</option>
          ))}
        </select>
      </label>
    );
  };
  return (
    <section class="compare" role="dialog" aria-label="Compare sessions">
      <div class="compare-head">
        <h2>Compare sessions</h2>
        {picker("First session", compare.a.value, (id) => ((compare.a.value = id || null), (compare.runA.value = null)))}
        {runPicker("First run", compare.a.value, compare.runA.value, (run) => (compare.runA.value = run))}
        {picker("Second session", compare.b.value, (id) => ((compare.b.value = id || null), (compare.runB.value = null)))}
        {runPicker("Second run", compare.b.value, compare.runB.value, (run) => (compare.runB.value = run))}
        <button type="button" disabled={!compare.a.value || !compare.b.value || compare.busy.value} onClick={() => ((check && (check.result.value = null)), void compare.compare())}>
          Compare
        </button>
        {check && (
          <button type="button" class="secondary" title="Send the first session's runs again to the connected runtime and compare" disabled={!compare.a.value || check.busy.value} onClick={() => ((compare.result.value = null), void check.check(compare.a.value!))}>
            Check against runtime
          </button>
        )}
        <button type="button" class="secondary" onClick={() => (compare.open.value = false)}>
          Close
        </button>
      </div>
      {compare.error.value && (
        <p class="error" role="alert">
          {compare.error.value}
        </p>
      )}
      {check && <CheckResults check={check} />}
      {result && (
        <div class="compare-body">
          <p role="status" class="compare-summary">
            {result.differences} difference(s) in {result.runs.length} compared run(s)
          </p>
          {result.runs.map((run) => (
            <RunTable run={run} />
          ))}
          {result.unpaired.map((u) => (
            <p class="muted">
              Run {u.index} {u.runId ? `(${u.runId})` : ""} is only in the {u.side === "a" ? "first" : "second"} session.
            </p>
          ))}
        </div>
      )}
    </section>
  );
}

function RunTable({ run }: { run: RunComparison }) {
  const label = (s: RunComparison["a"]) => `Run ${s.index}${s.runId ? ` (${s.runId.slice(0, 8)})` : ""}`;
  return (
    <section class="compare-run" aria-label={`${label(run.a)} and ${label(run.b)}`}>
      <h3>
        {label(run.a)} ↔ {label(run.b)}: {run.differences.length} difference(s)
      </h3>
      <table class="compare-side">
        <thead>
          <tr>
            <th>Run</th>
            <th>First</th>
            <th>Second</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th>Outcome</th>
            <td>{run.a.outcome}</td>
            <td>{run.b.outcome}</td>
          </tr>
          <tr>
            <th>Duration</th>
            <td>{ms(run.a.timing.durationMs)}</td>
            <td>{ms(run.b.timing.durationMs)}</td>
          </tr>
          <tr>
            <th>First token</th>
            <td>{ms(run.a.timing.firstTokenMs)}</td>
            <td>{ms(run.b.timing.firstTokenMs)}</td>
          </tr>
          <tr>
            <th>Steps</th>
            <td>{run.a.steps.join(", ") || "–"}</td>
            <td>{run.b.steps.join(", ") || "–"}</td>
          </tr>
        </tbody>
      </table>
      {run.differences.length === 0 ? (
        <p class="muted">No differences.</p>
      ) : (
        <table class="compare-diffs" aria-label="Differences">
          <thead>
            <tr>
              <th>Kind</th>
              <th>Path</th>
              <th>First</th>
              <th>Second</th>
              <th>What changed</th>
            </tr>
          </thead>
          <tbody>
            {run.differences.map((d: Difference) => (
              <tr class={`diff-row diff-${d.kind}`} data-kind={d.kind} data-path={d.path ?? ""}>
                <td>{d.kind}</td>
                <td class="mono">{d.path ?? ""}</td>
                <td class="mono">{json(d.before)}</td>
                <td class="mono">{json(d.after)}</td>
                <td>{d.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
