import type { RunMetrics } from "./run-metrics";

// A waterfall of runs and their tool calls, one lane per thread, in milliseconds from the first
// run's start. Open bars (a run still streaming, a call still waiting) stretch to `now`.

export interface WaterfallBar {
  kind: "run" | "tool";
  label: string;
  /** Milliseconds from the waterfall's origin. */
  startMs: number;
  endMs: number;
  open: boolean;
  /** Seq to move the cursor to when the bar is chosen. */
  seq: number;
  runKey: string;
  outcome?: RunMetrics["outcome"];
  /** How many bars this one stands for, when `bucketBars` merged several. */
  count?: number;
}

export interface WaterfallLane {
  threadId: string;
  bars: WaterfallBar[];
}

export interface Waterfall {
  originT: number;
  spanMs: number;
  lanes: WaterfallLane[];
}

export function waterfall(runs: RunMetrics[], now?: number): Waterfall {
  if (runs.length === 0) return { originT: 0, spanMs: 0, lanes: [] };
  const originT = Math.min(...runs.map((r) => r.startT));
  const lanes = new Map<string, WaterfallBar[]>();
  let spanMs = 0;
  for (const r of runs) {
    const thread = r.threadId ?? "(no thread)";
    const bars = lanes.get(thread) ?? [];
    lanes.set(thread, bars);
    const runEnd = !r.done && now !== undefined ? Math.max(now, r.endT) : r.endT;
    bars.push({
      kind: "run",
      label: `run ${r.runId ? r.runId.slice(0, 8) : r.key} · ${r.outcome ?? "running"}`,
      startMs: r.startT - originT,
      endMs: runEnd - originT,
      open: !r.done,
      seq: r.startSeq,
      runKey: r.key,
      outcome: r.outcome,
    });
    spanMs = Math.max(spanMs, runEnd - originT);
    for (const c of r.toolCalls) {
      const end = c.resultT ?? c.endT;
      const endT = end ?? (now !== undefined ? Math.max(now, c.startT) : r.endT);
      bars.push({
        kind: "tool",
        label: `${c.name}${c.latencyMs !== undefined ? ` · ${Math.round(c.latencyMs)} ms` : ""}`,
        startMs: c.startT - originT,
        endMs: endT - originT,
        open: end === undefined,
        seq: c.startSeq,
        runKey: r.key,
      });
      spanMs = Math.max(spanMs, endT - originT);
    }
  }
  return { originT, spanMs, lanes: [...lanes].map(([threadId, bars]) => ({ threadId, bars })) };
}
