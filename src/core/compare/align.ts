// Alignment of two beat sequences: the longest common subsequence of their keys (kind plus
// role or name). What is left over on either side was added or removed. The equal head and tail
// are paired first; the O(n·m) table is built only for the middle, and a middle too large for
// it (runs of many thousand beats that differ throughout) is aligned greedily instead.

export interface Pair {
  a?: number;
  b?: number;
}

/** Largest LCS table, in cells (4 bytes each). */
const MAX_CELLS = 4_000_000;
/** How far the greedy fallback looks ahead for a matching key. */
const WINDOW = 64;

export function align(a: readonly string[], b: readonly string[]): Pair[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const pairs: Pair[] = [];
  for (let i = 0; i < head; i++) pairs.push({ a: i, b: i });
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const middle = (midA.length + 1) * (midB.length + 1) <= MAX_CELLS ? lcs(midA, midB) : greedy(midA, midB);
  for (const p of middle) pairs.push({ ...(p.a !== undefined ? { a: p.a + head } : {}), ...(p.b !== undefined ? { b: p.b + head } : {}) });
  for (let k = tail; k > 0; k--) pairs.push({ a: a.length - k, b: b.length - k });
  return pairs;
}

function lcs(a: readonly string[], b: readonly string[]): Pair[] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  // table[i*width + j]: LCS length of a[i..] and b[j..].
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j] ? table[(i + 1) * width + j + 1] + 1 : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  const pairs: Pair[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) pairs.push({ a: i++, b: j++ });
    else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) pairs.push({ a: i++ });
    else pairs.push({ b: j++ });
  }
  while (i < n) pairs.push({ a: i++ });
  while (j < m) pairs.push({ b: j++ });
  return pairs;
}

/** Pair equal keys in order, skipping ahead at most WINDOW beats on either side to find one. */
function greedy(a: readonly string[], b: readonly string[]): Pair[] {
  const pairs: Pair[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push({ a: i++, b: j++ });
      continue;
    }
    const inB = b.indexOf(a[i], j + 1);
    const inA = a.indexOf(b[j], i + 1);
    const skipB = inB >= 0 && inB - j <= WINDOW ? inB - j : Infinity;
    const skipA = inA >= 0 && inA - i <= WINDOW ? inA - i : Infinity;
    // A beat with no partner nearby was removed (or added); otherwise skip the shorter stretch.
    if (skipB === Infinity) pairs.push({ a: i++ });
    else if (skipA === Infinity) pairs.push({ b: j++ });
    else if (skipB <= skipA) pairs.push({ b: j++ });
    else pairs.push({ a: i++ });
  }
  while (i < a.length) pairs.push({ a: i++ });
  while (j < b.length) pairs.push({ b: j++ });
  return pairs;
}
