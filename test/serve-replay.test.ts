import { describe, expect, it } from "vitest";
import type { SessionRecord } from "../src/core/session/record";
import { recordedSession, runtimeInfo, sseFrame } from "../src/server/mock-runs";
import { createRunRewriter, newThreadMemory } from "../src/server/mock-rewrite";
import { startMockRuntime, type MockRuntime } from "../src/server/mock-runtime";
import { rawRequest } from "./raw-http";
import { wireEvents } from "./helpers";

// `serve` from hand-made session records: which recorded frames make a run, the exact text each
// goes out as, the /info it builds, how a run answers the request it got, and its routes'
// refusals. (serve.test.ts does the same against sessions recorded from the real runtime.)

type Draft = Record<string, unknown>;
let seq = 0;
const rec = (x: number, t: number, fields: Draft) => ({ seq: ++seq, t, x, ...fields }) as unknown as SessionRecord;
const request = (x: number, t: number, op: string, agentId?: string) => rec(x, t, { dir: "out", kind: "request", op, method: "POST", url: "http://rt/x", transport: "rest", headers: {}, ...(agentId ? { agentId } : {}) });
const event = (x: number, t: number, e: Draft, extra: Draft = {}) => rec(x, t, { dir: "in", kind: "event", event: e, ...extra });

const input = (threadId: string, runId: string, messages: unknown[] = [], extra: Draft = {}) => ({ threadId, runId, state: {}, messages, tools: [], context: [], forwardedProps: {}, ...extra });
const post = (url: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) => rawRequest(url, headers, "POST", typeof body === "string" ? body : JSON.stringify(body));

async function withMock(records: SessionRecord[], body: (mock: MockRuntime) => Promise<void>, options: Partial<Parameters<typeof startMockRuntime>[0]> = {}) {
  const mock = await startMockRuntime({ records, ...options });
  try {
    await body(mock);
  } finally {
    await mock.close();
  }
}

/** One recorded exchange of agent "chat": a text answer with a tool call, on thread T / run R. */
function chatRun(x: number, t: number, agentId: string | undefined = "chat", runId = "R") {
  return [
    request(x, t, "run", agentId),
    event(x, t + 5, { type: "RUN_STARTED", threadId: "T", runId, input: { threadId: "T", runId, messages: [{ id: "old-user", role: "user", content: "recorded question" }] } }),
    event(x, t + 7, { type: "TEXT_MESSAGE_START", messageId: `${runId}-m`, role: "assistant" }),
    event(x, t + 9, { type: "TEXT_MESSAGE_CONTENT", messageId: `${runId}-m`, delta: "hi" }),
    event(x, t + 10, { type: "TEXT_MESSAGE_END", messageId: `${runId}-m` }),
    event(x, t + 12, { type: "TOOL_CALL_START", toolCallId: `${runId}-c`, toolCallName: "lookup", parentMessageId: `${runId}-m` }),
    event(x, t + 13, { type: "TOOL_CALL_END", toolCallId: `${runId}-c` }),
    event(x, t + 14, { type: "TOOL_CALL_RESULT", toolCallId: `${runId}-c`, messageId: `${runId}-r`, content: "42" }),
    event(x, t + 20, { type: "RUN_FINISHED", threadId: "T", runId }),
  ];
}

