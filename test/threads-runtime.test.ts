// The runtime's stored threads: list, pull into a session, replay, compare with /state and
// /messages; and connect by hand, recording what the runtime replays. Real runtime, in-memory runner.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpAgent } from "@ag-ui/client";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { createThreadsClient } from "../src/core/threads/client";
import { checkPulled, pullThread } from "../src/core/threads/pull";
import { compareThread } from "../src/core/threads/compare";
import { createRuntimeClient } from "../src/core/transport/client";
import { buildRunInput } from "../src/core/transport/input";
import type { Message } from "../src/core/protocol/events";
import { eventsOf, recordingHarness } from "./helpers";

process.env.SUPPRESS_TRANSFORMATION_WARNINGS = "true";

let rt: RuntimeFixture;
beforeAll(async () => {
  rt = await startRuntime();
  // a thread with two runs (state, text, a backend tool), a frontend-tool round trip, reasoning
  const scripted = new HttpAgent({ url: `${rt.restUrl}/agent/scripted/run`, threadId: "pull-two-runs" });
  scripted.messages = [{ id: "u1", role: "user", content: "first" }];
  await scripted.runAgent({});
  scripted.messages = [...scripted.messages, { id: "u2", role: "user", content: "second" }];
  await scripted.runAgent({});
  const hitl = new HttpAgent({ url: `${rt.restUrl}/agent/frontend-tool/run`, threadId: "pull-hitl" });
  hitl.messages = [{ id: "h1", role: "user", content: "deploy" }];
  await hitl.runAgent({ tools: [{ name: "confirm_action", description: "confirm", parameters: { type: "object", properties: {} } }] });
  const call = hitl.messages.flatMap((m) => ("toolCalls" in m && m.toolCalls ? m.toolCalls : []))[0];
  hitl.messages = [...hitl.messages, { id: "h2", role: "tool", toolCallId: call.id, content: "yes" }];
  await hitl.runAgent({});
  const reasoning = new HttpAgent({ url: `${rt.restUrl}/agent/reasoning/run`, threadId: "pull-reasoning" });
  reasoning.messages = [{ id: "r1", role: "user", content: "think" }];
  await reasoning.runAgent({});
});
afterAll(async () => {
  await rt.close();
});

const rest = () => createThreadsClient({ url: rt.restUrl, transport: "rest", fetch: (i, init) => fetch(i, init) });

describe("threads", () => {
  it("lists what the runtime ran, filtered by agent, over REST and single-route", async () => {
    const { threads } = await rest().list();
    const ids = threads.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(["pull-two-runs", "pull-hitl", "pull-reasoning"]));
    const scripted = await rest().list("scripted");
    expect(scripted.threads.map((t) => t.id)).toContain("pull-two-runs");
    expect(scripted.threads.every((t) => t.agentId === "scripted")).toBe(true);
    const single = await createThreadsClient({ url: rt.singleUrl, transport: "single", fetch: (i, init) => fetch(i, init) }).list("frontend-tool");
    expect(single.threads.map((t) => t.id)).toEqual(["pull-hitl"]);
  });

  for (const threadId of ["pull-two-runs", "pull-hitl", "pull-reasoning"]) {
    it(`pull ${threadId}: the replayed final state and messages equal /state and /messages`, async () => {
      const h = recordingHarness();
      const pulled = await pullThread(rest(), h.recorder, threadId);
      expect(pulled.events).toBeGreaterThan(3);
      expect(eventsOf(h.records)).toEqual((await (await fetch(`${rt.restUrl}/threads/${threadId}/events`)).json()).events);
      const check = checkPulled(h.records, pulled);
      expect(check.differences).toEqual([]);
      expect(check.messages.length).toBe(pulled.messages.length);
      if (threadId === "pull-two-runs") {
        expect(check.state).toEqual({ counter: 2, items: [{ text: "second" }], last: "second" });
        expect(pulled.state).toEqual(check.state);
        expect(check.messages.map((m) => m.id)).toEqual(expect.arrayContaining(["u1", "u2"]));
      }
    });
  }

  it("pull over single-route goes through resource/request and checks out the same", async () => {
    const h = recordingHarness();
    const single = createThreadsClient({ url: rt.singleUrl, transport: "single", fetch: (i, init) => fetch(i, init) });
    const pulled = await pullThread(single, h.recorder, "pull-hitl", "frontend-tool");
    expect(checkPulled(h.records, pulled).differences).toEqual([]);
    const request = h.records.find((r) => r.kind === "request")!;
    expect(request).toMatchObject({ method: "POST", url: rt.singleUrl, transport: "single", body: { method: "resource/request", params: { path: "/threads/pull-hitl/events", httpMethod: "GET" } } });
  });

  it("a difference is flagged", () => {
    const messages: Message[] = [{ id: "a", role: "assistant", content: "hi", toolCalls: [{ id: "t", type: "function", function: { name: "f", arguments: "{}" } }] }];
    expect(compareThread({ state: { n: 1 }, messages }, { state: { n: 1 }, messages: [{ id: "a", role: "assistant", content: "hi", toolCalls: [{ id: "t", name: "f", args: "{}" }] }] })).toEqual([]);
    const diffs = compareThread({ state: { n: 2 }, messages }, { state: { n: 1 }, messages: [] });
    expect(diffs.map((d) => d.rule)).toEqual(["thread/state-differs", "thread/messages-differ"]);
  });

  it("an unknown thread pulls as empty, and a runtime without thread storage says why", async () => {
    const h = recordingHarness();
    const pulled = await pullThread(rest(), h.recorder, "no-such-thread");
    expect(pulled.events).toBe(0);
    await expect(createThreadsClient({ url: `${rt.origin}/nowhere`, transport: "rest", fetch: (i, init) => fetch(i, init) }).list()).rejects.toThrow(/HTTP 404/);
  });
});

describe("connect by hand", () => {
  it("records what the runtime replays for a thread: its stored runs, back to back", async () => {
    const h = recordingHarness();
    const client = createRuntimeClient({ url: rt.restUrl, transport: "rest", recorder: h.recorder });
    await client.discover();
    const outcome = await client.connect("scripted", buildRunInput({ threadId: "pull-two-runs" }));
    expect(outcome.error).toBeUndefined();
    const stored = (await (await fetch(`${rt.restUrl}/threads/pull-two-runs/events`)).json()).events;
    expect(eventsOf(h.records)).toEqual(stored);
    expect(eventsOf(h.records).filter((e) => e.type === "RUN_STARTED")).toHaveLength(2);
    expect(h.records.find((r) => r.kind === "request")).toMatchObject({ op: "info" });
    expect(h.records.filter((r) => r.kind === "request").at(-1)).toMatchObject({ op: "connect", url: `${rt.restUrl}/agent/scripted/connect` });
  });
});
