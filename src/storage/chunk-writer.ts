import { systemClock, type Clock } from "../core/recorder/recorder";
import type { SessionRecord } from "../core/session/record";
import { buildChunk } from "./chunks";
import type { InspectorDb } from "./db";
import { describeStorageError, SequenceError, SessionGoneError, StorageWriteError } from "./errors";
import { batchCommitted, putBatch } from "./put-batch";
import { rawFormOf } from "./raw-form";
import type { Chunk } from "./schema";
import { claimSession } from "./sessions";
import { SINK_DEFAULTS } from "./sink";
import { countInto } from "./stats";

/** Transactions a writer has issued and not yet seen commit, at most. */
const IN_FLIGHT = 2;

export interface ChunkWriterOptions {
  /** Records per stored value. */
  chunkSize?: number;
  /** Records per transaction. */
  txRecords?: number;
  durability?: IDBTransactionDurability;
  clock?: Clock;
}

export interface ChunkWriter {
  /**
   * Take records, seqs dense from 1 on: each chunk is built (its JSON text, keys and its count in
   * the session's stats) the moment it is whole, and its records are let go.
   */
  add(records: readonly SessionRecord[]): void;
  /**
   * Once the built chunks fill a transaction: issue it, first waiting while two are in flight.
   * So the database always has the next transaction queued while this worker builds another,
   * and memory holds three batches of chunk text at most.
   */
  write(): Promise<void>;
  /** Store everything added, the last chunk even part full; resolves once all of it committed. */
  end(): Promise<void>;
  /** Resolves when no transaction is in flight (whatever its outcome). */
  idle(): Promise<void>;
  /** Records JSON could not hold, stored instead as bad-frames keeping their capped raw text. */
  replaced(): number;
}

/**
 * The library import's writer. Unlike the recording sink (sink.ts), which keeps every record
 * until it has committed so a failed write can be retried, this holds chunks as text: records
 * die young, which kept the garbage collector from copying 40,000 of them around a million-event
 * import's every scavenge. A failed transaction fails the import (the library then removes it);
 * nothing is retried. Stores the chunks and stats a sink given the same records stores, but no
 * text index: the stats say `unindexed`, and the session's first fold, which reads every chunk
 * anyway, builds it (paged-session.ts). Building it here was a fifth of a million-event import.
 */
export async function createChunkWriter(db: InspectorDb, sessionId: string, options: ChunkWriterOptions = {}): Promise<ChunkWriter> {
  const size = options.chunkSize ?? SINK_DEFAULTS.chunkSize;
  const perTx = Math.max(size, Math.floor((options.txRecords ?? SINK_DEFAULTS.txRecords) / size) * size);
  const durability = options.durability ?? SINK_DEFAULTS.durability;
  const clock = options.clock ?? systemClock;
  const stats = await claimSession(db, sessionId, crypto.randomUUID(), clock.now());
  stats.unindexed = true;
  let lastSeq = stats.lastSeq;
  let tail: SessionRecord[] = [];
  let built: Chunk[] = [];
  let builtRecords = 0;
  /** Transactions issued and not yet settled, oldest first: at most IN_FLIGHT. */
  // Stryker disable next-line ArrayDeclaration: an entry that is no transaction is awaited at once; only how many may queue changes
  const inflight: Promise<void>[] = [];
  let replaced = 0;

  /** The record as stored: itself, or its raw form where JSON cannot hold it (a BigInt, a cycle, nesting deeper than the stack). */
  const storable = (r: SessionRecord): SessionRecord => {
    try {
      JSON.stringify(r);
      return r;
    } catch (error) {
      replaced++;
      return rawFormOf(r, error);
    }
  };

  function build(records: SessionRecord[]): Chunk {
    let chunk: Chunk;
    try {
      chunk = buildChunk(sessionId, records[0].seq, records);
    } catch {
      records = records.map(storable);
      try {
        chunk = buildChunk(sessionId, records[0].seq, records);
      } catch (error) {
        throw new StorageWriteError(describeStorageError(error), error);
      }
    }
    countInto(stats, records);
    stats.bytes += chunk.bytes;
    return chunk;
  }

  const failure = (error: unknown) => (error instanceof StorageWriteError || error instanceof SessionGoneError ? error : new StorageWriteError(describeStorageError(error), error));

  async function issue(): Promise<void> {
    const batch = built;
    // The stats as of this batch's last chunk (chunks built while it waits are counted on).
    const covered = structuredClone(stats);
    built = [];
    builtRecords = 0;
    // The database runs transactions one after another; two queued keep it busy while this worker builds.
    while (inflight.length >= IN_FLIGHT) await inflight.shift();
    covered.updatedAt = clock.now();
    let done: Promise<void>;
    try {
      done = batchCommitted(db, sessionId, putBatch(db, sessionId, batch, [], covered, durability));
    } catch (error) {
      done = Promise.reject(error);
    }
    const tracked = done.catch((error) => {
      throw failure(error);
    });
    // (awaited by the next write or end; this only keeps an early failure from being reported as unhandled)
    tracked.catch(() => {});
    inflight.push(tracked);
  }

  return {
    add(records) {
      for (let i = 0; i < records.length; i++) if (records[i].seq !== lastSeq + 1 + i) throw new SequenceError(lastSeq + 1 + i, records[i].seq);
      lastSeq += records.length;
      // Whole chunks are sliced from the batch (pushing record by record cost a third of a microsecond each).
      let i = 0;
      // Stryker disable next-line ConditionalExpression: with no tail this takes the batch's first chunk as the loop below would
      if (tail.length) {
        i = Math.min(records.length, size - tail.length);
        tail = tail.concat(records.slice(0, i));
        if (tail.length < size) return;
        built.push(build(tail));
        builtRecords += size;
      }
      for (; i + size <= records.length; i += size) {
        built.push(build(records.slice(i, i + size)));
        builtRecords += size;
      }
      tail = records.slice(i);
    },
    async write() {
      if (builtRecords >= perTx) await issue();
    },
    async end() {
      if (tail.length) built.push(build(tail));
      // Stryker disable next-line ArrayDeclaration: nothing is added after end()
      tail = [];
      if (built.length) await issue();
      while (inflight.length) await inflight.shift();
    },
    idle: () => Promise.allSettled(inflight).then(() => {}),
    replaced: () => replaced,
  };
}
