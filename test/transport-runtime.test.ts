import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { createRuntimeClient } from "../src/core/transport/client";
import { buildRunInput, userMessage } from "../src/core/transport/input";
import { InspectorError } from "../src/core/transport/errors";
import { eventsOf, recordingHarness, wireEvents } from "./helpers";

let rt: RuntimeFixture;
beforeAll(async () => {
  rt = await startRuntime();
});
afterAll(() => rt.close());

describe("discovery against a real CopilotKit runtime", () => {
  it("REST: GET /info", async () => {
    const { recorder, records } = recordingHarness();
    const d = await createRuntimeClient({ url: rt.restUrl, transport: "rest", recorder }).discover();
    expect(d.transport).toBe("rest");
    expect(d.info?.version).toBe("1.75.0");
    expect(Object.keys(d.info!.agents)).toContain("scripted");
    expect(records.map((r) => r.kind)).toEqual(["request", "response", "end"]);
    expect(records[0]).toMatchObject({ dir: "out", op: "info", method: "GET", url: `${rt.restUrl}/info` });
  });

  it("single-route: POST {method:'info'}", async () => {
    const { recorder, records } = recordingHarness();
    const d = await createRuntimeClient({ url: rt.singleUrl, transport: "single", recorder }).discover();
    expect(d.transport).toBe("single");
    expect(Object.keys(d.info!.agents)).toContain("slow");
    expect(records[0]).toMatchObject({ dir: "out", method: "POST", body: { method: "info" } });
  });

  it("auto picks REST when GET /info answers 2xx", async () => {
    const { recorder, records } = recordingHarness();
    const d = await createRuntimeClient({ url: rt.restUrl + "/", transport: "auto", recorder }).discover();
    expect(d.transport).toBe("rest");
    expect(records.filter((r) => r.kind === "request")).toHaveLength(1);
  });

  it("auto falls back to single-route when GET /info fails", async () => {
    const { recorder, records } = recordingHarness();
    const d = await createRuntimeClient({ url: rt.singleUrl, transport: "auto", recorder }).discover();
    expect(d.transport).toBe("single");
    const requests = records.filter((r) => r.kind === "request");
    expect(requests.map((r) => (r as { method: string }).method)).toEqual(["GET", "POST"]);
  });

  it("names an unreachable host", async () => {
    const { recorder, records } = recordingHarness();
    const err = await createRuntimeClient({ url: "http://127.0.0.1:9/api", transport: "rest", recorder }).discover().catch((e) => e);
    expect(err).toBeInstanceOf(InspectorError);
    expect(err.code).toBe("unreachable");
    expect(err.message).toMatch(/Cannot reach http:\/\/127\.0\.0\.1:9\/api\/info/);
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "error", code: "unreachable" });
  });

  it("sends the user's headers on every call and never records secrets", async () => {
    const { recorder, records } = recordingHarness();
    const client = createRuntimeClient({ url: rt.restUrl, transport: "rest", recorder, headers: { Authorization: "Bearer sk-secret", "X-Team": "qa", "X-Api-Key": "k-123" } });
    await client.discover();
    await client.run("scripted", buildRunInput({ messages: [userMessage("hi")] }));
    const requests = records.filter((r) => r.kind === "request");
    expect(requests).toHaveLength(2);
    for (const r of requests) {
      expect((r as { headers: Record<string, string> }).headers).toMatchObject({ Authorization: "[redacted]", "X-Team": "qa", "X-Api-Key": "[redacted]" });
    }
    expect(JSON.stringify(records)).not.toMatch(/sk-secret|k-123/);
  });
});

describe("runs over each transport", () => {
  for (const transport of ["rest", "single"] as const) {
    it(`${transport}: recorded inbound events deep-equal the runtime's wire, in order`, async () => {
      const { recorder, records } = recordingHarness();
      const url = transport === "rest" ? rt.restUrl : rt.singleUrl;
      const client = createRuntimeClient({ url, transport, recorder });
      await client.discover();
      const input = buildRunInput({ messages: [userMessage(`over ${transport}`)] });
      const before = rt.tapped.length;
      const outcome = await client.run("scripted", input);
      expect(outcome.status).toBe("finished");
      const wire = rt.tapped.slice(before).find((t) => t.method === "POST" && t.body.includes(input.runId));
      expect(wire).toBeDefined();
      const onWire = wireEvents(wire!.body);
      expect(onWire.length).toBeGreaterThan(10);
      expect(eventsOf(records)).toEqual(onWire);
      expect(outcome.events).toEqual(onWire);
      const request = records.find((r) => r.kind === "request" && r.op === "run")!;
      const body = (request as { body: Record<string, unknown> }).body;
      const sentInput = transport === "rest" ? body : (body as { body: unknown }).body;
      expect(sentInput).toMatchObject({ threadId: input.threadId, runId: input.runId, tools: [], context: [] });
      // every inbound record is tied to its exchange, thread and run
      for (const r of records.filter((r) => r.kind === "event")) {
        expect(r).toMatchObject({ dir: "in", x: request.x, threadId: input.threadId, runId: input.runId });
      }
      expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
    });
  }

  it("continues a thread with a fresh runId", async () => {
    const { recorder } = recordingHarness();
    const client = createRuntimeClient({ url: rt.restUrl, transport: "rest", recorder });
    const first = buildRunInput({ messages: [userMessage("one")] });
    await client.run("scripted", first);
    const second = buildRunInput({ threadId: first.threadId, messages: [...first.messages, userMessage("two")] });
    expect(second.runId).not.toBe(first.runId);
    const outcome = await client.run("scripted", second);
    expect(outcome.status).toBe("finished");
    expect(outcome.events[0]).toMatchObject({ type: "RUN_STARTED", threadId: first.threadId, runId: second.runId });
  });

  it("reports an unknown agent with the agents that exist", async () => {
    const { recorder } = recordingHarness();
    const client = createRuntimeClient({ url: rt.restUrl, transport: "rest", recorder });
    await client.discover();
    const outcome = await client.run("nope", buildRunInput({ messages: [userMessage("x")] }));
    expect(outcome.status).toBe("failed");
    expect(outcome.error?.code).toBe("unknown-agent");
    expect(outcome.error?.message).toMatch(/no agent "nope".*scripted/);
  });
});

