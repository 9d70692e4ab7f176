// `serve`: a session file as a mock CopilotKit runtime. Sessions are recorded from the real
// runtime fixture first, so "what was recorded" is the runtime's own wire bytes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request as httpRequest } from "node:http";
import { startRuntime, type RuntimeFixture, type TappedResponse } from "../e2e/fixtures/runtime";
import { createRuntimeClient } from "../src/core/transport/client";
import { buildRunInput, userMessage } from "../src/core/transport/input";
import { createHeader } from "../src/core/session/file";
import { exportSession } from "../src/core/session/export";
import { importText } from "../src/core/session/import";
import type { SessionRecord } from "../src/core/session/record";
import { startMockRuntime, type MockRuntime } from "../src/server/mock-runtime";
import { serveCommand } from "../src/cli/serve-command";
import { main } from "../src/cli/main";
import type { CliIO } from "../src/cli/io";
import { recordingHarness, wireEvents } from "./helpers";

let rt: RuntimeFixture;
let dir: string;
let records: SessionRecord[];
/** The runtime's exact response bodies for the recorded runs, in order. */
let wire: { agent: string; body: string }[];
let mock: MockRuntime;

beforeAll(async () => {
  rt = await startRuntime();
  dir = mkdtempSync(join(tmpdir(), "agui-serve-"));
  const h = recordingHarness();
  const client = createRuntimeClient({ url: rt.restUrl, transport: "rest", recorder: h.recorder });
  await client.discover();
  const before = rt.tapped.length;
  const thread = "recorded-thread";
  await client.run("scripted", buildRunInput({ threadId: thread, messages: [userMessage("one")] }));
  await client.run("scripted", buildRunInput({ threadId: thread, messages: [userMessage("two")] }));
  await client.run("reasoning", buildRunInput({ messages: [userMessage("think")] }));
  records = h.records;
  wire = rt.tapped.slice(before).flatMap((t: TappedResponse) => {
    const m = /\/agent\/([^/]+)\/run$/.exec(t.path);
    return m ? [{ agent: m[1], body: t.body }] : [];
  });
  // verbatim: these tests compare with the runtime's bytes; the rewriting is tested below
  mock = await startMockRuntime({ records, header: createHeader({ agentId: "scripted" }), source: "recorded.agui.jsonl", verbatim: true });
});
afterAll(async () => {
  await mock.close();
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
});

