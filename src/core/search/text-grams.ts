// A Bloom filter of the character trigrams (UTF-16 code units) of some lowercased text: the
// per-chunk text index a search consults before reading a chunk. A needle of three or more
// characters can occur in the text only if every one of its trigrams is in the filter, so a
// filter missing any of them rules the text out. Never a false "no"; a false "maybe" costs a read.
//
// Each trigram sets two bits. The filter is built large, then halved (OR of its two halves —
// bit i of a filter of S bits is bit i mod S/2 of the half) while at most half its bits would be
// set: a chunk of repetitive token events gets a few hundred bytes, a state snapshot up to 16 KB.

/** Bumped when the hashing changes: a filter of another version is not consulted (its chunk is read). */
export const GRAMS_VERSION = 1;

const MIN_BITS = 1 << 8;
const MAX_BITS = 1 << 17;
/** A filter is halved while it stays at most this full. */
const MAX_FILL = 0.5;

/** A trigram's hash: its first bit position is the hash, its second the hash rotated by 15. */
function mix(c0: number, c1: number, c2: number): number {
  const h = Math.imul(((c0 << 16) | c1) ^ Math.imul(c2, 0x9e3779b1), 0x85ebca6b);
  return h ^ (h >>> 15);
}

/** A trigram's two bit positions (before reducing modulo the filter's size). */
function hashes(c0: number, c1: number, c2: number): [number, number] {
  const h = mix(c0, c1, c2);
  return [h >>> 0, ((h >>> 17) | (h << 15)) >>> 0];
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * Collects the trigrams of texts (each already lowercased; trigrams never span two texts).
 * `sizeHint`: about how many characters will be added, to start no larger than needed.
 */
export function createGramFilter(sizeHint = MAX_BITS) {
  let bits = MIN_BITS;
  while (bits < MAX_BITS && bits < sizeHint * 2) bits <<= 1;
  const words = new Int32Array(bits >>> 5);
  const mask = bits - 1;
  return {
    add(text: string): void {
      if (text.length < 3) return;
      let a = text.charCodeAt(0);
      let b = text.charCodeAt(1);
      for (let i = 2; i < text.length; i++) {
        const c = text.charCodeAt(i);
        // (mix() keeps one hash for the filters and the probe)
        const h = mix(a, b, c);
        const i1 = h & mask;
        const i2 = ((h >>> 17) | (h << 15)) & mask;
        words[i1 >>> 5] |= 1 << (i1 & 31);
        words[i2 >>> 5] |= 1 << (i2 & 31);
        a = b;
        b = c;
      }
    },
    /** The filter, halved as far as it stays sparse enough, as bytes (bit i = byte i>>3, bit i&7). */
    finish(): Uint8Array {
      let n = words.length;
      while (n * 32 > MIN_BITS) {
        const half = n >>> 1;
        let set = 0;
        for (let i = 0; i < half; i++) set += popcount(words[i] | words[i + half]);
        if (set > half * 32 * MAX_FILL) break;
        for (let i = 0; i < half; i++) words[i] |= words[i + half];
        n = half;
      }
      const out = new Uint8Array(n * 4);
      for (let i = 0; i < n; i++) {
        const w = words[i];
        out[i * 4] = w & 0xff;
        out[i * 4 + 1] = (w >>> 8) & 0xff;
        out[i * 4 + 2] = (w >>> 16) & 0xff;
        out[i * 4 + 3] = (w >>> 24) & 0xff;
      }
      return out;
    },
  };
}

/**
 * A test of filters for a lowercased needle: false only when the filter's text cannot hold it.
 * Undefined for a needle shorter than a trigram, which no filter can answer.
 */
export function gramProbe(needle: string): ((filter: Uint8Array) => boolean) | undefined {
  if (needle.length < 3) return undefined;
  const seen = new Set<string>();
  const positions: number[] = [];
  for (let i = 2; i < needle.length; i++) {
    const key = needle.slice(i - 2, i + 1);
    if (seen.has(key)) continue;
    seen.add(key);
    positions.push(...hashes(needle.charCodeAt(i - 2), needle.charCodeAt(i - 1), needle.charCodeAt(i)));
  }
  return (filter) => {
    const bits = filter.length * 8;
    // Not a filter this code wrote (a size that is no power of two): it rules nothing out.
    if (bits < MIN_BITS || (bits & (bits - 1)) !== 0) return true;
    const mask = bits - 1;
    for (const p of positions) {
      const i = p & mask;
      if ((filter[i >>> 3] & (1 << (i & 7))) === 0) return false;
    }
    return true;
  };
}
