import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { createRecorder } from "../core/recorder/recorder";
import { createSession } from "./sessions";
import { createIdbSink } from "./sink";
import { readRecords } from "./read";
import { chunkRecords } from "./chunks";
import { SessionBusyError, StorageWriteError } from "./errors";
import { eventDraft, freshDb, header, instrumentDb, manualClock, quotaError, records, sinkReaches } from "./test-util";

async function allSeqs(db: Awaited<ReturnType<typeof freshDb>>, id: string): Promise<number[]> {
  return (await readRecords(db, id, { limit: 1e9 })).records.map((r) => r.seq);
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe("IndexedDB sink", () => {
  it("writes a recorder's records in few transactions, never one per event", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const counter = instrumentDb(db);
    const sink = await createIdbSink(db, s.id);
    const clock = manualClock();
    const recorder = createRecorder({ sink, clock, flushMs: 50, maxBatch: 1000 });
    for (let i = 0; i < 2500; i++) recorder.push(eventDraft(i));
    await recorder.flush();
    expect(counter.writes).toBeLessThanOrEqual(3);
    expect(await allSeqs(db, s.id)).toEqual(range(1, 2500));
    const chunks = await db.idb.getAll("chunks");
    expect(chunks.map((c) => c.firstSeq)).toEqual(range(0, 24).map((k) => k * 100 + 1));
  });

  it("flushes on the recorder's timer and reports the saved seq", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    const clock = manualClock();
    const recorder = createRecorder({ sink, clock, flushMs: 50 });
    for (let i = 0; i < 10; i++) recorder.push(eventDraft(i));
    expect(sink.state()).toMatchObject({ savedSeq: 0 });
    clock.advance(50);
    await recorder.flush();
    expect(sink.state()).toMatchObject({ status: "saved", savedSeq: 10, unsaved: 0 });
    expect(await allSeqs(db, s.id)).toEqual(range(1, 10));
  });

  it("rewrites a partial last chunk as it fills, without duplicating records", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id, { chunkSize: 100 });
    await sink.write(records(1, 30));
    await sink.write(records(31, 130));
    await sink.write(records(131, 131));
    const chunks = await db.idb.getAll("chunks");
    expect(chunks.map((c) => [c.firstSeq, c.lastSeq, chunkRecords(c).length])).toEqual([
      [1, 100, 100],
      [101, 131, 31],
    ]);
    // Written as JSON text (v4), not as record arrays.
    expect(chunks.every((c) => typeof c.json === "string" && c.records === undefined)).toBe(true);
    expect(await allSeqs(db, s.id)).toEqual(range(1, 131));
  });

  it("skips records it already holds, so a retried batch is stored once", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    await sink.write(records(1, 50));
    await sink.write(records(1, 80));
    await sink.write(records(40, 90));
    expect(await allSeqs(db, s.id)).toEqual(range(1, 90));
  });

  it("keeps counters: records, events, runs, threads, agents, bytes", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id, { chunkSize: 7 });
    const batch = [...records(1, 20, { runId: "r1", threadId: "t1" }), ...records(21, 45, { runId: "r2", threadId: "t1" })];
    await sink.write(batch.slice(0, 13));
    await sink.write(batch.slice(13));
    const stats = (await db.idb.get("stats", s.id))!;
    expect(stats).toMatchObject({ lastSeq: 45, records: 45, events: 45, agents: ["bulk"] });
    expect(stats.runs.r1).toMatchObject({ firstSeq: 1, lastSeq: 20, records: 20, threadId: "t1" });
    expect(stats.runs.r2).toMatchObject({ firstSeq: 21, lastSeq: 45, records: 25 });
    expect(stats.threads.t1).toMatchObject({ firstSeq: 1, lastSeq: 45, records: 45 });
    const chunks = await db.idb.getAll("chunks");
    expect(stats.bytes).toBe(chunks.reduce((n, c) => n + JSON.stringify(chunkRecords(c)).length, 0));
  });

  it("splits a large backlog into several transactions", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const counter = instrumentDb(db);
    const sink = await createIdbSink(db, s.id, { chunkSize: 100, txRecords: 1000 });
    await sink.write(records(1, 3500));
    expect(counter.writes).toBe(4);
    expect(await allSeqs(db, s.id)).toEqual(range(1, 3500));
  });

  it("flushNow during a queued write stores everything once", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    const recorder = createRecorder({ sink, clock: manualClock(), maxBatch: 200 });
    sink.attach(recorder);
    for (let i = 0; i < 450; i++) recorder.push(eventDraft(i));
    const urgent = sink.flushNow();
    for (let i = 450; i < 470; i++) recorder.push(eventDraft(i));
    await Promise.all([urgent, recorder.flush(), sink.flushNow()]);
    expect(await allSeqs(db, s.id)).toEqual(range(1, 470));
    expect(sink.state()).toMatchObject({ status: "saved", savedSeq: 470 });
  });

  it("refuses a record out of order instead of storing a gap, and keeps it in memory", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    await sink.write(records(1, 5));
    const err = await sink.write(records(8, 9)).catch((e) => e);
    expect(err).toBeInstanceOf(StorageWriteError);
    expect(err.problem.kind).toBe("sequence");
    expect(sink.state().status).toBe("detached");
    expect(sink.unsaved().map((r) => r.seq)).toEqual([8, 9]);
    expect(await allSeqs(db, s.id)).toEqual(range(1, 5));
  });

  it("gives each session one writer", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    await createIdbSink(db, s.id);
    await expect(createIdbSink(db, s.id)).rejects.toBeInstanceOf(SessionBusyError);
  });

  it("stops, keeps records in memory and leaves nothing behind when its session is deleted", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    await sink.write(records(1, 10));
    const tx = db.idb.transaction("sessions", "readwrite");
    await tx.store.delete(s.id);
    await tx.done;
    const err = await sink.write(records(11, 20)).catch((e) => e);
    expect(err.problem.kind).toBe("gone");
    expect(sink.state().status).toBe("detached");
    expect(sink.unsaved().map((r) => r.seq)).toEqual(range(11, 20));
    expect(await db.idb.count("chunks")).toBe(0);
    expect(await db.idb.get("stats", s.id)).toBeUndefined();
  });

  it("reports a closed database as a plain problem and keeps recording in memory", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    await sink.write(records(1, 3));
    db.close();
    await sinkReaches(sink, (s) => s.status === "detached");
    expect(sink.state()).toMatchObject({ status: "detached", problem: { kind: "closed" } });
    const err = await sink.write(records(4, 6)).catch((e) => e);
    expect(err).toBeInstanceOf(StorageWriteError);
    expect(err.message).toMatch(/export the session/);
    expect(sink.unsaved().map((r) => r.seq)).toEqual([4, 5, 6]);
  });
});

describe("IndexedDB sink, records waiting to be stored", () => {
  it("counts what it took and has not committed; none while failing (those wait in memory by design)", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    let full = false;
    instrumentDb(db, () => (full ? quotaError() : null));
    const sink = await createIdbSink(db, s.id, { clock: manualClock() });
    sink.accept(records(1, 40));
    expect(sink.unstored!()).toBe(40);
    await sink.write(records(41, 50));
    expect(sink.unstored!()).toBe(0);
    full = true;
    await sink.write(records(51, 60)).catch(() => {});
    expect(sink.state().unsaved).toBe(10);
    expect(sink.unstored!()).toBe(0);
    full = false;
    await sink.retry();
    expect(sink.unstored!()).toBe(0);
    sink.dispose();
  });
});

describe("IndexedDB sink, odd input", () => {
  it("still finds new records in a batch that is not dense", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    await sink.write(records(1, 5));
    const err = await sink.write([...records(1, 1), ...records(3, 3), ...records(6, 7)]).catch((e) => e);
    expect(err).toBeUndefined();
    expect(await allSeqs(db, s.id)).toEqual(range(1, 7));
  });
});
