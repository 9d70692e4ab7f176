// @copilotkit/core's CopilotKitCore — what a CopilotKit app runs in the browser — against the
// real runtime and against `serve` of a recording of that runtime: run (with a frontend tool
// and its automatic follow-up), connect and stop end with the same messages on both.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { CopilotKitCore, CopilotKitCoreRuntimeConnectionStatus } from "@copilotkit/core";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { createRuntimeClient } from "../src/core/transport/client";
import { buildRunInput, toolMessage, userMessage } from "../src/core/transport/input";
import type { Message } from "../src/core/protocol/events";
import { startMockRuntime, type MockRuntime } from "../src/server/mock-runtime";
import { recordingHarness } from "./helpers";

process.env.SUPPRESS_TRANSFORMATION_WARNINGS = "true";
// CopilotKitCore talks to a runtime only in a browser (it checks for `window`); the page it runs
// in is all it reads from it. Set before any core is built, removed after.
const hadWindow = "window" in globalThis;
beforeAll(() => {
  if (!hadWindow) (globalThis as { window?: unknown }).window = { location: { origin: "http://127.0.0.1:5173", href: "http://127.0.0.1:5173/" } };
});
afterAll(() => {
  if (!hadWindow) delete (globalThis as { window?: unknown }).window;
});

let rt: RuntimeFixture;
let mock: MockRuntime;
let slowMock: MockRuntime;
/** The slow agent's text as recorded up to its stop. */
let recordedSlowText = "";

const TOOL_RESULT = { ok: true, note: "déployé ✅" };

beforeAll(async () => {
  rt = await startRuntime();
  // The recording: what a CopilotKit app's conversation sends, made with the inspector's client.
  const h = recordingHarness();
  const client = createRuntimeClient({ url: rt.restUrl, transport: "rest", recorder: h.recorder });
  await client.discover();
  const tools = [{ name: "confirm_action", description: "Ask the user", parameters: { type: "object", properties: {} } }];
  const ask = buildRunInput({ threadId: "rec", messages: [userMessage("deploy")], tools });
  const first = await client.run("frontend-tool", ask);
  const call = first.events.find((e) => e.type === "TOOL_CALL_START")!;
  const assistant: Message = { id: String(call.parentMessageId), role: "assistant", content: "I need you to confirm.", toolCalls: [{ id: String(call.toolCallId), type: "function", function: { name: "confirm_action", arguments: '{"action":"deploy","target":"staging"}' } }] };
  await client.run("frontend-tool", buildRunInput({ threadId: "rec", tools, messages: [...ask.messages, assistant, toolMessage(String(call.toolCallId), JSON.stringify(TOOL_RESULT))] }));
  mock = await startMockRuntime({ records: h.records });

  // A stopped slow run, served at its recorded pace so a client can stop it mid-stream.
  const s = recordingHarness();
  const slowClient = createRuntimeClient({ url: rt.restUrl, transport: "rest", recorder: s.recorder });
  await slowClient.discover();
  const input = buildRunInput({ threadId: "slow-rec", messages: [userMessage("go")] });
  let ticked!: () => void;
  const eightTicks = new Promise<void>((r) => (ticked = r));
  let ticks = 0;
  const running = slowClient.run("slow", input, { onEvent: (e) => void (e.type === "TEXT_MESSAGE_CONTENT" && ++ticks === 8 && ticked()) });
  await eightTicks;
  await slowClient.stop("slow", "slow-rec", input.runId);
  await running;
  recordedSlowText = s.records.flatMap((r) => (r.kind === "event" && r.event.type === "TEXT_MESSAGE_CONTENT" ? [String(r.event.delta)] : [])).join("");
  slowMock = await startMockRuntime({ records: s.records, realtime: true });
});
afterAll(async () => {
  await mock?.close();
  await slowMock?.close();
  await rt?.close();
});

type Transport = "rest" | "single" | "auto";

const anyArgs = z.object({ action: z.string(), target: z.string() });

async function coreFor(url: string, transport: Transport, withTool = true) {
  const core = new CopilotKitCore({
    runtimeUrl: url,
    runtimeTransport: transport,
    tools: withTool ? [{ name: "confirm_action", description: "Ask the user", parameters: anyArgs, handler: async () => TOOL_RESULT }] : [],
  });
  for (let i = 0; i < 200 && core.runtimeConnectionStatus !== CopilotKitCoreRuntimeConnectionStatus.Connected; i++) await new Promise((r) => setTimeout(r, 10));
  expect(core.runtimeConnectionStatus).toBe(CopilotKitCoreRuntimeConnectionStatus.Connected);
  return core;
}

