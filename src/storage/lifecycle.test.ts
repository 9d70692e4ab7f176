import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { createRecorder } from "../core/recorder/recorder";
import type { RecordDraft } from "../core/session/record";
import { installFlushOnHide, installFlushOnRunEnd } from "./lifecycle";
import { createSession } from "./sessions";
import { createIdbSink } from "./sink";
import { countRecords } from "./read";
import { eventDraft, freshDb, header, instrumentDb, manualClock, sinkReaches } from "./test-util";

class FakeDocument extends EventTarget {
  visibilityState = "visible";
}

async function setup() {
  const db = await freshDb();
  const s = await createSession(db, header());
  const counter = instrumentDb(db);
  const clock = manualClock();
  const sink = await createIdbSink(db, s.id, { clock });
  const recorder = createRecorder({ sink, clock, flushMs: 50 });
  return { db, id: s.id, counter, sink, recorder, clock };
}

describe("flush triggers", () => {
  it("on pagehide, starts the write for every record before the handler returns", async () => {
    const { db, id, counter, recorder, sink } = await setup();
    const win = new EventTarget();
    const doc = new FakeDocument();
    installFlushOnHide(recorder, sink, { window: win, document: doc });
    for (let i = 0; i < 30; i++) recorder.push(eventDraft(i));
    expect(counter.writes).toBe(0);
    win.dispatchEvent(new Event("pagehide"));
    expect(counter.writes).toBe(1);
    await sinkReaches(sink, (s) => s.savedSeq === 30);
    expect(await countRecords(db, id)).toBe(30);
  });

  it("on visibilitychange to hidden and on freeze, not when becoming visible; and stops when removed", async () => {
    const { db, id, counter, recorder, sink, clock } = await setup();
    const doc = new FakeDocument();
    const remove = installFlushOnHide(recorder, sink, { window: new EventTarget(), document: doc });
    recorder.push(eventDraft(0));
    doc.dispatchEvent(new Event("visibilitychange"));
    expect(counter.writes).toBe(0);
    doc.visibilityState = "hidden";
    doc.dispatchEvent(new Event("visibilitychange"));
    expect(counter.writes).toBe(1);
    await sinkReaches(sink, (s) => s.savedSeq === 1);
    recorder.push(eventDraft(1));
    doc.dispatchEvent(new Event("freeze"));
    await sinkReaches(sink, (s) => s.savedSeq === 2);
    expect(await countRecords(db, id)).toBe(2);
    remove();
    await recorder.flush();
    const before = counter.writes;
    recorder.push(eventDraft(2));
    expect(clock.pending()).toBe(1);
    doc.dispatchEvent(new Event("freeze"));
    // A hook still in place would have issued a transaction and cancelled the recorder's timer, both at once.
    expect(counter.writes).toBe(before);
    expect(clock.pending()).toBe(1);
    expect(sink.state().acceptedSeq).toBe(2);
  });

  it("at the end of a run, without waiting for the timer", async () => {
    const { db, id, recorder, clock, sink } = await setup();
    // Count the flushes the hook asks for, synchronously, instead of sleeping to see what lands.
    let flushes = 0;
    const flush = recorder.flush;
    recorder.flush = () => (flushes++, flush());
    installFlushOnRunEnd(recorder);
    recorder.push(eventDraft(0));
    expect(flushes).toBe(0);
    recorder.push({ dir: "in", kind: "event", x: 1, event: { type: "RUN_FINISHED", threadId: "t", runId: "r" } } as RecordDraft);
    expect(flushes).toBe(1);
    // The clock stands still, so only that flush can have written them.
    await sinkReaches(sink, (s) => s.savedSeq === 2);
    expect(await countRecords(db, id)).toBe(2);
    recorder.push({ dir: "in", kind: "end", x: 1, op: "run", outcome: "complete", frames: 2 } as RecordDraft);
    expect(flushes).toBe(2);
    await sinkReaches(sink, (s) => s.savedSeq === 3);
    recorder.push(eventDraft(1));
    recorder.push({ dir: "in", kind: "event", x: 1, event: { type: "RUN_STARTED", threadId: "t", runId: "r2" } } as RecordDraft);
    expect(flushes).toBe(2);
    expect(await countRecords(db, id)).toBe(3);
    clock.advance(50);
    await sinkReaches(sink, (s) => s.savedSeq === 5);
    expect(await countRecords(db, id)).toBe(5);
  });
});
