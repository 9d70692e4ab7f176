import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { createRuntimeClient } from "../src/core/transport/client";
import { ProxyAgent } from "../src/core/transport/proxy-agent";
import { eventsOf, recordingHarness } from "./helpers";

let rt: RuntimeFixture;
beforeAll(async () => {
  rt = await startRuntime();
});
afterAll(() => rt.close());

describe("ProxyAgent: @ag-ui/client's AbstractAgent over the inspector's client", () => {
  it("runs through the client's apply pipeline; subscribers see the recorded events", async () => {
    const { recorder, records } = recordingHarness();
    const client = createRuntimeClient({ url: rt.restUrl, transport: "rest", recorder });
    const agent = new ProxyAgent({ client, remoteAgentId: "scripted", initialMessages: [{ id: "u1", role: "user", content: "proxy me" }] });
    const seen: string[] = [];
    const result = await agent.runAgent({}, { onEvent: ({ event }) => void seen.push(event.type) });
    expect(seen).toEqual(eventsOf(records).map((e) => e.type));
    const assistant = agent.messages.find((m) => m.role === "assistant");
    expect(assistant?.content).toBe("You said: proxy me");
    expect((assistant as { toolCalls?: { function: { name: string; arguments: string } }[] }).toolCalls?.[0].function).toEqual({ name: "lookup", arguments: '{"query":"proxy me"}' });
    expect(agent.state).toEqual({ counter: 2, items: [{ text: "proxy me" }], last: "proxy me" });
    expect(result.newMessages.length).toBeGreaterThan(0);
  });

  it("abortRun stops the run on the runtime; the run ends without throwing", async () => {
    const { recorder, records } = recordingHarness();
    const client = createRuntimeClient({ url: rt.restUrl, transport: "rest", recorder });
    await client.discover();
    const agent = new ProxyAgent({ client, remoteAgentId: "slow", initialMessages: [{ id: "u1", role: "user", content: "slow" }] });
    let ticks = 0;
    const done = agent.runAgent({}, { onEvent: ({ event }) => void (event.type === "TEXT_MESSAGE_CONTENT" && ++ticks === 3 && agent.abortRun()) });
    await expect(done).resolves.toBeDefined();
    // the record keeps the bare RUN_FINISHED exactly as the runtime sent it
    expect(eventsOf(records).at(-1)).toEqual({ type: "RUN_FINISHED" });
    expect(records.some((r) => r.kind === "request" && r.op === "stop")).toBe(true);
    expect(records.some((r) => r.kind === "response" && r.op === "stop" && (r.body as { stopped?: boolean }).stopped === true)).toBe(true);
  });

  it("connectAgent re-attaches through /connect", async () => {
    const { recorder } = recordingHarness();
    const client = createRuntimeClient({ url: rt.restUrl, transport: "rest", recorder });
    const first = new ProxyAgent({ client, remoteAgentId: "scripted", threadId: "proxy-connect", initialMessages: [{ id: "u1", role: "user", content: "remember" }] });
    await first.runAgent();
    const second = new ProxyAgent({ client, remoteAgentId: "scripted", threadId: "proxy-connect" });
    await second.connectAgent();
    expect(second.messages.some((m) => m.role === "assistant" && m.content === "You said: remember")).toBe(true);
    expect(second.state).toMatchObject({ counter: 2, last: "remember" });
  });

  it("clone keeps the client and the remote agent", () => {
    const { recorder } = recordingHarness();
    const client = createRuntimeClient({ url: rt.restUrl, transport: "rest", recorder });
    const agent = new ProxyAgent({ client, remoteAgentId: "scripted" });
    const copy = agent.clone();
    expect(copy).toBeInstanceOf(ProxyAgent);
    expect(copy.client).toBe(client);
    expect(copy.remoteAgentId).toBe("scripted");
  });
});