describe("recorded runs", () => {
  it("are a session's run and connect-less streams per agent, split at each later RUN_STARTED; info, stop and other exchanges are none", () => {
    const records = [
      request(1, 100, "info"),
      rec(1, 101, { dir: "in", kind: "response", op: "info", status: 200, contentType: "application/json", headers: {}, ms: 1, body: { version: "1.80.0", agents: { chat: { name: "chat", description: "recorded" } } } }),
      ...chatRun(2, 200),
      event(2, 230, { type: "RUN_STARTED", threadId: "T2", runId: "R2" }),
      event(2, 231, { type: "RUN_FINISHED", threadId: "T2", runId: "R2" }),
      request(3, 300, "stop", "chat"),
      event(3, 301, { type: "RUN_FINISHED" }),
      // an exchange with no request (a plain SSE import) and no agent: the header's agent
      event(4, 400, { type: "RUN_STARTED", threadId: "T4", runId: "R4" }),
      rec(4, 401, { dir: "in", kind: "end", op: "run", outcome: "complete", frames: 1 }),
    ];
    const session = recordedSession(records, { agentId: "from-header" } as never);
    expect([...session.agents.keys()]).toEqual(["chat", "from-header"]);
    const [first, second] = session.agents.get("chat")!;
    expect(session.agents.get("chat")).toHaveLength(2);
    expect([first.runId, first.threadId, first.requestT, first.frames.length]).toEqual(["R", "T", 200, 8]);
    // the second run of the stream is timed from its own first frame, not the request
    expect([second.runId, second.threadId, second.requestT, second.frames.length]).toEqual(["R2", "T2", undefined, 2]);
    expect(session.agents.get("from-header")![0].frames.map((f) => f.t)).toEqual([400]);
    expect(session.info).toEqual({ version: "1.80.0", agents: { chat: { name: "chat", description: "recorded" } } });
    expect([...recordedSession(records).agents.keys()]).toEqual(["chat", "default"]);
    expect([...recordedSession(records, undefined, "mine").agents.keys()]).toEqual(["chat", "mine"]);
  });

  it("a stream that does not begin with RUN_STARTED is one run; a RUN_STARTED without ids names none", () => {
    const session = recordedSession([request(1, 10, "run", "a"), event(1, 11, { type: "STATE_SNAPSHOT", snapshot: {} }), event(1, 12, { type: "RUN_STARTED", threadId: 5 }), event(1, 13, { type: "RUN_FINISHED" })]);
    const runs = session.agents.get("a")!;
    expect(runs).toHaveLength(1);
    expect(runs[0].frames).toHaveLength(3);
    expect([runs[0].runId, runs[0].threadId]).toEqual([undefined, undefined]);
  });

  it("go out as the wire carried them: raw data text, event and id fields, multi-line data, bad frames and comments", () => {
    const e = { type: "CUSTOM", name: "n", value: 1 };
    expect(sseFrame(event(1, 1, e))).toEqual({ text: `data: ${JSON.stringify(e)}\n\n`, t: 1, event: e });
    expect(sseFrame(event(1, 2, e, { raw: '{ "type": "CUSTOM",\r\n"name": "n", "value": 1 }', sse: { event: "msg", id: "7" } }))).toEqual({
      text: 'event: msg\nid: 7\ndata: { "type": "CUSTOM",\ndata: "name": "n", "value": 1 }\n\n',
      t: 2,
      event: e,
      sse: { event: "msg", id: "7" },
    });
    expect(sseFrame(event(1, 3, e, { raw: "AAEC", rawEncoding: "base64" }))!.text).toBe(`data: ${JSON.stringify(e)}\n\n`);
    expect(sseFrame(event(1, 3, e, { sse: { id: "" } }))!.text).toBe(`id: \ndata: ${JSON.stringify(e)}\n\n`);
    expect(sseFrame(rec(1, 4, { dir: "in", kind: "bad-frame", raw: "{oops\rstill", error: "x", sse: { event: "e" } }))).toEqual({ text: "event: e\ndata: {oops\ndata: still\n\n", t: 4 });
    expect(sseFrame(rec(1, 5, { dir: "in", kind: "bad-frame", raw: "AAEC", rawEncoding: "base64", error: "x" }))).toBeNull();
    expect(sseFrame(rec(1, 6, { dir: "in", kind: "comment", text: "one\ntwo" }))).toEqual({ text: ": one\n: two\n\n", t: 6 });
    expect(sseFrame(rec(1, 7, { dir: "in", kind: "end", op: "run", outcome: "complete", frames: 0 }))).toBeNull();
  });
});

