import { describe, expect, it } from "vitest";
import type { AguiEvent } from "../protocol/events";
import type { RecordDraft, SessionRecord } from "../session/record";
import { formatMs } from "./format";
import { createRunTimer, runMetrics } from "./run-metrics";
import { gapStats } from "./stats";
import { waterfall } from "./waterfall";

/** Records at the given arrival times (ms), seq dense from 1. */
function session(items: [number, RecordDraft][]): SessionRecord[] {
  return items.map(([t, d], i) => ({ ...d, seq: i + 1, t }) as SessionRecord);
}
const x = 1;
const req = (op: "run" | "info" = "run"): RecordDraft => ({ dir: "out", kind: "request", op, method: "POST", url: "u", transport: "single", headers: {}, x, threadId: "th1", runId: "r1" });
const resp: RecordDraft = { dir: "in", kind: "response", op: "run", status: 200, contentType: "text/event-stream", headers: {}, ms: 0, x };
const ev = (event: AguiEvent, xx = x): RecordDraft => ({ dir: "in", kind: "event", event, x: xx });
const end = (outcome: "complete" | "aborted" | "error" = "complete"): RecordDraft => ({ dir: "in", kind: "end", op: "run", outcome, frames: 0, x });

describe("per-run timing", () => {
  const recs = session([
    [1000, req()],
    [1120, resp],
    [1150, ev({ type: "RUN_STARTED", threadId: "th1", runId: "r1" })],
    [1400, ev({ type: "REASONING_MESSAGE_CONTENT", messageId: "m0", delta: "hm" })],
    [1700, ev({ type: "TEXT_MESSAGE_START", messageId: "m1", role: "assistant" })],
    [1750, ev({ type: "TEXT_MESSAGE_CONTENT", messageId: "m1", delta: "" })],
    [1800, ev({ type: "TEXT_MESSAGE_CONTENT", messageId: "m1", delta: "Hi" })],
    [1900, ev({ type: "TOOL_CALL_START", toolCallId: "c1", toolCallName: "search" })],
    [4900, ev({ type: "TOOL_CALL_ARGS", toolCallId: "c1", delta: "{}" })],
    [5000, ev({ type: "TOOL_CALL_END", toolCallId: "c1" })],
    [5100, ev({ type: "STATE_DELTA", delta: [{ op: "replace", path: "/counter", value: 1 }] })],
    [5200, ev({ type: "STATE_DELTA", delta: [{ op: "add", path: "/a", value: "xyz" }] })],
    [5300, ev({ type: "RUN_FINISHED", threadId: "th1", runId: "r1" })],
    [5310, end()],
  ]);
  const [m] = runMetrics(recs);

  it("measures from the request: first byte, first token, first reasoning token, duration", () => {
    expect(m.runId).toBe("r1");
    expect(m.threadId).toBe("th1");
    expect(m.ttfbMs).toBe(120);
    expect(m.firstReasoningMs).toBe(400);
    // An empty delta is not a token.
    expect(m.firstTokenMs).toBe(800);
    expect(m.durationMs).toBe(4310);
    expect(m.outcome).toBe("success");
    expect(m.done).toBe(true);
  });

  it("gaps between frames, stalls over the threshold, tool latency, patches, events by type", () => {
    // Frames at 1150 … 5300: ten gaps, the largest 3000 (tool args).
    expect(m.gaps.count).toBe(10);
    expect(m.gaps.max).toBe(3000);
    expect(m.gaps.p50).toBe(100);
    expect(m.stalls).toEqual([{ afterSeq: 8, ms: 3000 }]);
    expect(m.toolCalls).toHaveLength(1);
    expect(m.toolCalls[0]).toMatchObject({ name: "search", latencyMs: 3100 });
    expect(m.patchCount).toBe(2);
    expect(m.patchBytes).toBe(JSON.stringify([{ op: "replace", path: "/counter", value: 1 }]).length + JSON.stringify([{ op: "add", path: "/a", value: "xyz" }]).length);
    expect(m.eventsByType.TEXT_MESSAGE_CONTENT).toBe(2);
    expect(m.eventsByType.STATE_DELTA).toBe(2);
    expect(m.events).toBe(11);
  });

  it("the incremental timer gives the same figures, and a read is never changed by later records", () => {
    const timer = createRunTimer();
    for (const r of recs.slice(0, 7)) timer.add(r);
    const early = timer.metrics()[0];
    expect(early).toMatchObject({ done: false, firstTokenMs: 800, events: 5 });
    for (const r of recs.slice(7)) timer.add(r);
    expect(early.events).toBe(5);
    expect(early.done).toBe(false);
    expect(timer.metrics()).toEqual(runMetrics(recs));
  });

  it("a lower stall threshold finds more stalls", () => {
    const [low] = runMetrics(recs, { stallMs: 250 });
    // "Over" the threshold: the 250 ms gap is not a stall at 250.
    expect(low.stalls.map((s) => s.ms)).toEqual([300, 3000]);
  });

  it("a connect replay with two runs is split at RUN_STARTED; info exchanges are not runs", () => {
    const rs = runMetrics(
      session([
        [0, { ...req("info"), x: 2 }],
        [5, { ...resp, x: 2, op: "info" }],
        [10, ev({ type: "RUN_STARTED", threadId: "a", runId: "ra" }, 3)],
        [30, ev({ type: "RUN_ERROR", message: "boom" }, 3)],
        [40, ev({ type: "RUN_STARTED", threadId: "a", runId: "rb" }, 3)],
        [90, ev({ type: "RUN_FINISHED", threadId: "a", runId: "rb", outcome: { type: "interrupt", interrupts: [] } }, 3)],
      ]),
    );
    expect(rs.map((r) => [r.runId, r.outcome, r.durationMs, r.ttfbMs])).toEqual([
      ["ra", "error", 20, undefined],
      ["rb", "interrupt", 50, undefined],
    ]);
  });

  it("records outside any run make no run (no pseudo-run that stays open); an event the recorder placed in a run opens it", () => {
    const recs = session([
      [0, { ...req("info"), x: 2 }],
      [5, { ...resp, x: 2, op: "info" }],
      [6, ev({ type: "CUSTOM", name: "hello", value: 1 }, 2)],
      [7, { dir: "in", kind: "bad-frame", raw: "{", error: "invalid JSON", x: 4 } as RecordDraft],
      [8, ev({ type: "CUSTOM", name: "early", value: 2 }, 3)],
      [10, ev({ type: "RUN_STARTED", threadId: "a", runId: "ra" }, 3)],
      [30, ev({ type: "RUN_FINISHED", threadId: "a", runId: "ra" }, 3)],
      // observed after its RUN_STARTED: the recorder knows the run
      [40, { ...ev({ type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: "x" }, 5), runId: "rc", threadId: "c" }],
    ]);
    const rs = runMetrics(recs);
    expect(rs.map((r) => [r.runId, r.startSeq, r.outcome])).toEqual([
      ["ra", 6, "success"],
      ["rc", 8, undefined],
    ]);
    // The incremental timer (the live view and the worker's fold) agrees.
    const timer = createRunTimer();
    for (const r of recs) timer.add(r);
    expect(timer.metrics()).toEqual(rs);
  });

  it("a stream cut before RUN_FINISHED ends the run as failed", () => {
    const rs = runMetrics(session([[0, req()], [10, ev({ type: "RUN_STARTED", threadId: "th1", runId: "r1" })], [50, end("error")]]));
    expect(rs[0]).toMatchObject({ outcome: "error", done: true, durationMs: 50 });
  });

  it("an open run stays open and the waterfall stretches it to now", () => {
    const rs = runMetrics(session([[100, req()], [150, ev({ type: "RUN_STARTED", threadId: "th1", runId: "r1" })], [160, ev({ type: "TOOL_CALL_START", toolCallId: "c", toolCallName: "t" })]]));
    expect(rs[0].done).toBe(false);
    const w = waterfall(rs, 1100);
    expect(w.lanes[0].threadId).toBe("th1");
    expect(w.lanes[0].bars.map((b) => [b.kind, b.startMs, b.endMs, b.open])).toEqual([
      ["run", 0, 1000, true],
      ["tool", 60, 1000, true],
    ]);
  });
});

