import { computed, signal } from "@preact/signals";
import { createRunTimer, drawnWaterfall, waterfall, type RunMetrics, type Waterfall } from "../core/timing";
import type { SessionView } from "./session-view";
import { logFollower } from "./log-follower";

export type { RunMetrics, Waterfall, WaterfallBar, ToolCallTiming, GapStats } from "../core/timing";
export { formatMs, DEFAULT_STALL_MS } from "../core/timing";

/** Runs the Runs tab shows at once. */
export const RUNS_PAGE = 50;

/**
 * Per-run timing of the session in view, kept up to date as records arrive (each record read
 * once). A window's runs stay in the worker, which timed them in its first pass: the page holds
 * their count, the waterfall as drawn (bounded by its buckets) and the one page of runs shown.
 */
export function createRunTiming(view: SessionView, opts: { stallMs?: number } = {}) {
  let timer = createRunTimer(opts);
  const sync = logFollower(
    () => view.records(),
    () => (timer = createRunTimer(opts)),
    (r) => timer.add(r),
  );
  /** Every run's timing, in memory (empty for a window: see runsIn). */
  const runs = computed<RunMetrics[]>(() => {
    if (view.paged.value) return [];
    view.lastSeq.value;
    sync();
    return timer.metrics();
  });
  const runCount = computed(() => {
    const paged = view.paged.value;
    return paged ? (paged.overview.value?.runCount ?? 0) : runs.value.length;
  });
  /** A run still waiting for its first byte or still streaming: what the pending row shows. */
  // A stored session is not live: a run it left unfinished waits for nothing.
  const pending = computed(() => (view.paged.value ? [] : runs.value.filter((r) => !r.done)));

  // A window's page of runs: the last one asked for, for the overview it was asked under.
  type Page = { from: number; to: number; of: unknown };
  const page = signal<(Page & { runs: RunMetrics[] }) | null>(null);
  let asked: Page | null = null;
  const same = (a: Page | null, b: Page) => !!a && a.from === b.from && a.to === b.to && a.of === b.of;
  /** Runs [from, to); undefined while a window's page is on its way (asked for here, drawn when it comes). */
  function runsIn(from: number, to: number): RunMetrics[] | undefined {
    const paged = view.paged.value;
    if (!paged) return runs.value.slice(from, to);
    const of = paged.overview.value;
    if (!of) return [];
    const want = { from, to, of };
    const held = page.value;
    if (held && same(held, want)) return held.runs;
    if (same(asked, want)) return undefined;
    const mine = (asked = want);
    const settle = (got: RunMetrics[]) => void (asked === mine && ((asked = null), (page.value = { ...mine, runs: got })));
    paged.runTimings(from, to).then(settle, (err) => {
      paged.error.value = `Reading the session's runs failed: ${(err as Error)?.message ?? String(err)}`;
      settle([]);
    });
    return undefined;
  }

  return {
    runs,
    runCount,
    runsIn,
    pending,
    /** The waterfall as drawn (merged into slices of the span); `now` ends a live run's bar. */
    waterfall: (now?: number): Waterfall => {
      const paged = view.paged.value;
      if (paged) return paged.overview.value?.waterfall ?? { originT: 0, spanMs: 0, lanes: [] };
      return drawnWaterfall(waterfall(runs.value, now));
    },
  };
}

export type RunTiming = ReturnType<typeof createRunTiming>;
