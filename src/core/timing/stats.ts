// Percentiles by nearest rank on a sorted copy: gaps are few per run (one per frame), so sorting is fine.

export interface GapStats {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

export function gapStats(gaps: number[]): GapStats {
  if (gaps.length === 0) return { count: 0, p50: 0, p95: 0, max: 0 };
  const sorted = [...gaps].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  return { count: sorted.length, p50: rank(0.5), p95: rank(0.95), max: sorted[sorted.length - 1] };
}
