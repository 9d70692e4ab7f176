import { useMemo } from "preact/hooks";
import type { SessionView } from "../models/session-view";
import { JsonTree } from "./JsonTree";
import { copyText } from "./clipboard";
// Bounded: a 5 MB value in the before/after table must not be put in the page whole.
import { preview } from "../models/summaries";

export function StatePanel({ view }: { view: SessionView }) {
  const { seq, state } = view.view.value;
  // Worked out beside the seek (in the worker for a window): the state before is never needed here.
  const change = view.stateChange.value;
  const changed = useMemo(() => new Set(change.paths), [change]);
  const failures = view.findings.value.filter((f) => f.seq === seq && (f.rule === "state/patch-failed" || f.rule === "activity/patch-failed"));
  const changes = change.changes;
  return (
    <div class="state-panel" role="region" aria-label="State">
      <p class="small muted">
        State right after #{seq}{" "}
        {state !== undefined && (
          <button type="button" class="secondary small-btn" onClick={() => void copyText(JSON.stringify(state, null, 2), `state at #${seq}`)}>
            Copy state
          </button>
        )}
      </p>
      {failures.map((f) => (
        <p class="error patch-failed" role="alert">
          Patch failed{f.opIndex !== undefined ? ` at op ${f.opIndex}` : ""}
          {f.path ? ` (${f.path})` : ""}: {f.message} — the state below is the one before this delta.
        </p>
      ))}
      {state === undefined ? <p class="muted">No state yet.</p> : <JsonTree value={state} highlight={changed} depth={3} label="State tree" />}
      {changes.length > 0 && (
        <details class="changes" open>
          <summary>
            Changed by this record ({change.count} path{change.count === 1 ? "" : "s"})
          </summary>
          <table class="before-after" aria-label="Before and after">
            <thead>
              <tr>
                <th>Path</th>
                <th>Before</th>
                <th>After</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr>
                  <td>
                    <code>{c.path}</code>
                  </td>
                  <td class="before">{c.before === undefined ? <span class="muted">(absent)</span> : <code>{preview(c.before, 300)}</code>}</td>
                  <td class="after">{c.after === undefined ? <span class="muted">(removed)</span> : <code>{preview(c.after, 300)}</code>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}
