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
    // dated by the feed's first envelope, not by the import
    expect(r.header.createdAt).toBe(new Date(1000).toISOString());
    expect(r.records.map((x) => [x.seq, x.kind, x.x, x.threadId, x.t])).toEqual([
      [1, "event", 2, "t1", 1000],
      [2, "event", 3, "t2", 1005],
      // no time of their own: the last envelope's, not the import's
      [3, "comment", 1, undefined, 1005],
      [4, "bad-frame", 1, undefined, 1005],
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

describe("a saved debug feed with envelopes missing parts", () => {
  it("names the one agent even when some envelopes name none, and ends at the last envelope's own time", () => {
    const r = importText(
      env(1000, "a", "t", "r", { type: "RUN_STARTED", threadId: "t", runId: "r" }) +
        `data: ${JSON.stringify({ timestamp: 1004, threadId: "t", runId: "r", event: { type: "STEP_STARTED", stepName: "s" } })}\n\n` +
        env(1008, "a", "t", "r", { type: "RUN_FINISHED", threadId: "t", runId: "r" }) +
        `data: ${JSON.stringify({ agentId: "a", threadId: "t", runId: "r", event: { type: "CUSTOM", name: "late", value: 1 } })}\n\n`,
      { now: 5 },
    );
    expect(r.format).toBe("debug-feed");
    expect(r.header.agentId).toBe("a");
    expect(r.records.at(-1)).toMatchObject({ dir: "in", kind: "end", op: "observe", frames: 4, t: 1008 });
  });
});

describe("plain SSE captures whose first frame looks like a feed envelope", () => {
  it("a capture that starts with a RAW event (its own `event` and `timestamp`) stays plain, the event kept whole", () => {
    const raw = { type: "RAW", timestamp: 1_700_000_000_000, event: { type: "response.output_text.delta", delta: "Hi" }, source: "openai" };
    const r = importText(`data: ${JSON.stringify(raw)}\n\ndata: {"type":"RUN_FINISHED","threadId":"t","runId":"r"}\n\n`, { now: 5 });
    expect(r.format).toBe("sse");
    expect(r.records.filter((x) => x.kind === "event").map((x) => (x as { event: unknown }).event)).toEqual([raw, { type: "RUN_FINISHED", threadId: "t", runId: "r" }]);
  });

  it("a server's timestamped heartbeats (`{event, timestamp}` with an event that is no AG-UI event) stay plain: kept as bad frames, the events after them read", () => {
    for (const beat of ['{"event":"heartbeat","timestamp":1700000000}', '{"event":null,"timestamp":1700000000}', '{"event":{"name":"tick"},"timestamp":1700000000}']) {
      const r = importText(`data: ${beat}\n\ndata: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\n`, { now: 5 });
      expect(r.format).toBe("sse");
      expect(r.records.map((x) => x.kind)).toEqual(["bad-frame", "event", "end"]);
      expect(r.records[0]).toMatchObject({ raw: beat });
      expect(r.records.at(-1)).toMatchObject({ dir: "in", kind: "end", op: "run", frames: 2, badFrames: 1 });
    }
  });

  it("a capture of keep-alive comments only is a plain capture with its comments", () => {
    const r = importText(": keep-alive\n\n: keep-alive\n\n", { now: 5 });
    expect(r.format).toBe("sse");
    expect(r.records.map((x) => [x.kind, "text" in x ? x.text : null])).toEqual([
      ["comment", "keep-alive"],
      ["comment", "keep-alive"],
      ["end", null],
    ]);
  });
});
