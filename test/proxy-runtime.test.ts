// A real CopilotKit client (@copilotkit/core ProxiedCopilotRuntimeAgent) pointed at the
// recording proxy in front of the real runtime: what it receives must be the runtime's bytes,
// and what the proxy records must be what went over the wire.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ProxiedCopilotRuntimeAgent } from "@copilotkit/core";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { startFaultServer, scenarios, type FaultServer } from "../e2e/fixtures/fault-server";
import { startRecordingProxy, type RecordingProxy } from "../src/server/proxy/proxy";
import type { EndRecord, SessionRecord } from "../src/core/session/record";
import { eventsOf, recordingHarness, wireEvents } from "./helpers";

process.env.SUPPRESS_TRANSFORMATION_WARNINGS = "true";

let rt: RuntimeFixture;
let fault: FaultServer;
let proxy: RecordingProxy;
let records: SessionRecord[];

beforeAll(async () => {
  [rt, fault] = await Promise.all([startRuntime(), startFaultServer()]);
  const h = recordingHarness();
  records = h.records;
  proxy = await startRecordingProxy({ runtimeUrl: rt.restUrl, recorder: h.recorder });
});
afterAll(async () => {
  await proxy.close();
  await Promise.all([rt.close(), fault.close()]);
});

// What the client received, byte for byte, per URL (a tee of every response body).
const realFetch = globalThis.fetch;
let received: { url: string; method: string; body: Promise<string> }[] = [];
beforeAll(() => {
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const res = await realFetch(input, init);
    if (!res.body) return res;
    const [mine, theirs] = res.body.tee();
    received.push({ url, method: init?.method ?? "GET", body: new Response(mine).text().catch(() => "(cut)") });
    return new Response(theirs, { status: res.status, statusText: res.statusText, headers: res.headers });
  }) as typeof fetch;
});
afterAll(() => {
  globalThis.fetch = realFetch;
});
beforeEach(() => {
  received = [];
});

const exchangeOf = (x: number) => records.filter((r) => r.x === x);
const runExchanges = (threadId: string) => [...new Set(records.filter((r) => r.kind === "request" && r.op === "run" && r.threadId === threadId).map((r) => r.x))];

function agentAt(runtimeUrl: string, agentId: string, threadId: string) {
  const agent = new ProxiedCopilotRuntimeAgent({ runtimeUrl, agentId, transport: "rest" });
  agent.threadId = threadId;
  return agent;
}

