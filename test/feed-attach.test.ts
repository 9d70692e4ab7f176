// Attaching to the real runtime's debug feed while a separate client (@ag-ui/client HttpAgent)
// runs agents on two threads at once: the attached session must hold what the clients got.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpAgent } from "@ag-ui/client";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { attachFeed, FEED_DISABLED_MESSAGE, type FeedStatus } from "../src/core/feed/attach";
import type { EventRecord, SessionRecord } from "../src/core/session/record";
import { recordingHarness } from "./helpers";
import { importText } from "../src/core/session/import";

process.env.SUPPRESS_TRANSFORMATION_WARNINGS = "true";

let rt: RuntimeFixture;
beforeAll(async () => {
  rt = await startRuntime();
});
afterAll(async () => {
  await rt.close();
});

const strip = (v: unknown) => JSON.parse(JSON.stringify(v));
const until = async (cond: () => boolean, what: string) => {
  for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
};

async function clientRun(agentId: string, threadId: string, text: string) {
  const agent = new HttpAgent({ url: `${rt.debugUrl}/agent/${agentId}/run`, threadId });
  agent.messages = [{ id: `${threadId}-u`, role: "user", content: text }];
  const seen: unknown[] = [];
  await agent.runAgent({}, { onEvent: ({ event }) => void seen.push(event) });
  return seen;
}

function attach(url: string, extra: { backoff?: { first: number; max: number } } = {}) {
  const h = recordingHarness();
  const ctl = new AbortController();
  const statuses: FeedStatus[] = [];
  // the feed's bytes as they arrived, to import as a saved feed afterwards
  const wire: string[] = [];
  const teeing = async (i: string, init?: RequestInit) => {
    const res = await fetch(i, init);
    if (!res.body) return res;
    const [mine, theirs] = res.body.tee();
    void (async () => {
      const reader = mine.getReader();
      const text = new TextDecoder();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          wire.push(text.decode(value, { stream: true }));
        }
      } catch {
        // aborted: what arrived is kept
      }
    })();
    return new Response(theirs, { status: res.status, headers: res.headers });
  };
  const done = attachFeed({ url, fetch: teeing, recorder: h.recorder, signal: ctl.signal, onStatus: (s) => statuses.push(s), ...extra });
  return { ...h, ctl, statuses, done, wire };
}

const eventsOfThread = (records: SessionRecord[], threadId: string) =>
  records.filter((r): r is EventRecord => r.kind === "event" && r.threadId === threadId).map((r) => r.event);

describe("attach to /cpk-debug-events (runtime with debug on)", () => {
  it("records every event of two concurrent threads, equal and in order per thread, under the envelope's ids and time", async () => {
    const a = attach(rt.debugUrl);
    await until(() => a.statuses.some((s) => s.state === "attached"), "the feed");
    const [one, two] = await Promise.all([clientRun("scripted", "feed-one", "first thread"), clientRun("reasoning", "feed-two", "second thread")]);
    await until(() => eventsOfThread(a.records, "feed-one").length >= one.length && eventsOfThread(a.records, "feed-two").length >= two.length, "the feed to catch up");
    a.ctl.abort();
    const result = await a.done;
    expect(result.outcome).toBe("stopped");
    expect(one.length).toBeGreaterThan(5);
    expect(two.length).toBeGreaterThan(3);
    expect(eventsOfThread(a.records, "feed-one")).toEqual(strip(one));
    expect(eventsOfThread(a.records, "feed-two")).toEqual(strip(two));

    const evs = a.records.filter((r): r is EventRecord => r.kind === "event");
    expect(new Set(evs.map((r) => r.agentId))).toEqual(new Set(["scripted", "reasoning"]));
    // each thread's run is its own stream (exchange), apart from the feed's request
    const feedX = a.records.find((r) => r.kind === "request")!.x;
    const xs = new Map(evs.map((r) => [r.threadId, r.x]));
    expect(xs.get("feed-one")).not.toBe(xs.get("feed-two"));
    expect([...xs.values()]).not.toContain(feedX);
    // times come from the envelopes: within the run's wall time, never decreasing per thread
    for (const thread of ["feed-one", "feed-two"]) {
      const ts = evs.filter((r) => r.threadId === thread).map((r) => r.t);
      expect(ts).toEqual([...ts].sort((x, y) => x - y));
    }
    expect(a.records.some((r) => r.kind === "comment" && r.text === "connected")).toBe(true);
    expect(a.records.at(-1)).toMatchObject({ kind: "end", op: "observe", outcome: "aborted" });

    // the same feed saved as text/event-stream imports as the same session: events, ids, times
    const imported = importText(a.wire.join(""), { file: "feed.sse" });
    expect(imported.format).toBe("debug-feed");
    expect(imported.header.source).toEqual({ kind: "debug-feed", file: "feed.sse" });
    const pick = (rs: SessionRecord[]) => rs.filter((r): r is EventRecord => r.kind === "event").map((r) => [r.threadId, r.runId, r.agentId, r.t, r.event]);
    expect(pick(imported.records)).toEqual(pick(a.records));
    expect(imported.errors).toEqual([]);
  });

  it("reconnects after the feed drops and records the gap", async () => {
    const a = attach(rt.debugUrl, { backoff: { first: 50, max: 200 } });
    await until(() => a.statuses.some((s) => s.state === "attached"), "the feed");
    await clientRun("scripted", "before-drop", "before");
    await until(() => eventsOfThread(a.records, "before-drop").length > 0 && a.records.some((r) => r.kind === "event" && r.event.type === "RUN_FINISHED" && r.threadId === "before-drop"), "first run");
    expect(rt.dropFeeds()).toBe(1);
    await until(() => a.statuses.filter((s) => s.state === "attached").length === 2, "the reconnect");
    const after = await clientRun("scripted", "after-drop", "after");
    await until(() => eventsOfThread(a.records, "after-drop").length >= after.length, "second run");
    a.ctl.abort();
    const result = await a.done;
    expect(result.gaps).toHaveLength(1);
    expect(result.gaps[0].to).toBeGreaterThanOrEqual(result.gaps[0].from);
    const ends = a.records.filter((r) => r.kind === "end");
    expect(ends[0]).toMatchObject({ op: "observe", outcome: "error", code: "cut-stream" });
    expect(ends[0].kind === "end" && ends[0].error).toMatch(/not seen/);
    // the drop, then a second request and response: the gap lies between them
    const requests = a.records.filter((r) => r.kind === "request");
    expect(requests).toHaveLength(2);
    expect(requests[1].seq).toBeGreaterThan(ends[0].seq);
    expect(eventsOfThread(a.records, "after-drop")).toEqual(strip(after));
  });
});

describe("attach to a runtime without debug", () => {
  it("ends at once with a message naming the setting", async () => {
    const a = attach(rt.restUrl);
    const result = await a.done;
    expect(result.outcome).toBe("disabled");
    expect(result.error).toBe(FEED_DISABLED_MESSAGE);
    expect(result.error).toMatch(/debug: true/);
    expect(result.error).toMatch(/NODE_ENV=development/);
    expect(a.records.map((r) => r.kind)).toEqual(["request", "response", "end"]);
    expect(a.records[1]).toMatchObject({ kind: "response", status: 404 });
  });
});