describe("the /info serve builds", () => {
  it("keeps the recorded answer and agents, drops the single-route block, serves no thread endpoints", () => {
    const session = recordedSession(chatRun(1, 0));
    session.info = { version: "1.80.0", agents: { chat: { name: "chat", className: "Recorded" } }, mode: "custom", singleRoute: { path: "/x" }, extra: true } as never;
    expect(runtimeInfo(session, "f.jsonl")).toEqual({
      audioFileTranscriptionEnabled: false,
      mode: "custom",
      extra: true,
      threadEndpoints: { list: false, inspect: false, mutations: false, realtimeMetadata: false },
      version: "1.80.0",
      agents: { chat: { name: "chat", className: "Recorded" } },
    });
  });

  it("describes agents the recording has no /info for, with their run count and source", () => {
    const session = recordedSession([...chatRun(1, 0), ...chatRun(2, 100, "chat", "R2"), ...chatRun(3, 200, "solo")]);
    session.info = { version: 3, agents: { chat: "not an object" } } as never;
    expect(runtimeInfo(session, "runs.sse")).toEqual({
      audioFileTranscriptionEnabled: false,
      mode: "sse",
      threadEndpoints: { list: false, inspect: false, mutations: false, realtimeMetadata: false },
      version: "1.75.0",
      agents: {
        chat: { name: "chat", className: "RecordedAgent", description: "2 recorded runs from runs.sse" },
        solo: { name: "solo", className: "RecordedAgent", description: "1 recorded run from runs.sse" },
      },
    });
  });
});

describe("a run answers the request it got", () => {
  const recorded = () => recordedSession(chatRun(1, 0)).agents.get("chat")![0];

  it("ids and input come from the request; the input keeps only RunAgentInput keys and the messages the thread has not carried", () => {
    const memory = newThreadMemory();
    memory.seen.add("u-old");
    const rw = createRunRewriter(recorded(), { ...input("new-T", "new-R", [{ id: "u-old", role: "user" }, { id: "u-new", role: "user" }, "no id"]), junk: 1, resume: { a: 1 } }, memory);
    const [started, start, content, , , , , finished] = recorded().frames.map((f) => JSON.parse(rw.frame(f).slice("data: ".length)));
    expect(started).toEqual({
      type: "RUN_STARTED",
      threadId: "new-T",
      runId: "new-R",
      input: { threadId: "new-T", runId: "new-R", state: {}, messages: [{ id: "u-new", role: "user" }, "no id"], tools: [], context: [], forwardedProps: {}, resume: { a: 1 } },
    });
    expect(finished).toEqual({ type: "RUN_FINISHED", threadId: "new-T", runId: "new-R" });
    expect([start.messageId, content.messageId]).toEqual(["R-m", "R-m"]);
  });

  it("a frame that needs no change keeps its recorded bytes", () => {
    const run = recorded();
    run.frames[1] = { ...run.frames[1], text: 'data: {"type":"TEXT_MESSAGE_START", "messageId":"R-m","role":"assistant"}\n\n' };
    run.frames[7] = { ...run.frames[7], text: "id: 9\ndata: as recorded\n\n", sse: { id: "9" } };
    const same = createRunRewriter(run, input("T", "R"), newThreadMemory());
    expect(same.frame(run.frames[1])).toBe(run.frames[1].text);
    expect(same.frame(run.frames[7])).toBe(run.frames[7].text);
    expect(same.frame({ text: ": a comment\n\n", t: 0 })).toBe(": a comment\n\n");
    // a RUN_FINISHED after a stop carries no ids and stays bare
    expect(same.frame({ text: 'data: {"type":"RUN_FINISHED"}\n\n', t: 0, event: { type: "RUN_FINISHED" } })).toBe('data: {"type":"RUN_FINISHED"}\n\n');
    const other = createRunRewriter(run, input("T2", "R"), newThreadMemory());
    expect(other.frame(run.frames[7])).toBe('id: 9\ndata: {"type":"RUN_FINISHED","threadId":"T2","runId":"R"}\n\n');
    const error = createRunRewriter(run, input("T", "R3"), newThreadMemory());
    expect(error.frame({ text: "", t: 0, event: { type: "RUN_ERROR", runId: "R", message: "m" } })).toBe('data: {"type":"RUN_ERROR","runId":"R3","message":"m"}\n\n');
  });

  it("played again on the same thread, the ids the run introduces get a per-run suffix; references to earlier ids stay", () => {
    const memory = newThreadMemory();
    const first = createRunRewriter(recorded(), input("T", "R1", [{ id: "u1" }]), memory);
    for (const f of recorded().frames) first.frame(f);
    first.done();
    expect([...memory.seen].sort()).toEqual(["R-c", "R-m", "R-r", "u1"]);
    expect(memory.runs).toBe(1);
    const again = createRunRewriter(recorded(), input("T", "R2"), memory);
    const ids = recorded().frames.map((f) => JSON.parse(again.frame(f).slice("data: ".length))).map((e) => [e.messageId, e.toolCallId, e.parentMessageId].filter(Boolean));
    expect(ids).toEqual([[], ["R-m~2"], ["R-m~2"], ["R-m~2"], ["R-c~2", "R-m~2"], ["R-c~2"], ["R-r~2", "R-c~2"], []]);
    expect([again.id("R-m"), again.id("R-c"), again.id("elsewhere")]).toEqual(["R-m~2", "R-c~2", "elsewhere"]);
    again.note({ type: "TOOL_CALL_RESULT", toolCallId: "late", messageId: "late-result" });
    again.done();
    expect(memory.seen.has("R-m~2") && memory.seen.has("late-result") && memory.seen.has("late")).toBe(true);
    expect(memory.runs).toBe(2);
  });
});

