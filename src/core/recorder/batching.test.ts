import { afterEach, describe, expect, it, vi } from "vitest";
import { createRecorder, systemClock, type RecordSink } from "./recorder";
import type { RecordDraft, SessionRecord } from "../session/record";
import { manualClock } from "./manual-clock";


/** A sink that keeps every batch it accepts and fails while `failing` is set (a fault, by hand). */
function listSink() {
  const batches: number[][] = [];
  let attempts = 0;
  const sink: RecordSink & { batches: number[][]; failing: boolean; attempts(): number } = {
    batches,
    failing: false,
    attempts: () => attempts,
    async write(records: SessionRecord[]) {
      attempts++;
      if (sink.failing) throw new Error("disk full");
      batches.push(records.map((r) => r.seq));
    },
  };
  return sink;
}

/** Let every pending promise callback run (no wall-clock wait). */
async function ticks(n = 20) {
  for (let i = 0; i < n; i++) await Promise.resolve();
}

const draft = (i: number): RecordDraft =>
  ({ dir: "in", kind: "event", x: 1, event: { type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: String(i) } }) as RecordDraft;

describe("recorder", () => {
  it("numbers records from 1 and stamps them with the clock's time", () => {
    const clock = manualClock(5_000);
    const recorder = createRecorder({ sink: listSink(), clock });
    const first = recorder.push(draft(0));
    clock.advance(7);
    const second = recorder.push(draft(1));
    expect([first.seq, first.t, second.seq, second.t]).toEqual([1, 5_000, 2, 5_007]);
    expect(second).toMatchObject({ kind: "event", event: { delta: "1" } });
    expect(recorder.lastSeq()).toBe(2);
    expect([recorder.nextExchange(), recorder.nextExchange()]).toEqual([1, 2]);
  });

  it("continues an existing session's seq and exchange numbering", () => {
    const recorder = createRecorder({ sink: listSink(), clock: manualClock(), startSeq: 41, startExchange: 6 });
    expect(recorder.push(draft(0)).seq).toBe(42);
    expect(recorder.lastSeq()).toBe(42);
    expect(recorder.nextExchange()).toBe(7);
  });

  it("tells listeners about every record as it is pushed", () => {
    const recorder = createRecorder({ sink: listSink(), clock: manualClock() });
    const seen: number[] = [];
    const off = recorder.on("record", (r) => seen.push(r.seq));
    recorder.push(draft(0));
    recorder.push(draft(1));
    off();
    recorder.push(draft(2));
    expect(seen).toEqual([1, 2]);
  });

  it("buffers records until flushMs after the first one, then writes them in one batch", async () => {
    const clock = manualClock();
    const sink = listSink();
    const recorder = createRecorder({ sink, clock, flushMs: 30 });
    for (let i = 0; i < 3; i++) recorder.push(draft(i));
    // One timer for the whole batch, not one per record.
    expect(clock.scheduled).toEqual([30]);
    expect(recorder.pending()).toBe(3);
    clock.advance(29);
    await Promise.resolve();
    expect(sink.attempts()).toBe(0);
    await recorder.flush();
    // flush() by hand writes what is buffered; the timer is then cancelled.
    expect(sink.batches).toEqual([[1, 2, 3]]);
    expect(clock.pending()).toBe(0);
    expect(recorder.pending()).toBe(0);
  });

  it("writes on the timer when no one flushes", async () => {
    const clock = manualClock();
    const sink = listSink();
    const recorder = createRecorder({ sink, clock });
    recorder.push(draft(0));
    recorder.push(draft(1));
    expect(clock.scheduled).toEqual([50]);
    clock.advance(49);
    await Promise.resolve();
    expect(sink.attempts()).toBe(0);
    clock.advance(1);
    await vi.waitFor(() => expect(sink.batches).toEqual([[1, 2]]));
    // The next record starts a new timer.
    recorder.push(draft(2));
    expect(clock.scheduled).toEqual([50, 50]);
  });

  it("writes at once when maxBatch records are buffered", async () => {
    const clock = manualClock();
    const sink = listSink();
    const recorder = createRecorder({ sink, clock, maxBatch: 3 });
    recorder.push(draft(0));
    recorder.push(draft(1));
    await Promise.resolve();
    expect(sink.attempts()).toBe(0);
    recorder.push(draft(2));
    await vi.waitFor(() => expect(sink.batches).toEqual([[1, 2, 3]]));
  });

  it("defaults to batches of 1000", async () => {
    const sink = listSink();
    const recorder = createRecorder({ sink, clock: manualClock() });
    for (let i = 0; i < 999; i++) recorder.push(draft(i));
    await Promise.resolve();
    expect(sink.attempts()).toBe(0);
    recorder.push(draft(999));
    await vi.waitFor(() => expect(sink.batches.map((b) => b.length)).toEqual([1000]));
  });

  it("does not write an empty batch", async () => {
    const sink = listSink();
    const recorder = createRecorder({ sink, clock: manualClock() });
    await recorder.flush();
    expect(sink.attempts()).toBe(0);
  });

  it("runs one write at a time, in order", async () => {
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const sink: RecordSink = {
      async write(records) {
        order.push(`start ${records.map((r) => r.seq).join(",")}`);
        if (records[0].seq === 1) await gate;
        order.push(`end ${records.map((r) => r.seq).join(",")}`);
      },
    };
    const recorder = createRecorder({ sink, clock: manualClock() });
    recorder.push(draft(0));
    const first = recorder.flush();
    await Promise.resolve();
    recorder.push(draft(1));
    const second = recorder.flush();
    await ticks();
    expect(order).toEqual(["start 1"]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["start 1", "end 1", "start 2", "end 2"]);
  });

  describe("a failing sink", () => {
    it("keeps the batch and retries it ahead of newer records, in seq order", async () => {
      const clock = manualClock();
      const sink = listSink();
      const recorder = createRecorder({ sink, clock });
      const errors: { pending: number; error: unknown }[] = [];
      recorder.on("sink-error", (e) => errors.push(e));
      recorder.push(draft(0));
      recorder.push(draft(1));
      sink.failing = true;
      await recorder.flush();
      expect(errors).toHaveLength(1);
      expect(errors[0].pending).toBe(2);
      expect((errors[0].error as Error).message).toBe("disk full");
      expect(recorder.pending()).toBe(2);
      recorder.push(draft(2));
      recorder.push(draft(3));
      sink.failing = false;
      await recorder.flush();
      expect(sink.batches).toEqual([[1, 2, 3, 4]]);
      expect(recorder.pending()).toBe(0);
    });

    it("re-queues a batch that failed while newer records arrived ahead of them", async () => {
      let fail!: (e: Error) => void;
      const written: number[][] = [];
      let broken = true;
      const sink: RecordSink = {
        write: (records) =>
          broken ? new Promise<void>((_, reject) => (fail = reject)) : (written.push(records.map((r) => r.seq)), Promise.resolve()),
      };
      const recorder = createRecorder({ sink, clock: manualClock() });
      const pending: number[] = [];
      recorder.on("sink-error", (e) => pending.push(e.pending));
      recorder.push(draft(0));
      const done = recorder.flush();
      await Promise.resolve();
      await Promise.resolve();
      recorder.push(draft(1));
      recorder.push(draft(2));
      fail(new Error("quota"));
      await done;
      expect(pending).toEqual([3]);
      expect(recorder.pending()).toBe(3);
      broken = false;
      await recorder.flush();
      expect(written).toEqual([[1, 2, 3]]);
    });

    it("does not hammer the failing sink at maxBatch; the timer retries", async () => {
      const clock = manualClock();
      const sink = listSink();
      const recorder = createRecorder({ sink, clock, maxBatch: 2 });
      sink.failing = true;
      recorder.push(draft(0));
      recorder.push(draft(1));
      await vi.waitFor(() => expect(sink.attempts()).toBe(1));
      recorder.push(draft(2));
      recorder.push(draft(3));
      await ticks();
      // Past maxBatch while failing: no immediate write, a timer instead.
      expect(sink.attempts()).toBe(1);
      expect(clock.pending()).toBe(1);
      sink.failing = false;
      clock.advance(50);
      await vi.waitFor(() => expect(sink.batches).toEqual([[1, 2, 3, 4]]));
    });

    it("says once that it recovered, with the number of records written", async () => {
      const sink = listSink();
      const recorder = createRecorder({ sink, clock: manualClock() });
      const recovered: number[] = [];
      recorder.on("sink-recovered", (e) => recovered.push(e.written));
      recorder.push(draft(0));
      await recorder.flush();
      expect(recovered).toEqual([]);
      sink.failing = true;
      recorder.push(draft(1));
      await recorder.flush();
      await recorder.flush();
      sink.failing = false;
      recorder.push(draft(2));
      await recorder.flush();
      recorder.push(draft(3));
      await recorder.flush();
      expect(recovered).toEqual([2]);
      expect(sink.batches).toEqual([[1], [2, 3], [4]]);
    });
  });
});

describe("systemClock", () => {
  afterEach(() => vi.useRealTimers());

  it("reads Date.now and runs a scheduled function after its delay unless cancelled", () => {
    vi.useFakeTimers({ now: 123_456 });
    expect(systemClock.now()).toBe(123_456);
    const ran: string[] = [];
    systemClock.schedule(() => ran.push("a"), 20);
    const cancel = systemClock.schedule(() => ran.push("b"), 20);
    cancel();
    vi.advanceTimersByTime(19);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(["a"]);
  });
});
