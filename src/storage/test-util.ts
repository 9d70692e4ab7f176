// Hand-written fakes for the storage tests (fake-indexeddb supplies indexedDB itself).
import type { EventRecord, RecordDraft, SessionRecord } from "../core/session/record";
import { createHeader } from "../core/session/file";
import { unwrap } from "idb";
import { openInspectorDb, type InspectorDb } from "./db";
import { createIdbSink, type IdbSink, type SaveState } from "./sink";
import { createSession } from "./sessions";
import { manualClock as clockFrom } from "../core/recorder/manual-clock";

let n = 0;
export async function freshDb(): Promise<InspectorDb> {
  return openInspectorDb({ name: `test-${process.pid}-${++n}-${Math.random().toString(36).slice(2)}` });
}

export function header(fields: Parameters<typeof createHeader>[0] = {}) {
  return createHeader({ runtimeUrl: "http://127.0.0.1:4000/rest", agentId: "bulk", ...fields });
}

/** A fresh database holding one library session with `records`, written and saved. */
export async function storedSession(records: SessionRecord[]): Promise<{ db: InspectorDb; id: string }> {
  const db = await freshDb();
  const s = await createSession(db, header());
  const sink = await createIdbSink(db, s.id);
  await sink.write(records);
  await sink.flushNow();
  sink.dispose();
  return { db, id: s.id };
}


export function eventDraft(i: number, ids: { runId?: string; threadId?: string } = { runId: "run-1", threadId: "thread-1" }): RecordDraft {
  return { dir: "in", kind: "event", x: 1, agentId: "bulk", ...ids, event: { type: "TEXT_MESSAGE_CONTENT", messageId: "m1", delta: `${i} ` } } as RecordDraft;
}

export function eventRecord(seq: number, ids?: { runId?: string; threadId?: string }): SessionRecord {
  return { ...eventDraft(seq, ids), seq, t: 1_700_000_000_000 + seq } as EventRecord;
}

export function records(from: number, to: number, ids?: { runId?: string; threadId?: string }): SessionRecord[] {
  const out: SessionRecord[] = [];
  for (let s = from; s <= to; s++) out.push(eventRecord(s, ids));
  return out;
}

/**
 * Resolves with the sink's state once `ok` holds (checked now and on every change): tests wait
 * for a condition, never for wall-clock time. A condition that never comes fails by the test's timeout.
 */
export function sinkReaches(sink: IdbSink, ok: (state: SaveState) => boolean): Promise<SaveState> {
  return new Promise((resolve) => {
    if (ok(sink.state())) return resolve(sink.state());
    const off = sink.on("change", (state) => {
      if (!ok(state)) return;
      off();
      resolve(state);
    });
  });
}

/**
 * Counts the database's readwrite transactions over "chunks" and lets a test make them fail the
 * way a full disk does: the transaction aborts with QuotaExceededError and nothing is stored.
 */
export function instrumentDb(db: InspectorDb, fail: () => DOMException | null = () => null): { writes: number } {
  const raw = unwrap(db.idb) as IDBDatabase;
  const original = raw.transaction.bind(raw);
  const counter = { writes: 0 };
  raw.transaction = ((stores: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) => {
    const tx = original(stores, mode, options);
    if (mode !== "readwrite" || !([] as string[]).concat(stores).includes("chunks")) return tx;
    counter.writes++;
    const error = fail();
    if (error) {
      Object.defineProperty(tx, "error", { get: () => error });
      tx.commit = () => tx.abort();
    }
    return tx;
  }) as IDBDatabase["transaction"];
  return counter;
}

export function quotaError(): DOMException {
  return new DOMException("The quota has been exceeded.", "QuotaExceededError");
}

/** A clock whose timers run only when the test advances it, starting at a realistic epoch time. */
export function manualClock(start = 1_700_000_000_000) {
  return clockFrom(start);
}