describe("serve's routes", () => {
  const records = [...chatRun(1, 0), ...chatRun(2, 100, "chat", "R2"), ...chatRun(3, 200, "a/b")];

  it("plays the k-th recorded run for the k-th run on a thread, wrapping; REST paths are matched from their end", async () => {
    await withMock(records, async (mock) => {
      expect(mock.agents).toEqual({ chat: 2, "a/b": 1 });
      const run = async (thread: string, path = "/agent/chat/run") => wireEvents((await post(`${mock.url}/api/copilotkit${path}`, input(thread, `${thread}-run`))).body) as Draft[];
      const answer = (events: Draft[]) => events.find((e) => e.type === "TEXT_MESSAGE_START")!.messageId;
      expect(answer(await run("A"))).toBe("R-m");
      expect(answer(await run("A"))).toBe("R2-m");
      expect(answer(await run("A"))).toBe("R-m~3");
      expect(answer(await run("B", "/agent/chat/run/"))).toBe("R-m");
      expect(answer(await run("C", "/agent/a%2Fb/run"))).toBe("R-m");
      const bad = await post(`${mock.url}/agent/%E0%A4%A/run`, input("D", "r"));
      expect([bad.status, JSON.parse(bad.body).message]).toEqual([404, "Agent '%E0%A4%A' does not exist"]);
    });
  });

  it("answers the runtime's way to wrong methods, bodies and routes", async () => {
    await withMock(records, async (mock) => {
      const get = await rawRequest(`${mock.url}/agent/chat/run`);
      expect([get.status, get.headers.allow, JSON.parse(get.body)]).toEqual([405, "POST", { error: "Method not allowed" }]);
      const getStop = await rawRequest(`${mock.url}/agent/chat/stop/T`);
      expect([getStop.status, getStop.headers.allow]).toEqual([405, "POST"]);
      const postInfo = await post(`${mock.url}/info`, {});
      expect([postInfo.status, postInfo.headers.allow]).toEqual([405, "GET"]);
      const head = await rawRequest(`${mock.url}/info/`, {}, "HEAD");
      expect([head.status, head.headers["content-type"], head.body]).toEqual([200, "application/json", ""]);
      const other = await rawRequest(`${mock.url}/threads`);
      expect([other.status, other.headers.allow, JSON.parse(other.body).error]).toEqual([405, "POST", "invalid_request"]);
      const notJson = await post(`${mock.url}/agent/chat/run`, "{nope");
      expect([notJson.status, JSON.parse(notJson.body).error, JSON.parse(notJson.body).details]).toEqual([400, "Invalid request body", expect.stringMatching(/^invalid JSON: /)]);
      for (const [body, details] of [
        ["", "Expected a RunAgentInput object"],
        ["[]", "Expected a RunAgentInput object"],
        ["null", "Expected a RunAgentInput object"],
        [JSON.stringify({ ...input("T", "R"), threadId: 1 }), "threadId: Required string"],
        [JSON.stringify({ ...input("T", "R"), runId: undefined }), "runId: Required string"],
        [JSON.stringify({ ...input("T", "R"), messages: {} }), "messages: Required array"],
        [JSON.stringify({ ...input("T", "R"), tools: undefined }), "tools: Required array"],
        [JSON.stringify({ ...input("T", "R"), context: "x" }), "context: Required array"],
      ]) {
        const r = await post(`${mock.url}/agent/chat/run`, body);
        expect([body, r.status, JSON.parse(r.body)]).toEqual([body, 400, { error: "Invalid request body", details }]);
      }
      const connectBad = await post(`${mock.url}/agent/chat/connect`, "[]");
      expect(connectBad.status).toBe(400);
      const connectGhost = await post(`${mock.url}/agent/ghost/connect`, input("T", "R"));
      expect(connectGhost.status).toBe(404);
      const stopGhost = await post(`${mock.url}/agent/ghost/stop/T`, {});
      expect(stopGhost.status).toBe(404);
    });
  });

  it("takes the single-route envelope as the runtime does", async () => {
    await withMock(records, async (mock) => {
      const env = (body: unknown, headers?: Record<string, string>) => post(`${mock.url}/api/copilotkit`, body, headers);
      const info = await env({ method: "info" });
      expect([info.status, Object.keys(JSON.parse(info.body).agents)]).toEqual([200, ["chat", "a/b"]]);
      expect((await env({ method: "info" }, { "content-type": "text/plain" })).status).toBe(415);
      expect((await env({ method: "info" }, {})).status).toBe(415);
      for (const [body, message] of [
        ["null", "Request body is not a JSON object"],
        ["7", "Request body is not a JSON object"],
        ["{nope", "Request body is not a JSON object"],
        [{ method: 1 }, "Missing method"],
        [{ method: "agent/run", params: {} }, "Missing or invalid parameter 'agentId'"],
        [{ method: "agent/run", params: { agentId: 5 } }, "Missing or invalid parameter 'agentId'"],
        [{ method: "agent/connect", params: { agentId: "chat" } }, "Missing request body"],
        [{ method: "agent/stop", params: { threadId: "T" } }, "Missing or invalid parameter 'agentId'"],
        [{ method: "agent/stop", params: { agentId: "chat", threadId: "" } }, "Missing or invalid parameter 'threadId'"],
      ] as const) {
        const r = await env(body);
        expect([body, r.status, JSON.parse(r.body)]).toEqual([body, 400, { error: "invalid_request", message }]);
      }
      const run = await env({ method: "agent/run", params: { agentId: "chat" }, body: input("S", "S-1") });
      expect((wireEvents(run.body)[0] as Draft).threadId).toBe("S");
      const connect = await env({ method: "agent/connect", params: { agentId: "chat" }, body: input("S", "S-2") });
      expect(connect.body).toBe(run.body);
      const stop = await env({ method: "agent/stop", params: { agentId: "chat", threadId: "S" } });
      expect(JSON.parse(stop.body)).toEqual({ stopped: false, message: "No active run for thread 'S'." });
    });
  });

  it("waits the recorded gaps in real time, from the request, scaled by speed; a speed of 0 or less is real time", async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    await withMock(records, async (mock) => void (await post(`${mock.url}/agent/chat/run`, input("P", "P1"))), { realtime: true, speed: 4, sleep });
    expect(waits).toEqual([5, 2, 2, 1, 2, 1, 1, 6].map((ms) => ms / 4));
    waits.length = 0;
    await withMock(records, async (mock) => void (await post(`${mock.url}/agent/chat/run`, input("P", "P1"))), { realtime: true, speed: -2, sleep });
    expect(waits).toEqual([5, 2, 2, 1, 2, 1, 1, 6]);
    waits.length = 0;
    await withMock(records, async (mock) => void (await post(`${mock.url}/agent/chat/run`, input("P", "P1"))), { sleep });
    expect(waits).toEqual([]);
  });
});

