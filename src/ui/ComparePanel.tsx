import type { ComparePicks } from "../models/state-diff";
import type { Operation } from "fast-json-patch";

function Ops({ ops, label }: { ops: Operation[]; label: string }) {
  return (
    <section aria-label={label}>
      <h3 class="small">
        {label} ({ops.length} op{ops.length === 1 ? "" : "s"})
      </h3>
      {ops.length === 0 ? <p class="muted small">No difference.</p> : <pre class="small" data-testid={`${label.toLowerCase().replace(/ /g, "-")}-json`}>{JSON.stringify(ops, null, 2)}</pre>}
    </section>
  );
}

/** The state and messages diff between the two picked points, as JSON Patch (fast-json-patch's compare). */
export function ComparePanel({ picks }: { picks: ComparePicks }) {
  const r = picks.result.value;
  return (
    <div class="compare-panel" role="region" aria-label="Compare">
      {!r ? (
        <p class="muted small">Pick two points: move the cursor and press “Compare A”, then “B” (or choose two runs).</p>
      ) : (
        <>
          <p class="small">
            From #{r.a} to #{r.b}{" "}
            <button type="button" class="link" onClick={() => picks.clear()}>
              Clear
            </button>
          </p>
          <Ops ops={r.state} label="State diff" />
          <Ops ops={r.messages} label="Messages diff" />
        </>
      )}
    </div>
  );
}
