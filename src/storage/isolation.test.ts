// One record IndexedDB refuses must never cost the records after it: it is stored as its raw
// form (a bad-frame with capped raw text and the original length) and the queue moves on.
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { createRecorder } from "../core/recorder/recorder";
import type { BadFrameRecord, EventRecord, SessionRecord } from "../core/session/record";
import { createSession } from "./sessions";
import { createIdbSink } from "./sink";
import { readRecords } from "./read";
import { STORED_RAW_CAP } from "./raw-form";
import { StorageWriteError } from "./errors";
import { eventDraft, eventRecord, freshDb, header, instrumentDb, manualClock, quotaError, records } from "./test-util";

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** {"a":{"a":…{}…}} nested `depth` levels, and its JSON text built without recursion. */
function deep(depth: number): { value: unknown; json: string } {
  const value: Record<string, unknown> = {};
  let at = value;
  for (let i = 1; i < depth; i++) at = at.a = {} as Record<string, unknown>;
  return { value, json: '{"a":'.repeat(depth - 1) + "{}" + "}".repeat(depth - 1) };
}

function deepRecord(seq: number, depth: number): { record: EventRecord; json: string } {
  const d = deep(depth);
  const record = { ...eventRecord(seq), event: { type: "CUSTOM", name: "deep", value: d.value } } as EventRecord;
  return { record, json: `{"type":"CUSTOM","name":"deep","value":${d.json}}` };
}

/**
 * An event the store refuses in every test pool (JSON has no BigInt), with no wire text: its raw
 * form is the JSON a walk of the value writes, the BigInt as a string. (A 10,000-deep value
 * overflows the forks pool's stack but not a worker thread's, where Stryker runs the tests.)
 */
function bigIntRecord(seq: number): { record: EventRecord; json: string } {
  const record = { ...eventRecord(seq), event: { type: "CUSTOM", name: "big", value: 12345678901234567890n } } as unknown as EventRecord;
  return { record, json: '{"type":"CUSTOM","name":"big","value":"12345678901234567890"}' };
}

async function stored(db: Awaited<ReturnType<typeof freshDb>>, id: string): Promise<SessionRecord[]> {
  return (await readRecords(db, id, { limit: 1e9 })).records;
}

describe("IndexedDB sink, a record the store refuses", () => {
  it("a 10,000-deep event in the middle is stored as its capped raw text; every record after it is stored, in order", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const clock = manualClock();
    const sink = await createIdbSink(db, s.id, { clock });
    const bad = deepRecord(150, 20_000);
    expect(bad.json.length).toBeGreaterThan(STORED_RAW_CAP);
    const batch = [...records(1, 149), bad.record, ...records(151, 300)];

    await sink.write(batch);

    const all = await stored(db, s.id);
    expect(all.map((r) => r.seq)).toEqual(range(1, 300));
    expect(all.filter((r) => r.seq !== 150)).toEqual(batch.filter((r) => r.seq !== 150));
    const form = all[149] as BadFrameRecord;
    expect(form).toMatchObject({ kind: "bad-frame", dir: "in", seq: 150, t: bad.record.t, x: 1, runId: "run-1", threadId: "thread-1", agentId: "bulk" });
    expect(form.raw).toBe(bad.json.slice(0, STORED_RAW_CAP));
    expect(form.rawLength).toBe(bad.json.length);
    expect(form.error).toMatch(/storage refused this frame \(RangeError: Maximum call stack size exceeded\)/);
    expect(form.error).toContain(`first ${STORED_RAW_CAP} of ${bad.json.length} characters`);
    expect(sink.state()).toMatchObject({ status: "saved", savedSeq: 300, unsaved: 0, problem: null, replaced: 1 });
    // Nothing waits for a retry: the queue moved on at once.
    expect(sink.state().retryAt).toBeUndefined();
    expect(clock.pending()).toBe(0);
  });

  it("a value the store cannot write as JSON (a BigInt) keeps the frame's wire text", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    const wire = '{"type":"CUSTOM","name":"odd",  "value":1}';
    const odd = { ...eventRecord(3), raw: wire, event: { type: "CUSTOM", name: "odd", value: 1n } } as unknown as EventRecord;
    await sink.write([...records(1, 2), odd, ...records(4, 5)]);
    const all = await stored(db, s.id);
    expect(all.map((r) => r.kind)).toEqual(["event", "event", "bad-frame", "event", "event"]);
    const form = all[2] as BadFrameRecord;
    expect(form.raw).toBe(wire);
    expect(form.rawLength).toBeUndefined();
    expect(form.error).toMatch(/TypeError: .*BigInt/);
    expect(form.error).toContain(`its ${wire.length} characters`);
  });

  it("a short refused record is kept whole, without rawLength", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    const bad = bigIntRecord(2);
    expect(bad.json.length).toBeLessThan(STORED_RAW_CAP);
    await sink.write([...records(1, 1), bad.record, ...records(3, 3)]);
    const form = (await stored(db, s.id))[1] as BadFrameRecord;
    expect(form.raw).toBe(bad.json);
    expect(form.rawLength).toBeUndefined();
  });

  it("two refused records in different writes and chunks: each replaced, nothing after them lost", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id, { chunkSize: 10 });
    await sink.write([...records(1, 4), bigIntRecord(5).record, ...records(6, 25)]);
    await sink.write([...records(26, 33), bigIntRecord(34).record, ...records(35, 40)]);
    const all = await stored(db, s.id);
    expect(all.map((r) => r.seq)).toEqual(range(1, 40));
    expect(all.filter((r) => r.kind === "bad-frame").map((r) => r.seq)).toEqual([5, 34]);
    expect(sink.state()).toMatchObject({ status: "saved", replaced: 2 });
  });

  it("the pagehide flush (flushNow) stores the records around a refused one", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    const clock = manualClock();
    const recorder = createRecorder({ sink, clock, flushMs: 600_000, maxBatch: 1_000_000 });
    sink.attach(recorder);
    for (let i = 0; i < 40; i++) recorder.push(eventDraft(i));
    recorder.push({ ...eventDraft(40), event: bigIntRecord(41).record.event } as never);
    for (let i = 41; i < 80; i++) recorder.push(eventDraft(i));
    await sink.flushNow();
    const all = await stored(db, s.id);
    expect(all.map((r) => r.seq)).toEqual(range(1, 80));
    expect(all[40].kind).toBe("bad-frame");
    expect(sink.unsaved()).toEqual([]);
  });

  it("a refused record among records already committed in its chunk leaves those untouched", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id, { chunkSize: 100 });
    await sink.write(records(1, 50));
    await sink.write([bigIntRecord(51).record, ...records(52, 60)]);
    const all = await stored(db, s.id);
    expect(all.slice(0, 50)).toEqual(records(1, 50));
    expect(all.slice(51)).toEqual(records(52, 60));
    expect(all[50].kind).toBe("bad-frame");
  });
});

