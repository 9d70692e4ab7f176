import { createEmitter } from "../core/emitter";
import { systemClock, type Clock, type Recorder, type RecordSink } from "../core/recorder/recorder";
import type { SessionRecord } from "../core/session/record";
import { buildIndexedChunks, chunkStart } from "./chunks";
import { createGramPages } from "./gram-pages";
import type { InspectorDb } from "./db";
import { describeStorageError, SequenceError, StorageWriteError, type StorageProblem } from "./errors";
import { batchCommitted, putBatch, type PutBatch } from "./put-batch";
import { rawFormOf } from "./raw-form";
import { findRefused } from "./refused";
import { claimSession } from "./sessions";
import type { SessionStats } from "./schema";
import { addToStats } from "./stats";

export interface IdbSinkOptions {
  /** Records per stored value. */
  chunkSize?: number;
  /** Most records in one transaction, so a large backlog makes progress (and lets other tabs in). */
  txRecords?: number;
  durability?: IDBTransactionDurability;
  clock?: Clock;
  /** Wait before retrying a failed write by itself; doubles per failure up to maxMs. */
  backoff?: { firstMs: number; maxMs: number };
}

export const SINK_DEFAULTS = { chunkSize: 100, txRecords: 20_000, durability: "relaxed" as IDBTransactionDurability, backoff: { firstMs: 1000, maxMs: 30_000 } };

export type SaveStatus = "saved" | "saving" | "failing" | "detached";

export interface SaveState {
  status: SaveStatus;
  /** Every record up to this seq is committed to IndexedDB. */
  savedSeq: number;
  /** The last record this sink has been given. */
  acceptedSeq: number;
  /** Records held only in memory (acceptedSeq − savedSeq). */
  unsaved: number;
  problem: StorageProblem | null;
  /** Records the store refused, stored instead as bad-frames keeping their capped raw text. */
  replaced: number;
  /** When a failing sink tries again by itself (epoch ms). */
  retryAt?: number;
}

export type SinkEvents = { change: SaveState };

export interface IdbSink extends RecordSink {
  readonly sessionId: string;
  /** Take records into memory without writing yet (see attach). */
  accept(records: readonly SessionRecord[]): void;
  /** Start a transaction for everything unsaved right now, even mid-write: for page hide. */
  flushNow(): Promise<void>;
  /** Try a failed write again now (after the user freed space). */
  retry(): Promise<void>;
  /** Accept every record the moment the recorder makes it, so flushNow sees the recorder's buffer too. */
  attach(recorder: Recorder): () => void;
  state(): SaveState;
  /** Records not yet committed, in seq order: what an export must add to the stored ones. */
  unsaved(): SessionRecord[];
  on<K extends keyof SinkEvents>(name: K, fn: (payload: SinkEvents[K]) => void): () => void;
  dispose(): void;
}

interface Job {
  end: number;
  stats: SessionStats;
  tailBytes: number;
  batch: PutBatch;
}

/**
 * The RecordSink that writes one session to IndexedDB. It claims the session (one writer per
 * session), keeps every record it is given until a transaction holding it has committed, and
 * writes records many to a stored value and many values to a transaction. Writes are blind
 * puts issued synchronously, so a write started in `pagehide` reaches the database.
 */
