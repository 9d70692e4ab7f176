import type { SessionRecord } from "../core/session/record";
import { coalesceKey, FAMILIES, isFiltering, matcher, type RecordFamily } from "../models/filters";
import type { ChunkSummary } from "./fold-index";

// The timeline's rows under a filter, as seqs: 8 bytes a row whatever the records hold. Rows of
// an unfiltered, uncoalesced session are its seqs and need no index at all. Otherwise a scan
// builds the index chunk by chunk, skipping chunks whose summary says nothing in them can match,
// and readers get the rows found so far while it runs.

export type { RowQuery } from "../models/session-port";
import type { RowQuery } from "../models/session-port";

export interface RowIndex {
  /** Rows found so far. */
  readonly length: number;
  readonly complete: boolean;
  seqAt(i: number): number;
  countAt(i: number): number;
  /** Position of the last row whose seq is <= seq (-1 when none). */
  positionOf(seq: number): number;
}

/** Rows of an unfiltered session whose seqs run dense from `first`. */
export function identityRows(first: number, count: number): RowIndex {
  return {
    length: count,
    complete: true,
    seqAt: (i) => first + i,
    countAt: () => 1,
    positionOf: (seq) => Math.min(count - 1, seq - first),
  };
}

export function needsScan(q: RowQuery): boolean {
  return q.coalesce || isFiltering(q.filter);
}

/** Whether a chunk can hold a row of the query, from its summary alone. */
export function chunkMayMatch(q: RowQuery, summary: ChunkSummary): boolean {
  const f = q.filter;
  if (f.runId !== null && !summary.runs.includes(f.runId)) return false;
  if (f.threadId !== null && !summary.threads.includes(f.threadId)) return false;
  if (f.hidden.size) {
    let shown = 0;
    FAMILIES.forEach((fam: RecordFamily, i) => {
      if (!f.hidden.has(fam)) shown |= 1 << i;
    });
    if ((summary.families & shown) === 0) return false;
  }
  return true;
}

/** What a search renders for a missing or non-finite value (`${undefined}`), which stored JSON text does not hold. */
const RENDERED = ["undefined", "nan", "infinity"];

/**
 * A test on a chunk's stored JSON text that every chunk holding a match of the search passes, so a
 * chunk that fails it is skipped without decoding its records. Only for a needle of characters
 * JSON writes as they are and a search's text never joins across (no space, quote or backslash):
 * a match is then the same characters in the stored text, lowercased the same way. Undefined when
 * the needle is not such.
 */
export function textMayMatch(text: string): ((json: string) => boolean) | undefined {
  const needle = text.trim().toLowerCase();
  if (!needle || !/^[a-z0-9_.:/@#=+-]+$/.test(needle) || RENDERED.some((word) => word.includes(needle))) return undefined;
  return (json) => json.toLowerCase().includes(needle);
}

/** A row index filled by `add`, chunk after chunk in seq order, the way the in-memory view builds it. */
export function createScannedRows(q: RowQuery, flagged?: ReadonlySet<number>) {
  let seqs = new Int32Array(1024);
  let counts = new Int32Array(1024);
  let length = 0;
  let complete = false;
  /** Every record up to this seq has been looked at (a skipped chunk counts). */
  let scannedTo = 0;
  let lastKey: string | null = null;
  const match = isFiltering(q.filter) ? matcher(q.filter, flagged) : null;

  function grow() {
    const s = new Int32Array(seqs.length * 2);
    s.set(seqs);
    seqs = s;
    const c = new Int32Array(counts.length * 2);
    c.set(counts);
    counts = c;
  }

  const index: RowIndex & { readonly scannedTo: number; add(records: readonly SessionRecord[], upTo?: number): void; passed(lastSeq: number): void; finish(): void; reopen(): void } = {
    get length() {
      return length;
    },
    get complete() {
      return complete;
    },
    get scannedTo() {
      return scannedTo;
    },
    seqAt: (i) => seqs[i],
    countAt: (i) => counts[i],
    positionOf(seq) {
      let lo = 0;
      let hi = length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (seqs[mid] <= seq) lo = mid + 1;
        else hi = mid - 1;
      }
      return hi;
    },
    /** Records of a chunk; those scanned before (its chunk grew since) and those after `upTo` are left out. */
    add(records, upTo = Number.MAX_SAFE_INTEGER) {
      let last = scannedTo;
      for (const r of records) {
        if (r.seq <= scannedTo || r.seq > upTo) continue;
        last = r.seq;
        if (match && !match(r)) continue;
        const key = q.coalesce ? coalesceKey(r) : null;
        if (key !== null && key === lastKey && length) {
          counts[length - 1]++;
          continue;
        }
        lastKey = key;
        if (length === seqs.length) grow();
        seqs[length] = r.seq;
        counts[length] = 1;
        length++;
      }
      scannedTo = last;
    },
    /** A chunk ruled out by its summary: nothing up to its last seq can be a row. */
    passed(lastSeq: number) {
      scannedTo = Math.max(scannedTo, lastSeq);
    },
    finish() {
      complete = true;
    },
    /** The session grew: rows after scannedTo are to be found again. */
    reopen() {
      complete = false;
    },
  };
  return index;
}

export type ScannedRows = ReturnType<typeof createScannedRows>;
