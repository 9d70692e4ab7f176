import type { RecordDraft, SessionRecord } from "../session/record";
import { numbered } from "../session/numbered";
import { createEmitter } from "../emitter";
import { redactRecordSecrets } from "../session/redact-record";
import { createSecretValues, type SecretValues } from "../session/redact-values";

/** Where batches of records go: IndexedDB, memory, a file. Writes arrive in seq order. */
export interface RecordSink {
  write(records: SessionRecord[]): Promise<void>;
  /**
   * Records taken but not yet stored, while storing works (0 while it is failing: those wait in
   * memory by design, and reading must not stop for them).
   */
  unstored?(): number;
}

export interface Clock {
  now(): number;
  /** Schedule fn after ms; returns a cancel function. */
  schedule(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  schedule: (fn, ms) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};

export interface RecorderOptions {
  sink: RecordSink;
  clock?: Clock;
  /** Flush this long after the first buffered record (ms). */
  flushMs?: number;
  /** Flush at once when this many records are buffered. */
  maxBatch?: number;
  /** Continue numbering after an existing session's last seq. */
  startSeq?: number;
  startExchange?: number;
  /** Where a `record` listener's error goes (default: rethrown apart); it never stops the others or the recording. */
  onListenerError?: (error: unknown) => void;
  /** Secret values to scrub from every record (default: a new set, filled by the exchanges). */
  secrets?: SecretValues;
}

export type RecorderEvents = {
  record: SessionRecord;
  /** A sink write failed; the records stay buffered in memory and are retried on the next flush. */
  "sink-error": { error: unknown; pending: number };
  /** A write that had failed before went through. */
  "sink-recovered": { written: number };
};

export interface Recorder {
  /**
   * Numbers the record, after redacting secret names and every secret value learned so far.
   * `at` is the record's time when the source carries one (a debug-feed envelope's timestamp).
   */
  push(draft: RecordDraft, at?: number): SessionRecord;
  /** What the exchanges sent under secret names; scrubbed from every record and usable on output text. */
  secrets: SecretValues;
  nextExchange(): number;
  flush(): Promise<void>;
  /** Records not yet accepted by the sink. */
  pending(): number;
  /** Records recorded but not yet stored while the sink keeps up with writing (see RecordSink.unstored). */
  unstored(): number;
  lastSeq(): number;
  on<K extends keyof RecorderEvents>(name: K, fn: (payload: RecorderEvents[K]) => void): () => void;
}

/**
 * Numbers and timestamps records in arrival order and hands them to the sink in batches
 * (never one write per event). A failing sink never loses a record: the batch stays buffered,
 * the failure is reported, and the next flush retries it ahead of newer records.
 */
export function createRecorder(options: RecorderOptions): Recorder {
  const clock = options.clock ?? systemClock;
  const flushMs = options.flushMs ?? 50;
  const maxBatch = options.maxBatch ?? 1000;
  let seq = options.startSeq ?? 0;
  let exchange = options.startExchange ?? 0;
  let buffer: SessionRecord[] = [];
  let cancelTimer: (() => void) | null = null;
  let writing: Promise<void> = Promise.resolve();
  let failing = false;
  const events = createEmitter<RecorderEvents>(options.onListenerError);
  const secrets = options.secrets ?? createSecretValues();
  const emit = events.emit;

  function schedule() {
    if (cancelTimer) return;
    cancelTimer = clock.schedule(() => {
      cancelTimer = null;
      void flush();
    }, flushMs);
  }

  function flush(): Promise<void> {
    if (cancelTimer) {
      cancelTimer();
      cancelTimer = null;
    }
    writing = writing.then(async () => {
      if (buffer.length === 0) return;
      const batch = buffer;
      buffer = [];
      try {
        await options.sink.write(batch);
        if (failing) {
          failing = false;
          emit("sink-recovered", { written: batch.length });
        }
      } catch (error) {
        buffer = batch.concat(buffer);
        failing = true;
        emit("sink-error", { error, pending: buffer.length });
      }
    });
    return writing;
  }

  return {
    push(draft, at) {
      const record = numbered(redactRecordSecrets(draft, secrets), ++seq, at ?? clock.now());
      buffer.push(record);
      emit("record", record);
      if (buffer.length >= maxBatch && !failing) void flush();
      else schedule();
      return record;
    },
    secrets,
    nextExchange: () => ++exchange,
    flush,
    pending: () => buffer.length,
    unstored: () => (failing ? 0 : buffer.length + (options.sink.unstored?.() ?? 0)),
    lastSeq: () => seq,
    on: events.on,
  };
}
