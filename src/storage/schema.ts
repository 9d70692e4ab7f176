import type { DBSchema } from "idb";
import type { SessionHeader, SessionRecord } from "../core/session/record";

// The IndexedDB layout. Records are stored many to a value ("chunks"): IndexedDB pays per value
// written, not per byte, so ~100 records per value is ~20× faster than one value per record
// (docs/storage.md has the measurements).

export const DB_NAME = "agui-inspector";

/** What the user sees and edits about a session; written by the library, never by a sink. */
export interface StoredSession {
  id: string;
  header: SessionHeader;
  /** Display name; the user may rename it. */
  name: string;
  tags: string[];
  /** Epoch ms. */
  createdAt: number;
  runtimeUrl?: string;
  agentId?: string;
}

export interface RunStat {
  runId: string;
  threadId?: string;
  agentId?: string;
  firstSeq: number;
  lastSeq: number;
  records: number;
  firstT: number;
  lastT: number;
}

export interface ThreadStat {
  threadId: string;
  firstSeq: number;
  lastSeq: number;
  records: number;
}

/** Counters kept by the session's one writer (its sink), blind-written with every batch. */
export interface SessionStats {
  id: string;
  /** The sink that owns this session; set once when it claims the session. */
  writer?: string;
  /** Its chunks have no text index yet: the library import leaves it to the first fold, which then clears this. */
  unindexed?: true;
  lastSeq: number;
  records: number;
  /** Records of kind "event" (AG-UI events). */
  events: number;
  /** Approximate stored size: JSON characters of all records. */
  bytes: number;
  firstT?: number;
  lastT?: number;
  /** Epoch ms of the last committed write. */
  updatedAt: number;
  agents: string[];
  runs: Record<string, RunStat>;
  threads: Record<string, ThreadStat>;
}

/** A contiguous, seq-ordered slice of one session's records. Key: [sessionId, firstSeq]. */
export interface Chunk {
  sessionId: string;
  firstSeq: number;
  lastSeq: number;
  /**
   * The records as JSON text (v4 on): IndexedDB copies one string many times faster than the
   * object graph of a hundred records. Read them with chunkRecords().
   */
  json?: string;
  /** The records themselves, as chunks written before v4 hold them. */
  records?: SessionRecord[];
  /** JSON characters of the records, for the size counters. */
  bytes: number;
  /** [sessionId, runId, firstSeq] per run present; multiEntry index "run". */
  runKeys: [string, string, number][];
  /** [sessionId, threadId, firstSeq] per thread present; multiEntry index "thread". */
  threadKeys: [string, string, number][];
}

/**
 * A chunk's text index (v5 on): a Bloom filter of the trigrams of everything a search can match
 * in its records (core/search/text-grams.ts). Written with its chunk, in the same transaction,
 * so it always describes the chunk as stored; a chunk written before v5 has none and is read.
 */
export interface ChunkGrams {
  sessionId: string;
  /** The chunk's own key and last seq. */
  firstSeq: number;
  lastSeq: number;
  /** GRAMS_VERSION of the hashing that wrote `bits`. */
  v: number;
  bits: Uint8Array;
}

/**
 * The text indexes of consecutive chunks, up to GRAM_PAGE_CHUNKS, in one value (IndexedDB pays
 * per value read: 10,000 indexes read in ~100 ms one a value, ~22 ms a hundred a value). Key:
 * [sessionId, firstSeq of its first chunk]; pages never interleave (gram-pages.ts).
 */
export interface GramPage {
  sessionId: string;
  firstSeq: number;
  grams: Omit<ChunkGrams, "sessionId">[];
}

/** Derived replay state at a seq; may be dropped and rebuilt at any time. */
export interface Checkpoint {
  sessionId: string;
  seq: number;
  value: unknown;
}

export interface Setting {
  key: string;
  value: unknown;
}

export interface InspectorSchema extends DBSchema {
  sessions: { key: string; value: StoredSession; indexes: { createdAt: number } };
  stats: { key: string; value: SessionStats };
  chunks: {
    key: [string, number];
    value: Chunk;
    indexes: { run: [string, string, number]; thread: [string, string, number] };
  };
  checkpoints: { key: [string, number]; value: Checkpoint };
  grams: { key: [string, number]; value: GramPage };
  settings: { key: string; value: Setting };
}

/** Every store that holds data about one session (removal touches all of them). */
export const SESSION_STORES = ["sessions", "stats", "chunks", "checkpoints", "grams"] as const;

/** All keys [sessionId, n] of one session in a store keyed by [sessionId, number]. */
export function sessionRange(sessionId: string, from = -Infinity, to = Infinity): IDBKeyRange {
  return IDBKeyRange.bound([sessionId, from], [sessionId, to]);
}
