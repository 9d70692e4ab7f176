import type { SessionView } from "../models/session-view";

export function FindingsPanel({ view }: { view: SessionView }) {
  const findings = view.findings.value;
  const cursor = view.cursorSeq.value;
  if (!findings.length) return <p class="muted" role="region" aria-label="Findings">No protocol findings.</p>;
  return (
    <div role="region" aria-label="Findings">
      <ul class="findings">
        {findings.map((f) => (
          <li class={`finding sev-${f.severity}${f.seq === cursor ? " at-cursor" : ""}`}>
            <button type="button" class="link" onClick={() => view.select(f.seq)} aria-label={`Go to record ${f.seq}`}>
              #{f.seq}
            </button>{" "}
            <span class={`sev sev-${f.severity}`}>{f.severity}</span> <code>{f.rule}</code> {f.message}
            {f.path ? <span class="muted"> · {f.path}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
