import type { Waterfall, WaterfallBar } from "./waterfall";

/** Bars of one kind in a lane past which they are drawn merged: a track is a few hundred pixels wide. */
export const WATERFALL_BUCKETS = 240;

const severity: Record<string, number> = { error: 3, interrupt: 2, incomplete: 1 };
/** How bad an outcome is: a merged bar shows the worst of its bars'. */
const rank = (outcome: string | undefined) => severity[String(outcome)] ?? 0;

/**
 * A lane's bars as drawn, in time order (a run before a tool call that starts with it): when a
 * kind has more bars than `buckets`, those whose start falls in the same slice of the span
 * (span / buckets) become one bar covering them all. It moves the cursor to the earliest of them,
 * counts them, stays open if one is, and keeps the worst outcome (the earliest's among equals), so
 * a failed run among hundreds still shows.
 */
export function bucketBars(bars: readonly WaterfallBar[], spanMs: number, buckets = WATERFALL_BUCKETS): WaterfallBar[] {
  const out: WaterfallBar[] = [];
  const byKind: Record<WaterfallBar["kind"], WaterfallBar[]> = { run: [], tool: [] };
  for (const b of bars) byKind[b.kind].push(b);
  for (const mine of [byKind.run, byKind.tool]) {
    if (mine.length <= buckets) {
      out.push(...mine);
      continue;
    }
    const slice = Math.max(spanMs, 1) / buckets;
    const merged = new Map<number, WaterfallBar>();
    for (const b of mine) {
      const at = Math.min(buckets - 1, Math.floor(b.startMs / slice));
      const m = merged.get(at);
      if (!m) {
        merged.set(at, { ...b });
        continue;
      }
      // Stryker disable next-line EqualityOperator: two bars never share a seq
      const first = b.startMs < m.startMs || (b.startMs === m.startMs && b.seq < m.seq);
      merged.set(at, {
        ...m,
        label: first ? b.label : m.label,
        seq: first ? b.seq : m.seq,
        runKey: first ? b.runKey : m.runKey,
        startMs: Math.min(m.startMs, b.startMs),
        endMs: Math.max(m.endMs, b.endMs),
        open: m.open || b.open,
        outcome: rank(b.outcome) > rank(m.outcome) ? b.outcome : m.outcome,
        count: (m.count ?? 1) + 1,
      });
    }
    out.push(...merged.values());
  }
  // (a stable sort: runs went in first, so a run stays before a tool call that starts with it)
  return out.sort((a, b) => a.startMs - b.startMs);
}

/** A waterfall as drawn: each lane's bars merged by bucketBars (its size is bounded by the buckets, not the runs). */
export function drawnWaterfall(whole: Waterfall, buckets = WATERFALL_BUCKETS): Waterfall {
  return { ...whole, lanes: whole.lanes.map((l) => ({ ...l, bars: bucketBars(l.bars, whole.spanMs, buckets) })) };
}
