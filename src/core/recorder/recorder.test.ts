import { describe, expect, it } from "vitest";
import { createRecorder, type RecordSink } from "./recorder";
import type { RecordDraft, SessionRecord } from "../session/record";
import { manualClock } from "./manual-clock";


/** A sink that keeps what it accepted and fails while `failing` says so. */
function flakySink() {
  const written: SessionRecord[][] = [];
  const state: { failing: boolean; calls: number; during?: () => void } = { failing: false, calls: 0 };
  const sink: RecordSink = {
    async write(records) {
      state.calls++;
      // what arrives while a write is in flight
      const during = state.during;
      state.during = undefined;
      during?.();
      if (state.failing) throw new Error("disk full");
      written.push(records);
    },
  };
  return { sink, written, state, seqs: () => written.flat().map((r) => r.seq) };
}

const comment = (text: string): RecordDraft => ({ dir: "in", kind: "comment", x: 1, text });

describe("recorder", () => {
  it("numbers records densely from startSeq and stamps them with the clock", () => {
    const clock = manualClock();
    const recorder = createRecorder({ sink: flakySink().sink, clock, startSeq: 41 });
    const a = recorder.push(comment("a"));
    clock.advance(5);
    const b = recorder.push(comment("b"));
    expect([a.seq, a.t, b.seq, b.t]).toEqual([42, 1000, 43, 1005]);
    expect(recorder.lastSeq()).toBe(43);
    expect(recorder.nextExchange()).toBe(1);
  });

  it("writes in batches after flushMs, never one write per record", async () => {
    const clock = manualClock();
    const { sink, written, state } = flakySink();
    const recorder = createRecorder({ sink, clock, flushMs: 50 });
    for (let i = 0; i < 10; i++) recorder.push(comment(String(i)));
    expect(state.calls).toBe(0);
    expect(clock.pending()).toBe(1);
    clock.advance(49);
    expect(state.calls).toBe(0);
    clock.advance(1);
    await recorder.flush();
    expect(written.map((b) => b.length)).toEqual([10]);
    expect(recorder.pending()).toBe(0);
  });

  it("writes at once when maxBatch records are buffered, without waiting for the timer", async () => {
    const clock = manualClock();
    let wrote!: (records: SessionRecord[]) => void;
    const first = new Promise<SessionRecord[]>((resolve) => (wrote = resolve));
    const recorder = createRecorder({ sink: { write: async (records) => wrote(records) }, clock, maxBatch: 3 });
    recorder.push(comment("1"));
    recorder.push(comment("2"));
    recorder.push(comment("3"));
    // the timer never fires in this test: only maxBatch can have started this write
    expect((await first).map((r) => r.seq)).toEqual([1, 2, 3]);
  });

  it("a failing sink loses nothing: the failed batch is retried ahead of newer records, in seq order", async () => {
    const clock = manualClock();
    const { sink, state, seqs } = flakySink();
    const recorder = createRecorder({ sink, clock });
    const errors: number[] = [];
    let recovered: number[] = [];
    recorder.on("sink-error", ({ pending }) => errors.push(pending));
    recorder.on("sink-recovered", ({ written }) => (recovered = [...recovered, written]));
    state.failing = true;
    recorder.push(comment("1"));
    recorder.push(comment("2"));
    state.during = () => recorder.push(comment("3"));
    await recorder.flush();
    await recorder.flush();
    expect(errors).toEqual([3, 3]);
    expect(recorder.pending()).toBe(3);
    recorder.push(comment("4"));
    state.failing = false;
    await recorder.flush();
    expect(seqs()).toEqual([1, 2, 3, 4]);
    expect(recovered).toEqual([4]);
    // recovery is reported once, not on every later write
    recorder.push(comment("5"));
    await recorder.flush();
    expect(recovered).toEqual([4]);
    expect(seqs()).toEqual([1, 2, 3, 4, 5]);
  });

  it("says how many records wait to be stored: its own buffer plus the sink's, none while the sink is failing", async () => {
    const clock = manualClock();
    const { sink, state } = flakySink();
    let behind = 7;
    const recorder = createRecorder({ sink: Object.assign(sink, { unstored: () => behind }), clock });
    expect(recorder.unstored()).toBe(7);
    recorder.push(comment("1"));
    recorder.push(comment("2"));
    expect(recorder.unstored()).toBe(9);
    await recorder.flush();
    behind = 0;
    expect(recorder.unstored()).toBe(0);
    // Failing: the records wait in memory by design, and reading must not stop for them.
    state.failing = true;
    recorder.push(comment("3"));
    await recorder.flush();
    expect(recorder.pending()).toBe(1);
    expect(recorder.unstored()).toBe(0);
    state.failing = false;
    await recorder.flush();
    expect(recorder.unstored()).toBe(0);
    // A sink that does not say counts as keeping up.
    expect(createRecorder({ sink: { write: async () => {} }, clock }).unstored()).toBe(0);
  });

  it("a record listener that throws costs neither the other listeners nor the recording", async () => {
    const reported: unknown[] = [];
    const { sink, seqs } = flakySink();
    const recorder = createRecorder({ sink, clock: manualClock(), onListenerError: (e) => reported.push(e) });
    const seen: number[] = [];
    recorder.on("record", (r) => {
      if (r.seq === 2) throw new Error("view broke on 2");
    });
    recorder.on("record", (r) => seen.push(r.seq));
    for (let i = 0; i < 3; i++) expect(() => recorder.push(comment(String(i)))).not.toThrow();
    await recorder.flush();
    expect(seen).toEqual([1, 2, 3]);
    expect(seqs()).toEqual([1, 2, 3]);
    expect(reported).toEqual([new Error("view broke on 2")]);
  });
});
