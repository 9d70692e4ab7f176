// The sink's write queue at its edges: empty and repeated input, flushNow racing queued writes,
// the first cause of a detach staying shown, and a retry timer that runs late.
import "fake-indexeddb/auto";
import { chunkRecords } from "./chunks";
import { describe, expect, it } from "vitest";
import { unwrap } from "idb";
import type { Clock } from "../core/recorder/recorder";
import { createSession } from "./sessions";
import { createIdbSink, SINK_DEFAULTS } from "./sink";
import { readRecords } from "./read";
import { StorageWriteError } from "./errors";
import { freshDb, header, instrumentDb, manualClock, quotaError, records } from "./test-util";

type Db = Awaited<ReturnType<typeof freshDb>>;
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const seqs = async (db: Db, id: string) => (await readRecords(db, id, { limit: 1e9 })).records.map((r) => r.seq);

/** The options each readwrite transaction over "chunks" was opened with. */
function txOptions(db: Db): (IDBTransactionOptions | undefined)[] {
  const raw = unwrap(db.idb) as IDBDatabase;
  const original = raw.transaction.bind(raw);
  const seen: (IDBTransactionOptions | undefined)[] = [];
  raw.transaction = ((stores: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) => {
    if (mode === "readwrite" && ([] as string[]).concat(stores).includes("chunks")) seen.push(options);
    return original(stores, mode, options);
  }) as IDBDatabase["transaction"];
  return seen;
}

