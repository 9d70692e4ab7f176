// A put that throws is a record's fault only when that record, put alone, is refused too. A
// put that fails for another reason (a full disk, a one-off error) swaps nothing and backs off.
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { unwrap } from "idb";
import type { EventRecord } from "../core/session/record";
import { createSession } from "./sessions";
import { createIdbSink } from "./sink";
import { readRecords } from "./read";
import { StorageWriteError } from "./errors";
import { eventRecord, freshDb, header, manualClock, quotaError, records } from "./test-util";

type Db = Awaited<ReturnType<typeof freshDb>>;
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/**
 * Faults for the chunk puts: `write` throws from the sink's write transaction (the one that also
 * holds "stats"), `probe` from the chunks-only transaction that tests records one by one. Each
 * returns the error to throw for this put, or null to let it through.
 */
function faultyPuts(db: Db, faults: { write?: () => Error | null; probe?: () => Error | null }) {
  const raw = unwrap(db.idb) as IDBDatabase;
  const original = raw.transaction.bind(raw);
  raw.transaction = ((stores: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) => {
    const tx = original(stores, mode, options);
    const names = ([] as string[]).concat(stores);
    if (mode !== "readwrite" || !names.includes("chunks")) return tx;
    const fault = names.includes("stats") ? faults.write : faults.probe;
    if (!fault) return tx;
    const objectStore = tx.objectStore.bind(tx);
    tx.objectStore = (name: string) => {
      const store = objectStore(name);
      if (name !== "chunks") return store;
      const put = store.put.bind(store);
      store.put = (value: unknown, key?: IDBValidKey) => {
        const error = fault();
        if (error) throw error;
        return put(value, key);
      };
      return store;
    };
    return tx;
  }) as IDBDatabase["transaction"];
}

/** Throws `error` the first time only. */
const once = (error: Error) => {
  let thrown = false;
  return () => (thrown ? null : ((thrown = true), error));
};

/** A record the store refuses (a BigInt in the event: chunks hold their records as JSON text). */
const unclonable = (seq: number) => ({ ...eventRecord(seq), event: { type: "CUSTOM", name: "big", value: 1n } }) as unknown as EventRecord;

const stored = async (db: Db, id: string) => (await readRecords(db, id, { limit: 1e9 })).records;

describe("IndexedDB sink, a put that throws", () => {
  it("a one-off failure no record causes replaces nothing and backs off", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    faultyPuts(db, { write: once(new Error("disk hiccup")) });
    const sink = await createIdbSink(db, s.id, { clock: manualClock() });
    const err = await sink.write(records(1, 5)).catch((e) => e);
    expect(err).toBeInstanceOf(StorageWriteError);
    expect(sink.state()).toMatchObject({ status: "failing", problem: { kind: "unknown", detail: "Error: disk hiccup" }, replaced: 0, unsaved: 5 });
    await sink.retry();
    expect((await stored(db, s.id)).map((r) => r.kind)).toEqual(Array(5).fill("event"));
    sink.dispose();
  });

  it("a full disk at put time swaps no healthy record (one JSON cannot hold is swapped as it is encoded, before the disk)", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    faultyPuts(db, { write: once(quotaError()) });
    const sink = await createIdbSink(db, s.id, { clock: manualClock() });
    const err = await sink.write([...records(1, 2), unclonable(3), ...records(4, 5)]).catch((e) => e);
    expect(err.problem.kind).toBe("quota");
    expect(sink.state()).toMatchObject({ status: "failing", replaced: 1, unsaved: 5 });
    expect(sink.unsaved().map((r) => r.kind)).toEqual(["event", "event", "bad-frame", "event", "event"]);
    // Space is back: everything is stored, that record once, as its raw form.
    await sink.retry();
    expect((await stored(db, s.id)).map((r) => r.kind)).toEqual(["event", "event", "bad-frame", "event", "event"]);
    expect(sink.state()).toMatchObject({ status: "saved", replaced: 1 });
    sink.dispose();
  });

  it("when testing the records one by one fails too, the write's own error is what it reports", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    faultyPuts(db, { write: once(new Error("disk hiccup")), probe: () => new DOMException("closing", "InvalidStateError") });
    const sink = await createIdbSink(db, s.id, { clock: manualClock() });
    const err = await sink.write(records(1, 3)).catch((e) => e);
    expect(err).toBeInstanceOf(StorageWriteError);
    expect(err.problem).toMatchObject({ kind: "unknown", detail: "Error: disk hiccup" });
    expect(sink.state()).toMatchObject({ savedSeq: 0, replaced: 0 });
    sink.dispose();
  });

  it("the pagehide flush reports a put that fails at once", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    faultyPuts(db, { write: once(new Error("disk hiccup")) });
    const sink = await createIdbSink(db, s.id, { clock: manualClock() });
    sink.accept(records(1, 3));
    const err = await sink.flushNow().catch((e) => e);
    expect(err).toBeInstanceOf(StorageWriteError);
    expect(sink.state()).toMatchObject({ status: "failing", savedSeq: 0, unsaved: 3 });
    sink.dispose();
  });

  it("counts each refused record once when a backlog spans several transactions", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id, { chunkSize: 10, txRecords: 10 });
    await sink.write([...records(1, 4), unclonable(5), ...records(6, 14), unclonable(15), ...records(16, 20)]);
    const all = await stored(db, s.id);
    expect(all.map((r) => r.seq)).toEqual(range(1, 20));
    expect(all.filter((r) => r.kind === "bad-frame").map((r) => r.seq)).toEqual([5, 15]);
    expect(sink.state()).toMatchObject({ status: "saved", replaced: 2 });
  });
});
