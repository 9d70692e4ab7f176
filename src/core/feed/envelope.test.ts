import { describe, expect, it } from "vitest";
import { createRecorder } from "../recorder/recorder";
import type { SessionRecord } from "../session/record";
import { createSseDecoder } from "../transport/sse";
import { createFeedDecoder } from "./envelope";

function decode(text: string) {
  const records: SessionRecord[] = [];
  const recorder = createRecorder({ sink: { write: async () => {} }, clock: { now: () => 999, schedule: () => () => {} } });
  recorder.on("record", (r) => records.push(r));
  const feed = createFeedDecoder(recorder, recorder.nextExchange());
  const sse = createSseDecoder({ frame: feed.sse, comment: feed.comment, unterminated: feed.unterminated });
  sse.feed(text);
  sse.end();
  return records;
}

const env = (o: Record<string, unknown>) => `data: ${JSON.stringify(o)}\n\n`;

describe("debug feed envelopes", () => {
  it("one bad frame never costs the frames after it; raw text kept where it cannot be rebuilt", () => {
    const records = decode(
      env({ timestamp: 10, agentId: "a", threadId: "t", runId: "r", event: { type: "RUN_STARTED", threadId: "t", runId: "r" } }) +
        "data: {not json\n\n" +
        env({ timestamp: 11, agentId: "a", threadId: "t", runId: "r" }) +
        env({ timestamp: 12, agentId: "a", threadId: "t", runId: "r", event: 42 }) +
        `data: {"agentId":"a","timestamp":13,"threadId":"t","runId":"r","event":{"type":"RUN_FINISHED","threadId":"t","runId":"r"}}\n\n`,
    );
    expect(records.map((r) => r.kind)).toEqual(["event", "bad-frame", "bad-frame", "bad-frame", "event"]);
    expect(records[0]).toMatchObject({ t: 10, agentId: "a", threadId: "t", runId: "r", event: { type: "RUN_STARTED" } });
    expect(records[0]).not.toHaveProperty("raw");
    expect(records[1]).toMatchObject({ raw: "{not json", t: 999 });
    expect(records[2]).toMatchObject({ error: expect.stringMatching(/without "event"/) });
    expect(records[3]).toMatchObject({ t: 12, raw: expect.stringContaining('"event":42') });
    // keys in another order than the runtime writes them: the wire text is kept
    expect(records[4]).toMatchObject({ t: 13, kind: "event", raw: expect.stringMatching(/^\{"agentId"/) });
    expect(records[0].x).toBe(records[4].x);
  });

  it("threads without a run yet keep no empty ids", () => {
    const [r] = decode(env({ timestamp: 1, agentId: "a", threadId: "", runId: "", event: { type: "CUSTOM", name: "x", value: 1 } }));
    expect(r).not.toHaveProperty("threadId");
    expect(r).not.toHaveProperty("runId");
    expect(r).toMatchObject({ agentId: "a" });
  });
});

describe("debug feed: cut and hostile frames", () => {
  it("an envelope the feed ended inside is still read, flagged unterminated; bytes with no data line are kept", () => {
    const whole = env({ timestamp: 1, agentId: "a", threadId: "t", runId: "r", event: { type: "RUN_STARTED", threadId: "t", runId: "r" } });
    const last = `data: ${JSON.stringify({ timestamp: 2, agentId: "a", threadId: "t", runId: "r", event: { type: "RUN_FINISHED", threadId: "t", runId: "r" } })}`;
    const records = decode(whole + last);
    expect(records.map((r) => r.kind)).toEqual(["event", "event"]);
    expect(records[1]).toMatchObject({ t: 2, unterminated: true, event: { type: "RUN_FINISHED" } });
    const junk = decode(whole + "id: 7");
    expect(junk.map((r) => r.kind)).toEqual(["event", "bad-frame"]);
    expect(junk[1]).toMatchObject({ unterminated: true });
  });

  it("an event nested past the limit is a bad frame, and the next envelope still arrives", () => {
    const deep = `data: {"timestamp":1,"agentId":"a","threadId":"t","runId":"r","event":${"[".repeat(5000)}${"]".repeat(5000)}}\n\n`;
    const records = decode(deep + env({ timestamp: 3, agentId: "a", threadId: "t", runId: "r", event: { type: "RUN_STARTED", threadId: "t", runId: "r" } }));
    expect(records.map((r) => r.kind)).toEqual(["bad-frame", "event"]);
    expect(records[0]).toMatchObject({ error: expect.stringMatching(/nested deeper/) });
  });
});