describe("IndexedDB sink queue", () => {
  it("an empty write resolves and changes nothing; on a detached sink it rejects like any write", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    expect(sink.unsaved()).toEqual([]);
    await expect(sink.write([])).resolves.toBeUndefined();
    sink.accept([]);
    expect(sink.state()).toMatchObject({ status: "saved", savedSeq: 0, acceptedSeq: 0 });
    await sink.write(records(1, 3));
    await sink.write(records(6, 6)).catch(() => {});
    const err = await sink.write([]).catch((e) => e);
    expect(err).toBeInstanceOf(StorageWriteError);
    expect(err.problem.kind).toBe("sequence");
  });

  it("opens its write transactions relaxed unless told otherwise", async () => {
    const db = await freshDb();
    const a = await createSession(db, header());
    const b = await createSession(db, header());
    const seen = txOptions(db);
    await (await createIdbSink(db, a.id)).write(records(1, 2));
    await (await createIdbSink(db, b.id, { durability: "strict" })).write(records(1, 2));
    expect(seen).toEqual([{ durability: SINK_DEFAULTS.durability }, { durability: "strict" }]);
    expect(SINK_DEFAULTS.durability).toBe("relaxed");
  });

  it("says saving while records wait in memory, saved once they commit", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    sink.accept(records(1, 3));
    expect(sink.state()).toMatchObject({ status: "saving", savedSeq: 0, acceptedSeq: 3, unsaved: 3 });
    await sink.flushNow();
    expect(sink.state()).toMatchObject({ status: "saved", savedSeq: 3, unsaved: 0 });
  });

  it("stores a record repeated inside one batch, or repeated after later ones, once", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    const [r1, r2, r3] = records(1, 3);
    await sink.write([r1, r2, r2, r3]);
    const [r6, r7, r8] = records(6, 8);
    const [r4, r5] = records(4, 5);
    await sink.write([r4, r5, r6, r7, r5, r8]);
    expect(sink.state()).toMatchObject({ status: "saved", savedSeq: 8, problem: null });
    expect(await seqs(db, s.id)).toEqual(range(1, 8));
  });

  it("a gap names the seq it expected and the one that came", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    await sink.write(records(1, 5));
    const err = await sink.write(records(8, 9)).catch((e) => e);
    expect(err.problem.detail).toBe("SequenceError: Expected record seq 6, got 8.");
  });

  it("keeps showing the first cause: a sink detached by a gap still says so after the database closes", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    await sink.write(records(1, 2));
    await sink.write(records(4, 4)).catch(() => {});
    db.close();
    expect(sink.state()).toMatchObject({ status: "detached", problem: { kind: "sequence" } });
  });

  it("says which way the database closed", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    db.close();
    expect(sink.state().problem).toMatchObject({ kind: "closed", detail: "InvalidStateError: The database connection closed (close)." });
  });

  it("a transaction that commits after the sink detached does not clear the cause", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    sink.accept(records(1, 5));
    const flushed = sink.flushNow();
    sink.accept(records(8, 8));
    await flushed;
    expect(sink.state()).toMatchObject({ status: "detached", savedSeq: 5, problem: { kind: "sequence" } });
  });

  it("a write waits for its own records, not for a backlog accepted after them", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const counter = instrumentDb(db);
    const sink = await createIdbSink(db, s.id, { chunkSize: 100, txRecords: 100 });
    sink.accept(records(1, 300));
    await sink.write(records(1, 50));
    expect([counter.writes, sink.state().savedSeq]).toEqual([1, 100]);
    await sink.write(records(1, 300));
    expect(await seqs(db, s.id)).toEqual(range(1, 300));
  });

  it("a queued write waits for a flushNow transaction instead of repeating it", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const counter = instrumentDb(db);
    const sink = await createIdbSink(db, s.id);
    sink.accept(records(1, 450));
    await Promise.all([sink.flushNow(), sink.write(records(1, 450))]);
    expect(counter.writes).toBe(1);
    expect(await seqs(db, s.id)).toEqual(range(1, 450));
  });

  it("after a flushNow has settled, later writes go ahead", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    sink.accept(records(1, 10));
    await sink.flushNow();
    await sink.write(records(11, 20));
    expect(await seqs(db, s.id)).toEqual(range(1, 20));
  });

  it("flushNow with nothing unsaved, or on a fresh sink, issues no transaction", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const counter = instrumentDb(db);
    const sink = await createIdbSink(db, s.id);
    await expect(sink.flushNow()).resolves.toBeUndefined();
    await sink.write(records(1, 5));
    await sink.flushNow();
    expect(counter.writes).toBe(1);
    expect(sink.state()).toMatchObject({ status: "saved", savedSeq: 5 });
  });

  it("flushNow reports a session deleted meanwhile as gone", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    await sink.write(records(1, 10));
    const tx = db.idb.transaction("sessions", "readwrite");
    await tx.store.delete(s.id);
    await tx.done;
    sink.accept(records(11, 20));
    const err = await sink.flushNow().catch((e) => e);
    expect(err).toBeInstanceOf(StorageWriteError);
    expect(err.problem.kind).toBe("gone");
    expect(sink.state().status).toBe("detached");
  });

  it("retry on a detached sink stores nothing past the gap", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    await sink.write(records(1, 5));
    await sink.write(records(8, 9)).catch(() => {});
    await expect(sink.retry()).rejects.toBeInstanceOf(StorageWriteError);
    expect(await seqs(db, s.id)).toEqual(range(1, 5));
  });

  it("retry on a healthy sink with nothing pending just resolves", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    await sink.write(records(1, 2));
    await expect(sink.retry()).resolves.toBeUndefined();
  });

  it("waits one second before its first retry by default", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    instrumentDb(db, () => quotaError());
    const clock = manualClock();
    const sink = await createIdbSink(db, s.id, { clock });
    await expect(sink.write(records(1, 2))).rejects.toBeInstanceOf(StorageWriteError);
    expect(sink.state().retryAt).toBe(clock.now() + SINK_DEFAULTS.backoff.firstMs);
    expect(SINK_DEFAULTS.backoff).toEqual({ firstMs: 1000, maxMs: 30_000 });
    sink.dispose();
  });

  it("a write that comes once the wait is over goes ahead even if the retry timer runs late", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    let full = true;
    instrumentDb(db, () => (full ? quotaError() : null));
    // A throttled background tab: time passes, the timer has not run yet.
    let now = 5_000;
    const clock: Clock = { now: () => now, schedule: () => () => {} };
    const sink = await createIdbSink(db, s.id, { clock, backoff: { firstMs: 1000, maxMs: 1000 } });
    await expect(sink.write(records(1, 2))).rejects.toBeInstanceOf(StorageWriteError);
    expect(sink.state().retryAt).toBe(6_000);
    full = false;
    now = 5_999;
    await expect(sink.write(records(3, 3))).rejects.toBeInstanceOf(StorageWriteError);
    now = 6_000;
    await sink.write(records(4, 4));
    expect(sink.state()).toMatchObject({ status: "saved", savedSeq: 4, problem: null });
  });

  it("counts the bytes of a full chunk once the next one starts", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id, { chunkSize: 10 });
    await sink.write(records(1, 10));
    await sink.write(records(11, 12));
    await sink.write(records(13, 20));
    await sink.write(records(21, 21));
    const stats = (await db.idb.get("stats", s.id))!;
    const chunks = await db.idb.getAll("chunks");
    expect(chunks.map((c) => c.firstSeq)).toEqual([1, 11, 21]);
    expect(stats.bytes).toBe(chunks.reduce((n, c) => n + JSON.stringify(chunkRecords(c)).length, 0));
  });
});
