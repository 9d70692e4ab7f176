import { describe, expect, it } from "vitest";
import { createRecorder } from "../recorder/recorder";
import type { SessionRecord } from "../session/record";
import { attachFeed, debugFeedUrl } from "./attach";

// Faults only: the real feed is exercised in test/feed-attach.test.ts.
function harness() {
  const records: SessionRecord[] = [];
  const recorder = createRecorder({ sink: { write: async () => {} } });
  recorder.on("record", (r) => records.push(r));
  return { records, recorder };
}

const sse = (text: string) => new Response(text, { status: 200, headers: { "content-type": "text/event-stream" } });
const env = (threadId: string, type: string) => `data: ${JSON.stringify({ timestamp: 5, agentId: "a", threadId, runId: "r", event: { type, threadId, runId: "r" } })}\n\n`;

describe("attachFeed faults", () => {
  it("builds the feed URL below the runtime URL", () => {
    expect(debugFeedUrl("http://h:1/api/copilotkit/")).toBe("http://h:1/api/copilotkit/cpk-debug-events");
    expect(debugFeedUrl("http://h:1/api?x=1")).toBe("http://h:1/api/cpk-debug-events?x=1");
  });

  it("keeps retrying while a dropped feed's runtime is down, then records one gap", async () => {
    const h = harness();
    const ctl = new AbortController();
    const waits: number[] = [];
    let call = 0;
    const fetch = async () => {
      call++;
      if (call === 1) return sse(env("t1", "RUN_STARTED"));
      if (call <= 4) throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
      if (call === 5) return sse(env("t1", "RUN_FINISHED"));
      ctl.abort();
      throw new DOMException("aborted", "AbortError");
    };
    const result = await attachFeed({ url: "http://h/api", fetch, recorder: h.recorder, signal: ctl.signal, backoff: { first: 10, max: 40 }, sleep: async (ms) => void waits.push(ms) });
    expect(result.outcome).toBe("stopped");
    // one drop after the first body, then three refusals, then back: backoff doubles to its cap
    expect(waits).toEqual([10, 20, 40, 40, 10]);
    // the first gap closed when the feed came back; the second drop never did before the stop
    expect(result.gaps).toHaveLength(1);
    expect(result.gaps[0].error).toMatch(/closed the feed/);
    expect(h.records.filter((r) => r.kind === "event").map((r) => r.kind === "event" && r.event.type)).toEqual(["RUN_STARTED", "RUN_FINISHED"]);
    expect(h.records.filter((r) => r.kind === "end").map((r) => r.kind === "end" && r.code)).toEqual(["cut-stream", "unreachable", "unreachable", "unreachable", "cut-stream", undefined]);
  });

  it("a runtime that cannot be reached at all fails at once; a 500 says what the runtime answered", async () => {
    const h = harness();
    const down = await attachFeed({ url: "http://h/api", fetch: async () => Promise.reject(new TypeError("fetch failed")), recorder: h.recorder, sleep: async () => {} });
    expect(down.outcome).toBe("failed");
    expect(down.error).toMatch(/Cannot reach http:\/\/h\/api\/cpk-debug-events/);
    const broken = await attachFeed({ url: "http://h/api", fetch: async () => new Response("bus missing", { status: 503 }), recorder: h.recorder });
    expect(broken).toMatchObject({ outcome: "failed", error: expect.stringMatching(/HTTP 503.*bus missing/) });
  });
});