const input = (threadId: string, runId = `run-${Math.random()}`) => ({ threadId, runId, state: {}, messages: [], tools: [], context: [], forwardedProps: {} });
const post = (url: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) => fetch(url, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("the mock runtime's HTTP surface", () => {
  it("GET /info and the single-route info envelope list the file's agents as the runtime described them", async () => {
    const info = await (await fetch(`${mock.url}/info`)).json();
    expect(info).toMatchObject({ version: "1.75.0", mode: "sse", agents: { scripted: { description: "Echoes the message; calls a backend tool; snapshot + deltas" }, reasoning: { className: "ReasoningAgent" } } });
    expect(Object.keys(info.agents).sort()).toEqual(["reasoning", "scripted"]);
    expect(await (await post(mock.url, { method: "info" })).json()).toEqual(info);
    expect(mock.agents).toEqual({ scripted: 2, reasoning: 1 });
  });

  it("answers a run with the recorded wire bytes, exactly", async () => {
    const res = await post(`${mock.url}/agent/reasoning/run`, input("t-bytes"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(await res.text()).toBe(wire.find((w) => w.agent === "reasoning")!.body);
  });

  it("plays an agent's runs in recorded order per thread, wrapping round; a new thread starts over", async () => {
    const [one, two] = wire.filter((w) => w.agent === "scripted").map((w) => w.body);
    const runOn = async (thread: string) => (await post(`${mock.url}/agent/scripted/run`, input(thread))).text();
    expect(await runOn("A")).toBe(one);
    expect(await runOn("A")).toBe(two);
    expect(await runOn("A")).toBe(one);
    expect(await runOn("B")).toBe(one);
  });

  it("serves the same over the single-route envelope", async () => {
    const res = await post(mock.url, { method: "agent/run", params: { agentId: "scripted" }, body: input("single-thread") });
    expect(await res.text()).toBe(wire.find((w) => w.agent === "scripted")!.body);
  });

  it("connect replays what the thread was served; an unknown thread gets an empty stream", async () => {
    await post(`${mock.url}/agent/reasoning/run`, input("conn"));
    const res = await post(`${mock.url}/agent/reasoning/connect`, input("conn"));
    expect(wireEvents(await res.text())).toEqual(wireEvents(wire.find((w) => w.agent === "reasoning")!.body));
    const empty = await post(`${mock.url}/agent/reasoning/connect`, input("never-seen"));
    expect(empty.status).toBe(200);
    expect(await empty.text()).toBe("");
  });

  it("answers mistakes the way the runtime does", async () => {
    const unknown = await post(`${mock.url}/agent/ghost/run`, input("x"));
    expect([unknown.status, await unknown.json()]).toEqual([404, { error: "Agent not found", message: "Agent 'ghost' does not exist" }]);
    const bad = await post(`${mock.url}/agent/scripted/run`, { threadId: "x" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "Invalid request body" });
    const wrongMethod = await fetch(`${mock.url}/agent/scripted/run`);
    expect([wrongMethod.status, wrongMethod.headers.get("allow")]).toEqual([405, "POST"]);
    expect((await post(mock.url, "{}", { "content-type": "text/plain" })).status).toBe(415);
    expect(await (await post(mock.url, { params: {} })).json()).toEqual({ error: "invalid_request", message: "Missing method" });
    expect(await (await post(mock.url, { method: "agent/fly" })).json()).toEqual({ error: "invalid_request", message: "Unknown method 'agent/fly'" });
    expect(await (await post(mock.url, { method: "agent/run", params: { agentId: " " }, body: input("x") })).json()).toEqual({ error: "invalid_request", message: "Missing or invalid parameter 'agentId'" });
  });

  it("lets a page on another loopback port call it (CORS preflight), and only on loopback names", async () => {
    const pre = await fetch(`${mock.url}/agent/scripted/run`, { method: "OPTIONS", headers: { origin: "http://localhost:3000", "access-control-request-method": "POST", "access-control-request-headers": "content-type,authorization" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(pre.headers.get("access-control-allow-headers")).toContain("content-type, accept, authorization");
    const status = await new Promise<number>((resolve, reject) => {
      httpRequest(`${mock.url}/info`, { headers: { host: "evil.example" } }, (res) => resolve(res.statusCode ?? 0)).on("error", reject).end();
    });
    expect(status).toBe(421);
  });
});

describe("answering the request it gets, as the runtime does", () => {
  let answering: MockRuntime;
  beforeAll(async () => {
    answering = await startMockRuntime({ records });
  });
  afterAll(() => answering.close());

  const user = (id: string, content: string) => ({ id, role: "user", content });
  const runEvents = async (base: string, body: unknown) => wireEvents(await (await post(`${base}/agent/scripted/run`, body)).text()) as Record<string, unknown>[];

  it("RUN_STARTED and RUN_FINISHED carry the request's ids and input, minus messages the thread already carried", async () => {
    const thread = `same-${Math.random()}`;
    const first = { ...input(thread, "R-1"), messages: [user("u1", "hello")] };
    const real1 = await runEvents(rt.restUrl, first);
    const served1 = await runEvents(answering.url, first);
    expect(served1[0]).toEqual(real1[0]);
    expect(served1[0]).toMatchObject({ type: "RUN_STARTED", threadId: thread, runId: "R-1", input: { messages: [{ id: "u1" }] } });
    expect(served1.at(-1)).toMatchObject({ type: "RUN_FINISHED", threadId: thread, runId: "R-1" });
    // the client sends the whole conversation again; both answer with only the new message in input
    const assistant = (events: Record<string, unknown>[]) => ({ id: String(events.find((e) => e.type === "TEXT_MESSAGE_START")!.messageId), role: "assistant", content: "You said: hello" });
    const real2 = await runEvents(rt.restUrl, { ...input(thread, "R-2"), messages: [user("u1", "hello"), assistant(real1), user("u2", "again")] });
    const served2 = await runEvents(answering.url, { ...input(thread, "R-2"), messages: [user("u1", "hello"), assistant(served1), user("u2", "again")] });
    expect((real2[0].input as { messages: unknown[] }).messages).toEqual([user("u2", "again")]);
    expect(served2[0]).toEqual(real2[0]);
  });

  it("keeps every other frame's bytes; a recording played again on the thread gets fresh message ids", async () => {
    const thread = `wrap-${Math.random()}`;
    const bodies: string[] = [];
    for (let i = 0; i < 3; i++) bodies.push(await (await post(`${answering.url}/agent/scripted/run`, input(thread, `W-${i}`))).text());
    const [one, two] = wire.filter((w) => w.agent === "scripted").map((w) => w.body);
    const middle = (body: string) => body.split("\n\n").slice(1, -2);
    expect(middle(bodies[0])).toEqual(middle(one));
    expect(middle(bodies[1])).toEqual(middle(two));
    const ids = (body: string) => (wireEvents(body) as Record<string, unknown>[]).flatMap((e) => (e.type === "TEXT_MESSAGE_START" || e.type === "TOOL_CALL_START" ? [String(e.messageId ?? e.toolCallId)] : []));
    const third = ids(bodies[2]);
    expect(third).toHaveLength(2);
    for (const id of third) expect(ids(bodies[0])).not.toContain(id);
    expect(third).toEqual(ids(bodies[0]).map((id) => `${id}~3`));
    // the renamed ids stay consistent inside the run: the tool result names the renamed call
    const result = (wireEvents(bodies[2]) as Record<string, unknown>[]).find((e) => e.type === "TOOL_CALL_RESULT")!;
    expect(result.toolCallId).toBe(third[1]);
  });
});

describe("pacing and stop", () => {
  it("waits the recorded gaps between frames in real-time mode, scaled by speed", async () => {
    const waits: number[] = [];
    const paced = await startMockRuntime({ records, realtime: true, speed: 2, sleep: async (ms) => void waits.push(ms) });
    try {
      await (await post(`${paced.url}/agent/reasoning/run`, input("p"))).text();
    } finally {
      await paced.close();
    }
    const x = records.find((r) => r.kind === "request" && r.agentId === "reasoning" && r.op === "run")!;
    const frames = records.filter((r) => r.x === x.x && (r.kind === "event" || r.kind === "comment"));
    const times = [x.t, ...frames.map((f) => f.t)];
    expect(waits).toEqual(frames.map((_, i) => (times[i + 1] - times[i]) / 2));
  });

  it("stop ends a running replay like the runtime: open message closed, bare RUN_FINISHED", async () => {
    let release!: () => void;
    let waiting!: () => void;
    const parked = new Promise<void>((r) => (waiting = r));
    let calls = 0;
    const sleep = (_ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        // let the stream reach its open text message, then hold it until stopped
        if (++calls < 5) return resolve();
        release = resolve;
        signal.addEventListener("abort", () => resolve());
        waiting();
      });
    const paced = await startMockRuntime({ records, realtime: true, sleep });
    try {
      const running = post(`${paced.url}/agent/scripted/run`, input("stop-me", "r-live")).then((r) => r.text());
      await parked;
      const busy = await (await post(`${paced.url}/agent/scripted/run`, input("stop-me"))).text();
      expect(busy).toBe("");
      const wrongRun = await (await post(`${paced.url}/agent/scripted/stop/stop-me`, { runId: "other" })).json();
      expect(wrongRun).toEqual({ stopped: false, message: "No active run for thread 'stop-me'." });
      const stopped = await (await post(`${paced.url}/agent/scripted/stop/stop-me`, { runId: "r-live" })).json();
      expect(stopped).toEqual({ stopped: true, interrupt: { type: "RUN_ERROR", message: "Run stopped by user", code: "STOPPED" } });
      const events = wireEvents(await running) as { type: string; messageId?: string }[];
      expect(events.map((e) => e.type)).toEqual(["RUN_STARTED", "STATE_SNAPSHOT", "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "RUN_FINISHED"]);
      expect(events.at(-1)).toEqual({ type: "RUN_FINISHED" });
      expect(events[4].messageId).toBe(events[2].messageId);
      const after = await (await post(paced.url, { method: "agent/stop", params: { agentId: "scripted", threadId: "stop-me" } })).json();
      expect(after.stopped).toBe(false);
    } finally {
      release?.();
      await paced.close();
    }
  });
});

describe("stop during a tool call", () => {
  it("ends it as the runtime's finaliser does: TOOL_CALL_END, a stopped TOOL_CALL_RESULT, a bare RUN_FINISHED", async () => {
    let parkedAt!: () => void;
    const parked = new Promise<void>((r) => (parkedAt = r));
    let calls = 0;
    // hold the stream right after TOOL_CALL_START (the 9th frame of a scripted run)
    const sleep = (_ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        if (++calls < 10) return resolve();
        signal.addEventListener("abort", () => resolve());
        parkedAt();
      });
    const paced = await startMockRuntime({ records, realtime: true, sleep });
    try {
      const running = post(`${paced.url}/agent/scripted/run`, input("stop-tool", "r-tool")).then((r) => r.text());
      await parked;
      expect((await (await post(`${paced.url}/agent/scripted/stop/stop-tool`, {})).json()).stopped).toBe(true);
      const events = wireEvents(await running) as Record<string, unknown>[];
      const start = events.find((e) => e.type === "TOOL_CALL_START")!;
      expect(events.slice(-3)).toEqual([
        { type: "TOOL_CALL_END", toolCallId: start.toolCallId },
        { type: "TOOL_CALL_RESULT", toolCallId: start.toolCallId, messageId: `${String(start.toolCallId)}-result`, role: "tool", content: JSON.stringify({ status: "stopped", reason: "stop_requested", message: "Run stopped by user" }) },
        { type: "RUN_FINISHED" },
      ]);
    } finally {
      await paced.close();
    }
  });
});

describe("recorded streams without a request", () => {
  it("splits a capture holding several runs at each RUN_STARTED and names them by --agent", async () => {
    const capture = importText(readFileSync(join(import.meta.dirname, "fixtures/streams/connect-replay.sse"), "utf8"));
    const m = await startMockRuntime({ records: capture.records, header: capture.header, defaultAgent: "replayed", verbatim: true });
    try {
      expect(m.agents).toEqual({ replayed: 3 });
      const runIds: unknown[] = [];
      for (let i = 0; i < 3; i++) {
        const events = wireEvents(await (await post(`${m.url}/agent/replayed/run`, input("t"))).text()) as { type: string; runId?: string }[];
        runIds.push(events[0].type === "RUN_STARTED" ? events[0].runId : events);
      }
      expect(runIds).toEqual(["r1", "r2", "r3"]);
    } finally {
      await m.close();
    }
  });

  it("sends recorded bad frames, event/id fields and comments back as they came", async () => {
    const text = ': hello\n\nevent: message\nid: 7\ndata: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\ndata: not json\n\ndata: {"type":"RUN_FINISHED", "threadId":"t","runId":"r"}\n\n';
    const capture = importText(text);
    const m = await startMockRuntime({ records: capture.records, verbatim: true });
    const answering = await startMockRuntime({ records: capture.records });
    try {
      const body = await (await post(`${m.url}/agent/default/run`, input("t"))).text();
      expect(body).toBe(text);
      // answering the request: only the run events' ids change; the rest keeps its bytes
      const answered = await (await post(`${answering.url}/agent/default/run`, input("T-NEW", "R-NEW"))).text();
      expect(answered).toBe(': hello\n\nevent: message\nid: 7\ndata: {"type":"RUN_STARTED","threadId":"T-NEW","runId":"R-NEW"}\n\ndata: not json\n\ndata: {"type":"RUN_FINISHED","threadId":"T-NEW","runId":"R-NEW"}\n\n');
    } finally {
      await m.close();
      await answering.close();
    }
  });
});

describe("agui-inspector serve", () => {
  const io = (out: { stdout: string; stderr: string }): CliIO => ({ stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t), readFile: async (p) => readFileSync(p, "utf8") });

  it("serves any importable file until closed, and says where", async () => {
    const file = join(dir, "session.agui.jsonl");
    writeFileSync(file, exportSession(createHeader({ name: "demo" }), records));
    const out = { stdout: "", stderr: "" };
    let ready!: (m: MockRuntime) => void;
    const listening = new Promise<MockRuntime>((r) => (ready = r));
    const done = serveCommand([file, "--port", "0"], io(out), { started: (m) => ready(m) });
    const started = await listening;
    expect(out.stdout).toContain(`Mock runtime for ${file} (agui-inspector): ${started.url}`);
    expect(out.stdout).toMatch(/agent scripted: 2 recorded runs\n {2}agent reasoning: 1 recorded run\n/);
    expect((await (await fetch(`${started.url}/info`)).json()).agents.scripted).toBeDefined();
    await started.close();
    expect(await done).toBe(0);
  });

  it("--verbatim sends the recorded ids; without it the run answers the request's ids", async () => {
    const file = join(dir, "verbatim.agui.jsonl");
    writeFileSync(file, exportSession(createHeader({}), records));
    const recordedRunId = (records.find((r) => r.kind === "event" && r.event.type === "RUN_STARTED" && r.agentId === "reasoning") as unknown as { event: { runId: string } }).event.runId;
    for (const flag of [[], ["--verbatim"]]) {
      const out = { stdout: "", stderr: "" };
      let ready!: (m: MockRuntime) => void;
      const listening = new Promise<MockRuntime>((r) => (ready = r));
      const done = serveCommand([file, "--port", "0", ...flag], io(out), { started: (m) => ready(m) });
      const started = await listening;
      const [first] = wireEvents(await (await post(`${started.url}/agent/reasoning/run`, input("cli", "CLI-RUN"))).text()) as { runId: string }[];
      expect(first.runId).toBe(flag.length ? recordedRunId : "CLI-RUN");
      expect(out.stdout).toContain(flag.length ? "exactly as recorded (--verbatim)" : "Runs answer the request");
      await started.close();
      expect(await done).toBe(0);
    }
  });

  it("exits 2 without a file or on a file it cannot read as a session", async () => {
    const out = { stdout: "", stderr: "" };
    expect(await main(["serve"], io(out))).toBe(2);
    const junk = join(dir, "junk.txt");
    writeFileSync(junk, "<html>");
    expect(await main(["serve", junk, "--port", "0"], io(out))).toBe(2);
    expect(out.stderr).toMatch(/unrecognised input/);
    expect(await main(["serve", junk, "--realtime", "--speed", "0"], io(out))).toBe(2);
    expect(out.stderr).toMatch(/--speed must be a positive number/);
  });

  it("runs as the bin until interrupted", async () => {
    const file = join(dir, "bin.agui.jsonl");
    writeFileSync(file, exportSession(createHeader({}), records));
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "../src/cli/bin.ts"), "serve", file, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      let stdout = "";
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (d) => {
          stdout += d;
          const m = /: (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
          if (m) resolve(m[1]);
        });
        child.on("exit", (code) => reject(new Error(`exited ${code} before listening: ${stdout}`)));
      });
      const events = wireEvents(await (await post(`${url}/agent/scripted/run`, input("bin"))).text());
      expect(events.length).toBeGreaterThan(5);
      const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
      child.kill("SIGINT");
      expect(await exit).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