describe("recording proxy with @copilotkit/core", () => {
  it("a run: the client gets the runtime's exact bytes, the same as a direct connection; the recording equals the wire", async () => {
    const run = async (runtimeUrl: string, threadId: string) => {
      const agent = agentAt(runtimeUrl, "scripted", threadId);
      agent.messages = [{ id: "same-user-message", role: "user", content: "through the proxy" }];
      await agent.runAgent({ runId: "same-run-id" });
      return agent;
    };
    const viaProxy = await run(proxy.url, "proxied-thread");
    const proxiedBody = await received.find((r) => r.url.endsWith("/agent/scripted/run"))!.body;
    const direct = await run(rt.restUrl, "direct-thread");
    const directBody = await received.filter((r) => r.url.endsWith("/agent/scripted/run")).at(-1)!.body;

    expect(rt.tapped.map((t) => t.body)).toContain(proxiedBody);
    expect(proxiedBody.replaceAll("proxied-thread", "direct-thread")).toBe(directBody);
    expect(viaProxy.state).toEqual(direct.state);

    const [x] = runExchanges("proxied-thread");
    const ex = exchangeOf(x);
    expect(ex[0]).toMatchObject({ kind: "request", op: "run", transport: "rest", agentId: "scripted", url: `${rt.restUrl}/agent/scripted/run` });
    expect(ex[1]).toMatchObject({ kind: "response", status: 200, contentType: "text/event-stream" });
    expect(eventsOf(ex)).toEqual(wireEvents(proxiedBody));
    expect(ex.at(-1)).toMatchObject({ kind: "end", outcome: "complete", frames: wireEvents(proxiedBody).length });
  });

  it("a frontend-tool round trip: the call, then the run with the tool's result", async () => {
    const agent = agentAt(proxy.url, "frontend-tool", "proxied-hitl");
    agent.messages = [{ id: "ask-1", role: "user", content: "deploy please" }];
    const tools = [{ name: "confirm_action", description: "Ask the user", parameters: { type: "object", properties: {} } }];
    await agent.runAgent({ tools });
    const call = agent.messages.flatMap((m) => ("toolCalls" in m && m.toolCalls ? m.toolCalls : []))[0];
    expect(call.function.name).toBe("confirm_action");
    agent.messages = [...agent.messages, { id: "tool-result-1", role: "tool", toolCallId: call.id, content: '{"confirmed":true}' }];
    await agent.runAgent({ tools });
    const last = agent.messages.at(-1)!;
    expect(last.content).toBe(`Tool ${call.id} answered: {"confirmed":true}`);

    const xs = runExchanges("proxied-hitl");
    expect(xs).toHaveLength(2);
    const bodies = await Promise.all(received.filter((r) => r.url.endsWith("/agent/frontend-tool/run")).map((r) => r.body));
    expect(eventsOf(exchangeOf(xs[0]))).toEqual(wireEvents(bodies[0]));
    expect(eventsOf(exchangeOf(xs[1]))).toEqual(wireEvents(bodies[1]));
    const second = exchangeOf(xs[1])[0];
    expect(second.kind === "request" && JSON.stringify(second.body)).toContain("tool-result-1");
  });

  it("a stop: the stop call passes, the run ends with the runtime's closers, bytes unchanged", async () => {
    const agent = agentAt(proxy.url, "slow", "proxied-stop");
    agent.messages = [{ id: "slow-1", role: "user", content: "go slowly" }];
    let seen = 0;
    const running = agent.runAgent({}, { onEvent: () => void (++seen === 3 && agent.abortRun()) });
    await running;
    for (let i = 0; i < 100 && !records.some((r) => r.kind === "end" && r.op === "stop"); i++) await new Promise((r) => setTimeout(r, 10));
    const stop = records.filter((r) => (r.kind === "request" || r.kind === "response" || r.kind === "end") && r.op === "stop");
    expect(records.find((r) => r.kind === "request" && r.op === "stop")).toMatchObject({ url: `${rt.restUrl}/agent/slow/stop/proxied-stop`, threadId: "proxied-stop" });
    expect(records.find((r) => r.kind === "response" && r.op === "stop")).toMatchObject({ status: 200, body: { stopped: true } });
    expect(stop.length).toBeGreaterThanOrEqual(3);
    const [x] = runExchanges("proxied-stop");
    const body = await received.find((r) => r.url.endsWith("/agent/slow/run"))!.body;
    expect(rt.tapped.map((t) => t.body)).toContain(body);
    const events = eventsOf(exchangeOf(x));
    expect(events).toEqual(wireEvents(body));
    expect(events.at(-1)).toEqual({ type: "RUN_FINISHED" });
  });

  it("a client abort is recorded with every frame that reached the client", async () => {
    const ctl = new AbortController();
    const res = await realFetch(`${proxy.url}/agent/slow/run`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ threadId: "proxied-abort", runId: "abort-run", messages: [{ id: "a1", role: "user", content: "x" }], tools: [], context: [], state: {}, forwardedProps: {} }),
      signal: ctl.signal,
    });
    const reader = res.body!.getReader();
    let text = "";
    while (wireEvents(text).length < 4) text += new TextDecoder().decode((await reader.read()).value);
    ctl.abort();
    const [x] = runExchanges("proxied-abort");
    for (let i = 0; i < 200 && !exchangeOf(x).some((r) => r.kind === "end"); i++) await new Promise((r) => setTimeout(r, 10));
    const ex = exchangeOf(x);
    const end = ex.at(-1) as EndRecord;
    expect(end).toMatchObject({ kind: "end", outcome: "aborted" });
    const got = wireEvents(text);
    expect(eventsOf(ex).slice(0, got.length)).toEqual(got);
    expect(end.frames).toBeGreaterThanOrEqual(got.length);
    // the runtime's stop is not implied by a client abort: stop the slow run so the thread is free
    await realFetch(`${rt.restUrl}/agent/slow/stop/proxied-abort`, { method: "POST" });
  });

  it("a runtime cut is recorded with every frame that passed, and the client sees the cut", async () => {
    const h = recordingHarness();
    const cutting = await startRecordingProxy({ runtimeUrl: fault.url, recorder: h.recorder });
    try {
      let clientText = "";
      let clientError: unknown = null;
      try {
        const res = await realFetch(`${cutting.url}/cut`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
        const reader = res.body!.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          clientText += new TextDecoder().decode(value);
        }
      } catch (err) {
        clientError = err;
      }
      expect(clientError).not.toBeNull();
      expect(clientText).toBe(scenarios.cut.join(""));
      for (let i = 0; i < 100 && !h.records.some((r) => r.kind === "end"); i++) await new Promise((r) => setTimeout(r, 10));
      expect(eventsOf(h.records)).toEqual(wireEvents(scenarios.cut.slice(0, 2).join("")));
      const end = h.records.find((r) => r.kind === "end") as EndRecord;
      // two whole frames and the one the cut fell inside, kept as a bad frame flagged unterminated
      expect(end).toMatchObject({ outcome: "error", code: "cut-stream", frames: 3, badFrames: 1, unterminated: true });
      expect(h.records.find((r) => r.kind === "bad-frame")).toMatchObject({ raw: expect.stringContaining("TEXT_MESSAGE_CONT"), unterminated: true });
      // a RunAgentInput posted to a plain AG-UI endpoint is recorded as that endpoint's run
      const input = { threadId: "plain", runId: "plain-run", messages: [], tools: [], context: [], state: {}, forwardedProps: {} };
      const mixed = await (await realFetch(`${cutting.url}/mixed`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) })).text();
      expect(mixed).toBe(scenarios.mixed.join(""));
      for (let i = 0; i < 100 && h.records.filter((r) => r.kind === "end").length < 2; i++) await new Promise((r) => setTimeout(r, 10));
      const run = h.records.find((r) => r.kind === "request" && r.op === "run");
      expect(run).toMatchObject({ transport: "agui", threadId: "plain", runId: "plain-run", url: `${fault.url}/mixed` });
      // one bad frame never costs the frames after it
      expect(h.records.filter((r) => r.x === run!.x && r.kind === "bad-frame").length).toBeGreaterThan(0);
      expect(eventsOf(h.records.filter((r) => r.x === run!.x)).at(-1)).toMatchObject({ type: "RUN_FINISHED" });
    } finally {
      await cutting.close();
    }
  });
});

