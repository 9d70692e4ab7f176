export { runMetrics, createRunTimer, DEFAULT_STALL_MS, type RunMetrics, type ToolCallTiming, type Stall } from "./run-metrics";
export { gapStats, type GapStats } from "./stats";
export { waterfall, type Waterfall, type WaterfallBar, type WaterfallLane } from "./waterfall";
export { formatMs } from "./format";
export { bucketBars, drawnWaterfall, WATERFALL_BUCKETS } from "./buckets";
