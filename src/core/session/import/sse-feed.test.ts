import { describe, expect, it } from "vitest";
import { importText } from "./index";

// A saved debug feed (`curl …/cpk-debug-events > feed.sse`) read back through the SSE import.

const env = (timestamp: number, agentId: string, threadId: string, runId: string, event: unknown) => `data: ${JSON.stringify({ timestamp, agentId, threadId, runId, event })}\n\n`;

describe("a saved debug feed", () => {
  it("is told by its first frame and read as the live attach records it: a stream per run, timed by the envelopes", () => {
    const text =
      env(1000, "a", "t1", "r1", { type: "RUN_STARTED", threadId: "t1", runId: "r1" }) +
      env(1005, "a", "t2", "r2", { type: "RUN_STARTED", threadId: "t2", runId: "r2" }) +
      ": ping\n\n" +
      "data: not json\n\n" +
      env(1010, "a", "t1", "r1", { type: "RUN_FINISHED", threadId: "t1", runId: "r1" });
    const r = importText(text, { now: 5, file: "x/feed.sse" });
    expect(r.format).toBe("debug-feed");
    expect(r.header).toMatchObject({ name: "feed.sse", agentId: "a", source: { kind: "debug-feed", file: "feed.sse" } });
    expect(r.records.map((x) => [x.seq, x.kind, x.x, x.threadId, x.t])).toEqual([
      [1, "event", 2, "t1", 1000],
      [2, "event", 3, "t2", 1005],
      [3, "comment", 1, undefined, 5],
      [4, "bad-frame", 1, undefined, 5],
      [5, "event", 2, "t1", 1010],
      [6, "end", 1, undefined, 1010],
    ]);
    expect(r.records[5]).toMatchObject({ op: "observe", outcome: "complete", frames: 4, badFrames: 1 });
    expect(r.records[5]).not.toHaveProperty("unterminated");
  });

  it("names no agent when the envelopes name several", () => {
    const r = importText(env(1000, "a", "t", "r", { type: "RUN_STARTED", threadId: "t", runId: "r" }) + env(1001, "b", "t", "r", { type: "RUN_FINISHED", threadId: "t", runId: "r" }), { now: 5 });
    expect(r.format).toBe("debug-feed");
    expect(r.header).not.toHaveProperty("agentId");
  });

  it("says in its end record that the feed stopped inside a frame, even one that is no envelope", () => {
    const r = importText(env(1000, "a", "t", "r", { type: "RUN_STARTED", threadId: "t", runId: "r" }) + 'data: {"timestamp":1020,"agentId":"a"', { now: 5 });
    const last = r.records.at(-2)!;
    expect(last).toMatchObject({ kind: "bad-frame", x: 1, raw: '{"timestamp":1020,"agentId":"a"', unterminated: true });
    expect(r.records.at(-1)).toMatchObject({ kind: "end", frames: 2, badFrames: 1, unterminated: true, t: 1000 });
  });

  it("a plain SSE capture stays plain, and its end says when it was cut", () => {
    const r = importText('data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\ndata: {"type":"RUN_FIN', { now: 5, file: "c.sse" });
    expect(r.format).toBe("sse");
    expect(r.records.at(-1)).toMatchObject({ kind: "end", op: "run", frames: 2, badFrames: 1, unterminated: true, t: 5 });
    expect(r.header.source).toEqual({ kind: "sse", file: "c.sse" });
  });
});