describe("IndexedDB sink, failures that are no record's fault", () => {
  it("a full disk replaces nothing: every record stays as it was, in memory, until space is back", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    let full = true;
    instrumentDb(db, () => (full ? quotaError() : null));
    const sink = await createIdbSink(db, s.id, { clock: manualClock() });
    const batch = records(1, 30);
    await expect(sink.write(batch)).rejects.toBeInstanceOf(StorageWriteError);
    expect(sink.state()).toMatchObject({ status: "failing", problem: { kind: "quota" }, replaced: 0, unsaved: 30 });
    expect(sink.unsaved()).toEqual(batch);
    full = false;
    await sink.retry();
    expect(await stored(db, s.id)).toEqual(batch);
  });

  it("an aborted transaction (no record at fault) backs off and retries, then stores everything in order once", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    let failing = true;
    instrumentDb(db, () => (failing ? new DOMException("Internal error.", "UnknownError") : null));
    const clock = manualClock();
    const sink = await createIdbSink(db, s.id, { clock, backoff: { firstMs: 1000, maxMs: 8000 } });
    await expect(sink.write(records(1, 10))).rejects.toBeInstanceOf(StorageWriteError);
    expect(sink.state()).toMatchObject({ status: "failing", problem: { kind: "unknown" }, replaced: 0 });
    await expect(sink.write(records(11, 20))).rejects.toBeInstanceOf(StorageWriteError);
    failing = false;
    await sink.retry();
    expect((await stored(db, s.id)).map((r) => r.seq)).toEqual(range(1, 20));
    expect(sink.state()).toMatchObject({ status: "saved", problem: null });
  });

  it("the backoff starts again from its first step after a recovery", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    let full = true;
    instrumentDb(db, () => (full ? quotaError() : null));
    const clock = manualClock();
    const sink = await createIdbSink(db, s.id, { clock, backoff: { firstMs: 1000, maxMs: 60_000 } });
    await sink.write(records(1, 5)).catch(() => {});
    expect(sink.state().retryAt).toBe(clock.now() + 1000);
    await sink.retry().catch(() => {});
    expect(sink.state().retryAt).toBe(clock.now() + 2000);
    await sink.retry().catch(() => {});
    expect(sink.state().retryAt).toBe(clock.now() + 4000);
    full = false;
    await sink.retry();
    expect(sink.state()).toMatchObject({ status: "saved", savedSeq: 5 });
    expect(sink.state().retryAt).toBeUndefined();
    full = true;
    await sink.write(records(6, 8)).catch(() => {});
    expect(sink.state().retryAt).toBe(clock.now() + 1000);
  });
});