describe("a stop", () => {
  /** A mock whose real-time waits hold until released, so a run can be stopped in its middle. */
  async function held(records: SessionRecord[], at: number, body: (mock: MockRuntime, waiting: Promise<void>) => Promise<void>) {
    let calls = 0;
    let reached!: () => void;
    const waiting = new Promise<void>((r) => (reached = r));
    const sleep = (_ms: number, signal: AbortSignal) => {
      if (++calls < at) return Promise.resolve();
      reached();
      return new Promise<void>((r) => (signal.aborted ? r() : signal.addEventListener("abort", () => r())));
    };
    await withMock(records, (mock) => body(mock, waiting), { realtime: true, sleep });
  }

  it("ends the run like the runtime's finaliser: open message and tool call closed, a stopped result, a bare RUN_FINISHED", async () => {
    await held(chatRun(1, 0), 6, async (mock, waiting) => {
      const run = post(`${mock.url}/agent/chat/run`, input("T", "live"));
      // the run is held after TOOL_CALL_START; a second run on the busy thread gets an empty 200
      await waiting;
      const busy = await post(`${mock.url}/agent/chat/run`, input("T", "second"));
      expect([busy.status, busy.body]).toEqual([200, ""]);
      const wrong = await post(`${mock.url}/agent/chat/stop/T`, { runId: "other" });
      expect(JSON.parse(wrong.body)).toEqual({ stopped: false, message: "No active run for thread 'T'." });
      const stop = await post(`${mock.url}/agent/chat/stop/T`, { runId: "live" });
      expect(JSON.parse(stop.body)).toEqual({ stopped: true, interrupt: { type: "RUN_ERROR", message: "Run stopped by user", code: "STOPPED" } });
      const events = wireEvents((await run).body) as Draft[];
      expect(events.slice(5)).toEqual([
        { type: "TOOL_CALL_END", toolCallId: "R-c" },
        { type: "TOOL_CALL_RESULT", toolCallId: "R-c", messageId: "R-c-result", role: "tool", content: JSON.stringify({ status: "stopped", reason: "stop_requested", message: "Run stopped by user" }) },
        { type: "RUN_FINISHED" },
      ]);
      // the thread is free again, and connect replays what was served, closers included
      const connect = await post(`${mock.url}/agent/chat/connect`, input("T", "c"));
      expect(wireEvents(connect.body)).toEqual(events);
    });
  });

  it("closes an open text message; a call that ended and has its result needs nothing", async () => {
    const records = chatRun(1, 0);
    // message opened again after the tool call's end and result: held before RUN_FINISHED
    records.splice(8, 0, event(1, 15, { type: "TEXT_MESSAGE_START", messageId: "R-m2", role: "assistant" }), event(1, 16, { type: "TOOL_CALL_START", toolCallId: "R-c2", toolCallName: "x" }), event(1, 17, { type: "TOOL_CALL_RESULT", toolCallId: "R-c2", messageId: "R-r2", content: "y" }));
    await held(records, 11, async (mock, waiting) => {
      const run = post(`${mock.url}/agent/chat/run`, input("T", "live"));
      await waiting;
      await post(`${mock.url}/agent/chat/stop/T`, {});
      const events = wireEvents((await run).body) as Draft[];
      expect(events.slice(10)).toEqual([{ type: "TEXT_MESSAGE_END", messageId: "R-m2" }, { type: "TOOL_CALL_END", toolCallId: "R-c2" }, { type: "RUN_FINISHED" }]);
    });
  });
});