describe("recording proxy: routes and its loopback CORS policy", () => {
  it("passes any other route (threads) unchanged and records it as op other", async () => {
    const direct = await (await realFetch(`${rt.restUrl}/threads?agentId=scripted`)).text();
    const res = await realFetch(`${proxy.url}/threads?agentId=scripted`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(direct);
    const req = records.filter((r) => r.kind === "request" && r.url.endsWith("/threads?agentId=scripted")).at(-1)!;
    expect(req).toMatchObject({ op: "other", method: "GET" });
    expect(records.find((r) => r.kind === "response" && r.x === req.x)).toMatchObject({ status: 200, body: JSON.parse(direct) });
  });

  it("answers a loopback page's preflight itself and refuses other origins before forwarding", async () => {
    const before = records.length;
    const pre = await realFetch(`${proxy.url}/agent/scripted/run`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(pre.headers.get("access-control-allow-headers")).toBe("content-type, authorization");
    const info = await realFetch(`${proxy.url}/info`, { headers: { origin: "http://127.0.0.1:3000" } });
    expect(info.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:3000");
    const evil = await realFetch(`${proxy.url}/info`, { headers: { origin: "https://evil.example" } });
    expect(evil.status).toBe(403);
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    // the preflight and the refusal were not forwarded; only the loopback /info was
    expect(records.slice(before).filter((r) => r.kind === "request").map((r) => r.kind === "request" && r.url)).toEqual([`${rt.restUrl}/info`]);
    // the request authorization never reaches the recording
    await realFetch(`${proxy.url}/info`, { headers: { authorization: "Bearer s3cret-token" } });
    expect(JSON.stringify(records)).not.toContain("s3cret-token");
  });
});

describe("recording proxy: statuses, headers, single-route", () => {
  it("passes error statuses and bodies, and the runtime's own headers, unchanged", async () => {
    const body = JSON.stringify({ threadId: "t-404", runId: "r", messages: [], tools: [], context: [], state: {}, forwardedProps: {} });
    const init = { method: "POST", headers: { "content-type": "application/json" }, body };
    const direct = await realFetch(`${rt.restUrl}/agent/no-such-agent/run`, init);
    const proxied = await realFetch(`${proxy.url}/agent/no-such-agent/run`, init);
    expect(proxied.status).toBe(404);
    expect(await proxied.text()).toBe(await direct.text());
    expect(proxied.headers.get("content-type")).toBe(direct.headers.get("content-type"));
    const req = records.filter((r) => r.kind === "request" && r.url.endsWith("/agent/no-such-agent/run")).at(-1)!;
    expect(records.find((r) => r.kind === "response" && r.x === req.x)).toMatchObject({ status: 404, body: { error: "Agent not found" } });

    const stream = await realFetch(`${proxy.url}/agent/scripted/run`, { ...init, body: body.replace("t-404", "t-headers") });
    expect(stream.headers.get("cache-control")).toBe("no-cache");
    expect(stream.headers.get("content-type")).toBe("text/event-stream");
    await stream.text();
  });

  it("single-route: the app's POSTs to the proxy's root reach the runtime URL itself", async () => {
    const h = recordingHarness();
    const single = await startRecordingProxy({ runtimeUrl: rt.singleUrl, recorder: h.recorder });
    try {
      const agent = new ProxiedCopilotRuntimeAgent({ runtimeUrl: single.url, agentId: "scripted", transport: "single" });
      agent.threadId = "proxied-single";
      agent.messages = [{ id: "s1", role: "user", content: "one route" }];
      const seen: unknown[] = [];
      await agent.runAgent({}, { onEvent: ({ event }) => void seen.push(event) });
      const run = h.records.find((r) => r.kind === "request" && r.op === "run")!;
      expect(run).toMatchObject({ transport: "single", agentId: "scripted", threadId: "proxied-single", url: rt.singleUrl });
      expect(eventsOf(h.records.filter((r) => r.x === run.x))).toEqual(JSON.parse(JSON.stringify(seen)));
    } finally {
      await single.close();
    }
  });
});
