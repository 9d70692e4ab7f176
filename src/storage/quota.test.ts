import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { createRecorder } from "../core/recorder/recorder";
import { parseSessionFile } from "../core/session/file";
import { createSession } from "./sessions";
import { createIdbSink } from "./sink";
import { readRecords } from "./read";
import { exportSessionBlob } from "./export";
import { StorageWriteError } from "./errors";
import { eventDraft, freshDb, header, instrumentDb, manualClock, quotaError, records, sinkReaches } from "./test-util";

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe("a full disk", () => {
  it("is reported in plain words, recording goes on in memory, export has every record, and a retry saves them", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    let full = true;
    instrumentDb(db, () => (full ? quotaError() : null));
    const clock = manualClock();
    const sink = await createIdbSink(db, s.id, { clock });
    const recorder = createRecorder({ sink, clock, flushMs: 50, maxBatch: 100 });
    const errors: unknown[] = [];
    recorder.on("sink-error", ({ error }) => errors.push(error));
    let recovered = 0;
    recorder.on("sink-recovered", () => recovered++);

    for (let i = 0; i < 150; i++) recorder.push(eventDraft(i));
    await recorder.flush();
    expect(errors[0]).toBeInstanceOf(StorageWriteError);
    const problem = (errors[0] as StorageWriteError).problem;
    expect(problem.kind).toBe("quota");
    expect(problem.message).toMatch(/storage for this site is full/);
    expect(problem.message).toMatch(/export the session/);
    expect(sink.state()).toMatchObject({ status: "failing", savedSeq: 0, unsaved: 150 });

    for (let i = 150; i < 400; i++) recorder.push(eventDraft(i));
    await recorder.flush();
    expect(recorder.lastSeq()).toBe(400);
    expect(sink.unsaved().map((r) => r.seq)).toEqual(range(1, 400));
    expect((await readRecords(db, s.id)).records).toEqual([]);

    const exported = parseSessionFile(await (await exportSessionBlob(db, s.id, sink.unsaved())).text());
    expect(exported.header.id).toBe(s.id);
    expect(exported.records.map((r) => r.seq)).toEqual(range(1, 400));

    full = false;
    await sink.retry();
    expect(sink.state()).toMatchObject({ status: "saved", savedSeq: 400, problem: null });
    expect((await readRecords(db, s.id, { limit: 1000 })).records.map((r) => r.seq)).toEqual(range(1, 400));
    recorder.push(eventDraft(400));
    await recorder.flush();
    expect(recovered).toBe(1);
    expect(recorder.pending()).toBe(0);
  });

  it("backs off: writes fail fast without touching the database, then the sink retries by itself", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    let full = true;
    const counter = instrumentDb(db, () => (full ? quotaError() : null));
    const clock = manualClock();
    const sink = await createIdbSink(db, s.id, { clock, backoff: { firstMs: 1000, maxMs: 8000 } });
    await expect(sink.write(records(1, 10))).rejects.toBeInstanceOf(StorageWriteError);
    expect(counter.writes).toBe(1);
    await expect(sink.write(records(11, 20))).rejects.toBeInstanceOf(StorageWriteError);
    expect(counter.writes).toBe(1);
    expect(sink.state().retryAt).toBe(clock.now() + 1000);

    full = false;
    expect(counter.writes).toBe(1);
    clock.advance(1000);
    // The retry is the clock's doing: nothing else writes, so the condition comes only from it.
    await sinkReaches(sink, (s) => s.status === "saved");
    expect(counter.writes).toBe(2);
    expect(sink.state()).toMatchObject({ status: "saved", savedSeq: 20 });
  });

  it("keeps what a large backlog already committed when a later transaction hits the quota", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    let calls = 0;
    let full = true;
    instrumentDb(db, () => (++calls === 3 && full ? quotaError() : null));
    const sink = await createIdbSink(db, s.id, { txRecords: 100, clock: manualClock() });
    await expect(sink.write(records(1, 450))).rejects.toBeInstanceOf(StorageWriteError);
    expect(sink.state()).toMatchObject({ status: "failing", savedSeq: 200, unsaved: 250 });
    expect((await readRecords(db, s.id, { limit: 1000 })).records.map((r) => r.seq)).toEqual(range(1, 200));
    full = false;
    await sink.retry();
    expect((await readRecords(db, s.id, { limit: 1000 })).records.map((r) => r.seq)).toEqual(range(1, 450));
  });
});
