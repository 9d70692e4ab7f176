import type { CheckModel } from "../models/check";

// The outcome of "Check against runtime": one block per recorded run, its failing differences
// and the allowed ones, as `agui-inspector check` prints them.

export function CheckResults({ check }: { check: CheckModel }) {
  const result = check.result.value;
  return (
    <>
      {check.busy.value && <p role="status">Checking against the runtime…</p>}
      {check.error.value && (
        <p class="error" role="alert">
          {check.error.value}
        </p>
      )}
      {result && (
        <div class="compare-body">
          <p role="status" class="check-summary">
            {result.name}: {result.runs.filter((r) => r.status === "passed").length} of {result.runs.length} run(s) passed
          </p>
          {result.runs.map((run) => (
            <section class={`check-run check-${run.status}`} aria-label={`Run ${run.index} check`} data-status={run.status}>
              <h3>
                {run.status === "passed" ? "✓" : run.status === "skipped" ? "–" : "✗"} Run {run.index}: {run.status}
                {run.verdict ? ` — ${run.verdict.failures.length} failing, ${run.verdict.notes.length} allowed difference(s)` : ""}
              </h3>
              {run.error && <p class="error">{run.error}</p>}
              {run.verdict && run.verdict.failures.length + run.verdict.notes.length > 0 && (
                <table class="compare-diffs" aria-label={`Run ${run.index} differences`}>
                  <tbody>
                    {[...run.verdict.failures.map((d) => ["fails", d] as const), ...run.verdict.notes.map((d) => ["allowed", d] as const)].map(([verdict, d]) => (
                      <tr class={`check-row ${verdict}`} data-verdict={verdict} data-kind={d.kind}>
                        <td>{verdict}</td>
                        <td>{d.kind}</td>
                        <td>{d.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {run.notes.map((n) => (
                <p class="small muted">{n}</p>
              ))}
            </section>
          ))}
        </div>
      )}
    </>
  );
}
