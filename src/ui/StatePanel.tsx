import { useMemo } from "preact/hooks";
import type { SessionView } from "../models/session-view";
import { changedPaths } from "../models/diff";
import { JsonTree } from "./JsonTree";
import { copyText } from "./clipboard";

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
      {paths.length > 0 && (
        <details class="changes" open>
          <summary>
            Changed by this record ({paths.length} path{paths.length === 1 ? "" : "s"})
          </summary>
          <ul>
            {paths.slice(0, 50).map((p) => (
              <li>
                <code>{p}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
