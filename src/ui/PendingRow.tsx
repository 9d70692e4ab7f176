import { useEffect, useState } from "preact/hooks";
import { formatMs, type RunMetrics } from "../models/run-timing";

// While a request waits or a run streams, a row under the timeline says so with a live timer:
// "waiting for the first byte · 3.4 s", never just "POST run".

export function PendingRow({ runs, now = Date.now }: { runs: RunMetrics[]; now?: () => number }) {
  const [t, setT] = useState(now());
  useEffect(() => {
    if (!runs.length) return;
    const id = setInterval(() => setT(now()), 100);
    return () => clearInterval(id);
  }, [runs.length > 0]);
  if (!runs.length) return null;
  return (
    <div class="pending-row" role="status" aria-label="Pending requests">
      {runs.map((r) => {
        const waiting = r.ttfbMs === undefined && r.events === 0;
        const elapsed = Math.max(0, t - r.startT);
        return (
          <div class="pending-item" data-run={r.key}>
            <span class="spinner" aria-hidden="true" />
            <span>{waiting ? "Waiting for the first byte" : "Streaming"}</span>
            <span class="elapsed" aria-hidden="true">{formatMs(elapsed)}</span>
            {!waiting && (
              <span class="muted">
                {r.events} event(s) · last frame {formatMs(Math.max(0, t - r.endT))} ago
              </span>
            )}
            <span class="muted">run {r.runId ? r.runId.slice(0, 8) : r.key}</span>
          </div>
        );
      })}
    </div>
  );
}
