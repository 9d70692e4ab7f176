import type { WaterfallBar } from "./waterfall";

/** Bars of one kind in a lane past which they are drawn merged: a track is a few hundred pixels wide. */
export const WATERFALL_BUCKETS = 240;

const severity: Record<string, number> = { error: 3, interrupt: 2, incomplete: 1 };

/**
 * A lane's bars as drawn: when a kind has more bars than `buckets`, those whose start falls in the
 * same slice of the span (span / buckets) become one bar covering them all. It moves the cursor
 * to the earliest of them, counts them, stays open if one is, and keeps the worst outcome, so a
 * failed run among hundreds still shows. A lane of fewer bars is returned as it is.
 */
export function bucketBars(bars: readonly WaterfallBar[], spanMs: number, buckets = WATERFALL_BUCKETS): WaterfallBar[] {
  const out: WaterfallBar[] = [];
  for (const kind of ["run", "tool"] as const) {
    const mine = bars.filter((b) => b.kind === kind);
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
      const first = b.startMs < m.startMs || (b.startMs === m.startMs && b.seq < m.seq);
      merged.set(at, {
        ...m,
        label: first ? b.label : m.label,
        seq: first ? b.seq : m.seq,
        runKey: first ? b.runKey : m.runKey,
        startMs: Math.min(m.startMs, b.startMs),
        endMs: Math.max(m.endMs, b.endMs),
        open: m.open || b.open,
        outcome: (severity[b.outcome ?? ""] ?? 0) > (severity[m.outcome ?? ""] ?? 0) ? b.outcome : m.outcome,
        count: (m.count ?? 1) + 1,
      });
    }
    out.push(...[...merged.keys()].sort((a, b) => a - b).map((k) => merged.get(k)!));
  }
  // Drawn in time order, runs before the tool calls they hold (the order `waterfall` gives).
  return bars.length === out.length ? [...bars] : out.sort((a, b) => a.startMs - b.startMs || (a.kind === b.kind ? 0 : a.kind === "run" ? -1 : 1));
}