describe("stop and connect", () => {
  for (const transport of ["rest", "single"] as const) {
    it(`${transport}: stops a slow run; the stop answer is recorded and the bare RUN_FINISHED ends the stream`, async () => {
      const { recorder, records } = recordingHarness();
      const client = createRuntimeClient({ url: transport === "rest" ? rt.restUrl : rt.singleUrl, transport, recorder });
      await client.discover();
      const input = buildRunInput({ messages: [userMessage("go slow")] });
      let firstTick!: () => void;
      const ticking = new Promise<void>((r) => (firstTick = r));
      const running = client.run("slow", input, { onEvent: (e) => e.type === "TEXT_MESSAGE_CONTENT" && firstTick() });
      await ticking;
      const stop = await client.stop("slow", input.threadId, input.runId);
      expect(stop.stopped).toBe(true);
      const outcome = await running;
      expect(outcome.status).toBe("finished");
      expect(outcome.terminal).toEqual({ type: "RUN_FINISHED" });
      const stopRequest = records.find((r) => r.kind === "request" && r.op === "stop")!;
      expect(stopRequest).toMatchObject(transport === "rest" ? { url: `${rt.restUrl}/agent/slow/stop/${input.threadId}`, body: { runId: input.runId } } : { body: { method: "agent/stop", params: { agentId: "slow", threadId: input.threadId }, body: { runId: input.runId } } });
      const stopResponse = records.find((r) => r.kind === "response" && r.op === "stop");
      expect(stopResponse).toMatchObject({ status: 200, body: { stopped: true } });
      const bare = records.find((r) => r.kind === "event" && r.event.type === "RUN_FINISHED");
      expect(bare).toMatchObject({ issues: expect.arrayContaining([expect.objectContaining({ version: "0.0.59", path: "threadId" })]) });
    });
  }

  it("connect re-attaches to a running thread after the client let go", async () => {
    const { recorder } = recordingHarness();
    const client = createRuntimeClient({ url: rt.restUrl, transport: "rest", recorder });
    await client.discover();
    const input = buildRunInput({ messages: [userMessage("attach")] });
    const controller = new AbortController();
    let ticks = 0;
    let enough!: () => void;
    const ready = new Promise<void>((r) => (enough = r));
    const first = client.run("slow", input, { signal: controller.signal, onEvent: (e) => e.type === "TEXT_MESSAGE_CONTENT" && ++ticks === 2 && enough() });
    await ready;
    controller.abort();
    expect((await first).status).toBe("aborted");

    const seen: string[] = [];
    let live!: () => void;
    const gotLive = new Promise<void>((r) => (live = r));
    const connecting = client.connect("slow", buildRunInput({ threadId: input.threadId }), {
      onEvent: (e) => {
        seen.push(e.type);
        if (e.type === "TEXT_MESSAGE_CONTENT" && /tick ([5-9]|\d\d)/.test(String(e.delta))) live();
      },
    });
    await gotLive;
    await client.stop("slow", input.threadId);
    const outcome = await connecting;
    expect(seen[0]).toBe("RUN_STARTED");
    expect(seen).toContain("TEXT_MESSAGE_CONTENT");
    expect(outcome.events.at(-1)?.type).toBe("RUN_FINISHED");
  });

  it("a second run on a busy thread: 200 with an empty body becomes a clear error", async () => {
    const { recorder } = recordingHarness();
    const client = createRuntimeClient({ url: rt.restUrl, transport: "rest", recorder });
    await client.discover();
    const input = buildRunInput({ messages: [userMessage("busy")] });
    let started!: () => void;
    const isRunning = new Promise<void>((r) => (started = r));
    const running = client.run("slow", input, { onEvent: (e) => e.type === "TEXT_MESSAGE_CONTENT" && started() });
    await isRunning;
    const second = await client.run("slow", buildRunInput({ threadId: input.threadId, messages: input.messages }));
    expect(second.status).toBe("failed");
    expect(second.error?.code).toBe("empty-run");
    expect(second.error?.message).toMatch(/Thread already running/);
    await client.stop("slow", input.threadId);
    await running;
  });
});
