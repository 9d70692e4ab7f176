import { useMemo } from "preact/hooks";
import type { SessionView } from "../models/session-view";
import { changedPaths } from "../models/diff";
import { beforeAfter } from "../models/state-diff";
import { JsonTree } from "./JsonTree";

export function StatePanel({ view }: { view: SessionView }) {
  const { seq, state, prevState } = view.view.value;
  // the root always "changes" when anything does; highlighting it would paint the whole tree
  const changed = useMemo(() => {
    const paths = changedPaths(prevState, state);
    paths.delete("");
    return paths;
  }, [prevState, state]);
  const failures = view.findings.value.filter((f) => f.seq === seq && (f.rule === "state/patch-failed" || f.rule === "activity/patch-failed"));
  const paths = [...changed];
  const changes = useMemo(() => (paths.length ? beforeAfter(prevState, state) : []), [prevState, state, paths.length]);
  return (
    <div class="state-panel" role="region" aria-label="State">
      <p class="small muted">State right after #{seq}</p>
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
            Changed by this record ({changes.length} path{changes.length === 1 ? "" : "s"})
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
              {changes.slice(0, 200).map((c) => (
                <tr>
                  <td>
                    <code>{c.path}</code>
                  </td>
                  <td class="before">{c.before === undefined ? <span class="muted">(absent)</span> : <code>{JSON.stringify(c.before)}</code>}</td>
                  <td class="after">{c.after === undefined ? <span class="muted">(removed)</span> : <code>{JSON.stringify(c.after)}</code>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}