export async function createIdbSink(db: InspectorDb, sessionId: string, options: IdbSinkOptions = {}): Promise<IdbSink> {
  const size = options.chunkSize ?? SINK_DEFAULTS.chunkSize;
  const perTx = Math.max(size, Math.floor((options.txRecords ?? SINK_DEFAULTS.txRecords) / size) * size);
  const durability = options.durability ?? SINK_DEFAULTS.durability;
  const clock = options.clock ?? systemClock;
  const backoff = options.backoff ?? SINK_DEFAULTS.backoff;
  const writer = crypto.randomUUID();
  const events = createEmitter<SinkEvents>();

  let savedStats = await claimSession(db, sessionId, writer, clock.now());
  let savedSeq = 0;
  let acceptedSeq = 0;
  /** Bytes of the chunks that lie wholly before `open`. */
  let bytesBefore = 0;
  /** Records from the start of the chunk holding savedSeq+1 up to acceptedSeq. */
  let open: SessionRecord[] = [];
  let problem: StorageProblem | null = null;
  let replaced = 0;
  let fatal = false;
  let failures = 0;
  let retryAt = 0;
  let cancelRetry: (() => void) | null = null;
  let queue: Promise<void> = Promise.resolve();
  /** A flushNow transaction in flight; queued writes wait for it rather than repeat it. */
  let urgent: Promise<void> | null = null;
  /** The text index pages not yet wholly committed (gram-pages.ts). */
  const gramPages = createGramPages(sessionId, size);
  const state = (): SaveState => ({
    status: fatal ? "detached" : problem ? "failing" : savedSeq < acceptedSeq ? "saving" : "saved",
    savedSeq,
    acceptedSeq,
    unsaved: acceptedSeq - savedSeq,
    problem,
    replaced,
    ...(retryAt ? { retryAt } : {}),
  });
  const changed = () => events.emit("change", state());

  function accept(records: readonly SessionRecord[]) {
    if (!records.length) return;
    // Batches are dense, so jump past what we already hold instead of walking it.
    // Stryker disable next-line ArithmeticOperator: a start off by a few is corrected by the walk back and the skip below; only speed differs
    let start = Math.min(records.length, Math.max(0, acceptedSeq + 1 - records[0].seq));
    while (start > 0 && records[start - 1].seq > acceptedSeq) start--;
    for (let i = start; i < records.length; i++) {
      const r = records[i];
      if (r.seq <= acceptedSeq) continue;
      if (r.seq !== acceptedSeq + 1 && !fatal) detach(new SequenceError(acceptedSeq + 1, r.seq));
      open.push(r);
      acceptedSeq = r.seq;
    }
  }

  function detach(error: unknown) {
    if (fatal) return; // the first cause is the one to show
    fatal = true;
    problem = describeStorageError(error);
    cancelRetry?.();
    retryAt = 0;
    changed();
  }

  function fail(error: unknown): StorageWriteError {
    const p = describeStorageError(error);
    if (!p.retryable) {
      detach(error);
      return new StorageWriteError(p, error);
    }
    problem = p;
    failures++;
    retryAt = clock.now() + Math.min(backoff.maxMs, backoff.firstMs * 2 ** (failures - 1));
    cancelRetry?.();
    cancelRetry = clock.schedule(() => {
      cancelRetry = null;
      retryAt = 0;
      void enqueue(acceptedSeq).catch(() => {});
    }, retryAt - clock.now());
    changed();
    return new StorageWriteError(p, error);
  }

  /**
   * Issue one transaction for open[0 … count) — everything unsaved when count is omitted. A
   * record the store refuses makes `put` throw before anything commits; it is then swapped for
   * its raw form and the transaction issued again, so one record never holds back the rest.
   */
  function issue(count = open.length): Job {
    try {
      return issueOnce(count);
    } catch (error) {
      if (!replaceRefused(count, error)) throw error;
      return issueOnce(count);
    }
  }

  /** Swap each record in open[0 … count) that the store refuses by itself; false if none does. */
  function replaceRefused(count: number, error: unknown): boolean {
    if (describeStorageError(error).kind !== "unknown" || !open.length) return false;
    const from = Math.max(0, savedSeq + 1 - open[0].seq);
    let refused: Map<number, unknown>;
    try {
      refused = findRefused(db, open.slice(from, count));
    } catch {
      return false;
    }
    if (!refused.size) return false;
    for (let i = from; i < Math.min(count, open.length); i++) {
      if (refused.has(open[i].seq)) open[i] = rawFormOf(open[i], refused.get(open[i].seq));
    }
    replaced += refused.size;
    return true;
  }

  function issueOnce(count: number): Job {
    const records = open.slice(0, count);
    const { chunks, grams } = buildIndexedChunks(sessionId, records, size);
    const pages = gramPages.add(grams);
    const fresh = records.slice(Math.max(0, savedSeq + 1 - records[0].seq));
    const stats = addToStats(savedStats, fresh);
    stats.bytes = bytesBefore + chunks.reduce((n, c) => n + c.bytes, 0);
    stats.updatedAt = clock.now();
    const batch = putBatch(db, sessionId, chunks, pages, stats, durability);
    const last = chunks[chunks.length - 1];
    return { end: stats.lastSeq, stats, tailBytes: last.lastSeq === last.firstSeq + size - 1 ? 0 : last.bytes, batch };
  }

  async function settle(job: Job) {
    await batchCommitted(db, sessionId, job.batch);
    if (job.end <= savedSeq) return;
    savedSeq = job.end;
    gramPages.committed(savedSeq + 1);
    savedStats = job.stats;
    bytesBefore = job.stats.bytes - job.tailBytes;
    // open still holds this job's records, from the start of the chunk that held savedSeq+1.
    open = open.slice(chunkStart(savedSeq + 1, size) - open[0].seq);
    if (problem && !fatal) {
      problem = null;
      failures = 0;
      retryAt = 0;
      cancelRetry?.();
      cancelRetry = null;
    }
    changed();
  }

  async function drain(target: number) {
    while (savedSeq < Math.min(target, acceptedSeq)) {
      if (urgent) {
        await urgent.catch(() => {});
        continue;
      }
      if (fatal) throw new StorageWriteError(problem!, null);
      if (retryAt && clock.now() < retryAt) throw new StorageWriteError(problem!, null);
      // No check for a closed database here: its "closed" event detached this sink (fatal above).
      try {
        await settle(issue(perTx));
      } catch (error) {
        throw error instanceof StorageWriteError ? error : fail(error);
      }
    }
  }

  function enqueue(target: number): Promise<void> {
    const run = queue.then(() => drain(target));
    queue = run.catch(() => {});
    return run;
  }

  function flushNow(): Promise<void> {
    if (fatal || savedSeq >= acceptedSeq || !db.isOpen()) return queue;
    try {
      const job = issue();
      const done = settle(job).catch((error) => {
        throw error instanceof StorageWriteError ? error : fail(error);
      });
      const tracked: Promise<void> = done
        .catch(() => {})
        .then(() => {
          if (urgent === tracked) urgent = null;
        });
      urgent = tracked;
      return done;
    } catch (error) {
      return Promise.reject(fail(error));
    }
  }

  // Another tab's upgrade is about to close the connection: save what we hold while we still can.
  const offUpgrade = db.on("versionchange", () => void flushNow().catch(() => {}));
  const offClosed = db.on("closed", ({ reason }) => detach(new DOMException(`The database connection closed (${reason}).`, "InvalidStateError")));

  return {
    sessionId,
    async write(records) {
      accept(records);
      if (fatal) throw new StorageWriteError(problem!, null);
      if (!records.length) return;
      return enqueue(records[records.length - 1].seq);
    },
    accept,
    flushNow,
    retry() {
      retryAt = 0;
      cancelRetry?.();
      cancelRetry = null;
      return enqueue(acceptedSeq);
    },
    attach(recorder) {
      return recorder.on("record", (r) => accept([r]));
    },
    state,
    unstored: () => (fatal || problem ? 0 : acceptedSeq - savedSeq),
    unsaved: () => (open.length ? open.slice(Math.max(0, savedSeq + 1 - open[0].seq)) : []),
    on: events.on,
    dispose() {
      cancelRetry?.();
      offUpgrade();
      offClosed();
    },
  };
}
