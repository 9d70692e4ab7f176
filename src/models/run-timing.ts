import { computed } from "@preact/signals";
import { createRunTimer, waterfall, type RunMetrics, type Waterfall } from "../core/timing";
import type { SessionView } from "./session-view";
import { logFollower } from "./log-follower";

export type { RunMetrics, Waterfall, WaterfallBar, ToolCallTiming, GapStats } from "../core/timing";
export { formatMs, DEFAULT_STALL_MS, bucketBars } from "../core/timing";

/** Per-run timing of the session in view, kept up to date as records arrive (each record read once). */
export function createRunTiming(view: SessionView, opts: { stallMs?: number } = {}) {
  let timer = createRunTimer(opts);
  const sync = logFollower(
    () => view.records(),
    () => (timer = createRunTimer(opts)),
    (r) => timer.add(r),
  );
  const runs = computed<RunMetrics[]>(() => {
    // A window's records stay in the worker, which timed them in its first pass.
    const paged = view.paged.value;
    if (paged) return paged.overview.value?.runTimings ?? [];
    view.lastSeq.value;
    sync();
    return timer.metrics();
  });
  /** A run still waiting for its first byte or still streaming: what the pending row shows. */
  // A stored session is not live: a run it left unfinished waits for nothing.
  const pending = computed(() => (view.paged.value ? [] : runs.value.filter((r) => !r.done)));
  return {
    runs,
    pending,
    waterfall: (now?: number): Waterfall => waterfall(runs.value, now),
  };
}

export type RunTiming = ReturnType<typeof createRunTiming>;
