// `serve` checked with the real clients: @copilotkit/core's ProxiedCopilotRuntimeAgent over
// REST, single-route and auto-detection, and @ag-ui/client's HttpAgent on the REST run route.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ProxiedCopilotRuntimeAgent } from "@copilotkit/core";
import { HttpAgent } from "@ag-ui/client";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { createRuntimeClient } from "../src/core/transport/client";
import { buildRunInput, toolMessage, userMessage } from "../src/core/transport/input";
import type { AguiEvent, Message } from "../src/core/protocol/events";
import type { SessionRecord } from "../src/core/session/record";
import { startMockRuntime, type MockRuntime } from "../src/server/mock-runtime";
import { recordingHarness } from "./helpers";

process.env.SUPPRESS_TRANSFORMATION_WARNINGS = "true";

let rt: RuntimeFixture;
let mock: MockRuntime;
let records: SessionRecord[];
let toolCallId: string;

beforeAll(async () => {
  rt = await startRuntime();
  const h = recordingHarness();
  const client = createRuntimeClient({ url: rt.restUrl, transport: "rest", recorder: h.recorder });
  await client.discover();
  await client.run("scripted", buildRunInput({ messages: [userMessage("from the recording")] }));
  // a frontend-tool conversation: the call, then the follow-up run with the tool's result
  const ask = buildRunInput({ threadId: "hitl", messages: [userMessage("deploy")] });
  const first = await client.run("frontend-tool", ask);
  const call = first.events.find((e) => e.type === "TOOL_CALL_START")!;
  toolCallId = String(call.toolCallId);
  const assistant: Message = { id: String(call.parentMessageId), role: "assistant", content: "I need you to confirm.", toolCalls: [{ id: toolCallId, type: "function", function: { name: String(call.toolCallName), arguments: "{}" } }] };
  await client.run("frontend-tool", buildRunInput({ threadId: "hitl", messages: [...ask.messages, assistant, toolMessage(toolCallId, '{"ok":true}')] }));
  records = h.records;
  mock = await startMockRuntime({ records });
});
afterAll(async () => {
  await mock.close();
  await rt.close();
});

const realFetch = globalThis.fetch;
let calls: { method: string; url: string; envelope?: string }[] = [];
beforeAll(() => {
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    let envelope: string | undefined;
    if (typeof init?.body === "string") {
      try {
        envelope = (JSON.parse(init.body) as { method?: string }).method;
      } catch {
        envelope = undefined;
      }
    }
    calls.push({ method: init?.method ?? "GET", url, ...(envelope ? { envelope } : {}) });
    return realFetch(input, init);
  }) as typeof fetch;
});
afterAll(() => {
  globalThis.fetch = realFetch;
});
afterEach(() => {
  calls = [];
});

/** The events of the n-th recorded run of an agent, as the recording holds them. */
function recordedEvents(agentId: string, n = 0): AguiEvent[] {
  const xs = [...new Set(records.filter((r) => r.kind === "request" && r.op === "run" && r.agentId === agentId).map((r) => r.x))];
  return records.flatMap((r) => (r.kind === "event" && r.x === xs[n] ? [r.event] : []));
}

/** What a client saw: types and the fields the recording carries (clients may add none). */
const strip = (events: unknown[]) => JSON.parse(JSON.stringify(events)) as AguiEvent[];

/**
 * `serve` answers the request: the run events carry the client's thread and run ids and its
 * input; every event in between is the recorded one.
 */
function expectAnswered(seen: unknown[], recorded: AguiEvent[], ids: { threadId: string; runId?: string }, sentMessages: unknown[]) {
  const got = strip(seen);
  expect(got.slice(1, -1)).toEqual(recorded.slice(1, -1));
  expect(got[0]).toMatchObject({ type: "RUN_STARTED", threadId: ids.threadId, ...(ids.runId ? { runId: ids.runId } : {}) });
  expect((got[0].input as { messages: unknown[] }).messages).toEqual(sentMessages);
  expect(got.at(-1)).toEqual({ ...recorded.at(-1), threadId: ids.threadId, runId: got[0].runId });
}

describe("@copilotkit/core ProxiedCopilotRuntimeAgent against `serve`", () => {
  for (const transport of ["rest", "single", "auto"] as const) {
    it(`${transport}: receives the recorded events and builds the recorded conversation`, async () => {
      const agent = new ProxiedCopilotRuntimeAgent({ runtimeUrl: mock.url, agentId: "scripted", transport });
      const seen: unknown[] = [];
      await agent.runAgent({}, { onEvent: ({ event }) => void seen.push(event) });
      expectAnswered(seen, recordedEvents("scripted"), { threadId: agent.threadId }, []);
      expect(agent.messages.find((m) => m.role === "assistant")?.content).toBe("You said: from the recording");
      const runCall = calls.find((c) => c.method === "POST")!;
      if (transport === "single") expect(runCall).toEqual({ method: "POST", url: mock.url, envelope: "agent/run" });
      else expect(runCall.url).toBe(`${mock.url}/agent/scripted/run`);
      if (transport === "auto") expect(calls[0]).toMatchObject({ method: "GET", url: `${mock.url}/info` });
    });
  }

  it("plays a human-in-the-loop exchange: the tool call, then the answer to the tool result", async () => {
    const agent = new ProxiedCopilotRuntimeAgent({ runtimeUrl: mock.url, agentId: "frontend-tool", transport: "rest" });
    agent.threadId = "dev-thread";
    agent.addMessage({ id: "u1", role: "user", content: "deploy" } as never);
    const first: AguiEvent[] = [];
    await agent.runAgent({}, { onEvent: ({ event }) => void first.push(event as AguiEvent) });
    expectAnswered(first, recordedEvents("frontend-tool", 0), { threadId: "dev-thread" }, [{ id: "u1", role: "user", content: "deploy" }]);
    const pending = agent.messages.flatMap((m) => (m.role === "assistant" ? ((m as { toolCalls?: { id: string }[] }).toolCalls ?? []) : []));
    expect(pending.map((c) => c.id)).toEqual([toolCallId]);
    agent.addMessage({ id: "t1", role: "tool", toolCallId, content: '{"ok":true}' } as never);
    await agent.runAgent({});
    expect(agent.messages.at(-1)).toMatchObject({ role: "assistant", content: `Tool ${toolCallId} answered: {"ok":true}` });
    // nothing doubled: one user message, one tool result, two answers
    expect(agent.messages.map((m) => m.role)).toEqual(["user", "assistant", "tool", "assistant"]);
  });
});

describe("@ag-ui/client HttpAgent against `serve`", () => {
  it("runs the REST run route as a plain AG-UI endpoint", async () => {
    const agent = new HttpAgent({ url: `${mock.url}/agent/scripted/run` });
    const seen: unknown[] = [];
    await agent.runAgent({}, { onEvent: ({ event }) => void seen.push(event) });
    expectAnswered(seen, recordedEvents("scripted"), { threadId: agent.threadId }, []);
    expect(agent.state).toEqual({ counter: 2, items: [{ text: "from the recording" }], last: "from the recording" });
  });
});
