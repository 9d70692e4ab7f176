// Alignment of two beat sequences: the longest common subsequence of their keys (kind plus
// role or name). What is left over on either side was added or removed. Runs have tens to a
// few thousand beats, so the plain O(n·m) table is fine.

export interface Pair {
  a?: number;
  b?: number;
}

export function align(a: readonly string[], b: readonly string[]): Pair[] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  // lcs[i*width + j]: LCS length of a[i..] and b[j..].
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  const pairs: Pair[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) pairs.push({ a: i++, b: j++ });
    else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) pairs.push({ a: i++ });
    else pairs.push({ b: j++ });
  }
  while (i < n) pairs.push({ a: i++ });
  while (j < m) pairs.push({ b: j++ });
  return pairs;
}