describe("waterfall", () => {
  it("one lane per thread, bars in ms from the first run", () => {
    const rs = runMetrics(
      session([
        [1000, ev({ type: "RUN_STARTED", threadId: "A", runId: "r1" }, 1)],
        [1100, ev({ type: "TOOL_CALL_START", toolCallId: "c1", toolCallName: "lookup" }, 1)],
        [1300, ev({ type: "TOOL_CALL_END", toolCallId: "c1" }, 1)],
        [1500, ev({ type: "RUN_FINISHED", threadId: "A", runId: "r1" }, 1)],
        [2000, ev({ type: "RUN_STARTED", threadId: "B", runId: "r2" }, 2)],
        [2600, ev({ type: "RUN_FINISHED", threadId: "B", runId: "r2" }, 2)],
      ]),
    );
    const w = waterfall(rs);
    expect(w.spanMs).toBe(1600);
    expect(w.lanes.map((l) => l.threadId)).toEqual(["A", "B"]);
    expect(w.lanes[0].bars.map((b) => [b.kind, b.label, b.startMs, b.endMs])).toEqual([
      ["run", "run r1 · success", 0, 500],
      ["tool", "lookup · 200 ms", 100, 300],
    ]);
    expect(w.lanes[1].bars[0]).toMatchObject({ startMs: 1000, endMs: 1600 });
  });
});

describe("stats and format", () => {
  it("nearest-rank percentiles", () => {
    expect(gapStats([5, 1, 4, 2, 3, 100, 6, 7, 8, 9])).toEqual({ count: 10, p50: 5, p95: 100, max: 100 });
    expect(gapStats([])).toEqual({ count: 0, p50: 0, p95: 0, max: 0 });
  });
  it("formats durations", () => {
    expect(formatMs(850.4)).toBe("850 ms");
    expect(formatMs(2410)).toBe("2.41 s");
    expect(formatMs(65_000)).toBe("1 m 05 s");
    expect(formatMs(undefined)).toBe("—");
  });
});
