import type { LineError } from "../file";
import type { RecordDraft, SessionRecord } from "../record";
import { stamped } from "../numbered";
import { redactRecordSecrets } from "../redact-record";

/** Where a format reader puts what it read: numbered records, and errors by line. */
export interface RecordOut {
  /** Number a draft (next seq) and stamp it with `t`: the draft, handed over, becomes the record. */
  push(draft: RecordDraft, t: number): SessionRecord;
  /** A record that already has its seq (this project's own files). */
  keep(record: SessionRecord): void;
  error(line: number, message: string): void;
  nextExchange(): number;
  readonly records: SessionRecord[];
  readonly errors: LineError[];
  readonly count: number;
  /** Hand buffered records to the consumer. */
  flush(): void;
}

const BATCH = 1000;

export function createRecordOut(options: { keepRecords?: boolean; onRecords?: (batch: SessionRecord[]) => void }): RecordOut {
  const keepAll = options.keepRecords !== false;
  const records: SessionRecord[] = [];
  const errors: LineError[] = [];
  let pending: SessionRecord[] = [];
  let seq = 0;
  let exchange = 0;
  let count = 0;

  const flush = () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    // Stryker disable next-line OptionalChaining: records are only pending when there is an onRecords
    options.onRecords?.(batch);
  };
  const add = (record: SessionRecord) => {
    count++;
    if (keepAll) records.push(record);
    // Stryker disable next-line ConditionalExpression: without onRecords a pending batch is only dropped at the next flush
    if (options.onRecords) {
      pending.push(record);
      if (pending.length >= BATCH) flush();
    }
  };

  return {
    // Secret names are redacted on the way in, whatever the file's origin (RUN_STARTED.input echoes included).
    // Every reader hands over a draft made for this record alone, so it becomes the record.
    push(draft, t) {
      const record = stamped(redactRecordSecrets(draft), ++seq, t);
      add(record);
      return record;
    },
    keep(record) {
      seq = record.seq;
      add(redactRecordSecrets(record));
    },
    error(line, message) {
      errors.push({ line, error: message });
    },
    nextExchange: () => ++exchange,
    records,
    errors,
    get count() {
      return count;
    },
    flush,
  };
}