/** Messages as a user sees them: ids differ between runtime and recording, so calls are numbered. */
function visible(messages: readonly unknown[]) {
  const calls = new Map<string, string>();
  const callName = (id: string) => calls.get(id) ?? (calls.set(id, `call-${calls.size + 1}`), calls.get(id)!);
  return (messages as Record<string, unknown>[]).map((m) => ({
    role: m.role,
    content: typeof m.content === "string" ? m.content.replace(/Tool \S+ answered/, (s) => s.replace(/Tool (\S+)/, (_x, id: string) => `Tool ${callName(id)}`)) : m.content,
    ...(Array.isArray(m.toolCalls) && m.toolCalls.length ? { toolCalls: (m.toolCalls as { id: string; function: { name: string; arguments: string } }[]).map((c) => ({ id: callName(c.id), name: c.function.name, args: JSON.parse(c.function.arguments) })) } : {}),
    ...(typeof m.toolCallId === "string" ? { toolCallId: callName(m.toolCallId) } : {}),
  }));
}

const urlFor = (transport: Transport) => (transport === "single" ? rt.singleUrl : rt.restUrl);

describe("CopilotKitCore against the runtime and against `serve`", () => {
  for (const transport of ["rest", "single", "auto"] as const) {
    it(`${transport}: a run with a frontend tool and its follow-up, then connect, end with the same messages`, async () => {
      const results: { run: ReturnType<typeof visible>; connected: ReturnType<typeof visible> }[] = [];
      for (const url of [urlFor(transport), mock.url]) {
        const core = await coreFor(url, transport);
        const agent = core.getAgent("frontend-tool")!;
        const threadId = `core-${transport}-${Math.random()}`;
        agent.threadId = threadId;
        agent.addMessage({ id: `u-${threadId}`, role: "user", content: "deploy" } as never);
        await core.runAgent({ agent });
        // the tool's follow-up run has finished when the answer is there
        for (let i = 0; i < 200 && agent.messages.at(-1)?.role !== "assistant"; i++) await new Promise((r) => setTimeout(r, 10));
        const run = visible(agent.messages);
        // a second app opening the same thread gets the conversation from connect
        const other = await coreFor(url, transport);
        const again = other.getAgent("frontend-tool")!;
        again.threadId = threadId;
        await other.connectAgent({ agent: again });
        results.push({ run, connected: visible(again.messages) });
      }
      const [real, served] = results;
      expect(real.run.map((m) => m.role)).toEqual(["user", "assistant", "tool", "assistant"]);
      expect(served.run).toEqual(real.run);
      expect(real.connected).toEqual(real.run);
      expect(served.connected).toEqual(real.connected);
    });
  }

  for (const transport of ["rest", "single", "auto"] as const) {
    it(`${transport}: a run stopped mid-stream ends the same way on both (user message, partial answer, run over)`, async () => {
      const shapes: unknown[] = [];
      for (const url of [urlFor(transport), slowMock.url]) {
        const core = await coreFor(url, transport, false);
        const agent = core.getAgent("slow")!;
        agent.threadId = `stop-${Math.random()}`;
        agent.addMessage({ id: `u-${agent.threadId}`, role: "user", content: "go" } as never);
        const running = core.runAgent({ agent });
        for (let i = 0; i < 300 && !String(agent.messages.at(-1)?.content ?? "").includes("tick 2 "); i++) await new Promise((r) => setTimeout(r, 10));
        core.stopAgent({ agent });
        await running.catch(() => undefined);
        for (let i = 0; i < 200 && agent.isRunning; i++) await new Promise((r) => setTimeout(r, 10));
        expect(agent.isRunning).toBe(false);
        const messages = visible(agent.messages);
        expect(String(messages.at(-1)?.content)).toMatch(/^tick 0 tick 1 tick 2 /);
        // serve stopped its replay too, before the recording's end
        if (url === slowMock.url) expect(String(messages.at(-1)?.content).length).toBeLessThan(recordedSlowText.length);
        shapes.push(messages.map((m) => m.role));
      }
      expect(shapes[0]).toEqual(["user", "assistant"]);
      expect(shapes[1]).toEqual(shapes[0]);
    });
  }
});
