import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { AguiEvent } from "../core/protocol/events";
import type { SessionHeader, SessionRecord } from "../core/session/record";
import { recordedSession, runtimeInfo, type RecordedFrame, type RecordedRun } from "./mock-runs";
import { createRunRewriter, newThreadMemory, type ThreadMemory } from "./mock-rewrite";
import { BodyTooLargeError, handleCors, readBodyText, tooLarge } from "./cors";
import { isLoopbackHost } from "./loopback";

// A mock CopilotKit runtime that replays a session file: GET /info, POST /agent/<id>/run,
// /connect, /stop/<thread> (REST, matched from the end of the path like the runtime does) and
// the single-route envelope on any other POST path. The k-th run on a thread gets the agent's
// k-th recorded run (wrapping round), so a frontend that replays the recorded conversation
// gets the recorded answers. Each run answers its request as the runtime would: thread and run
// ids, RUN_STARTED.input and repeated message ids are rewritten (mock-rewrite.ts); every other
// frame goes out byte for byte. `verbatim` sends every frame exactly as recorded.
// Loopback only; CORS for loopback origins (a dev frontend on another port) and the origins
// given with --cors-origin (cors.ts); request bodies over a cap get 413.

export interface MockRuntimeOptions {
  records: readonly SessionRecord[];
  header?: SessionHeader;
  port?: number;
  /** Wait the recorded time between frames (default: send at once). */
  realtime?: boolean;
  /** Real-time speed-up: 2 plays twice as fast. */
  speed?: number;
  /** Agent id for recorded runs that name none (plain SSE or NDJSON imports). */
  defaultAgent?: string;
  /** Name shown in /info descriptions. */
  source?: string;
  /** Send frames exactly as recorded: recorded thread/run ids and RUN_STARTED.input. */
  verbatim?: boolean;
  /** Origins besides loopback ones that may call the mock from a browser. */
  corsOrigins?: readonly string[];
  /** Largest request body accepted, in bytes (default cors.ts DEFAULT_MAX_BODY); larger gets 413. */
  maxBody?: number;
  /** Injected wait, for tests; resolves early when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface MockRuntime {
  url: string;
  port: number;
  /** Recorded runs per agent. */
  agents: Record<string, number>;
  close(): Promise<void>;
  /** Resolves once close() has run. */
  closed: Promise<void>;
}

interface Active {
  agentId: string;
  runId: string;
  abort: AbortController;
}

const SSE_HEADERS = { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" };

export async function startMockRuntime(options: MockRuntimeOptions): Promise<MockRuntime> {
  const session = recordedSession(options.records, options.header, options.defaultAgent);
  const info = runtimeInfo(session, options.source ?? options.header?.name ?? "a session file");
  const sleep = options.sleep ?? defaultSleep;
  const speed = options.speed && options.speed > 0 ? options.speed : 1;
  const cursors = new Map<string, number>();
  const history = new Map<string, string[]>();
  const memories = new Map<string, ThreadMemory>();
  const active = new Map<string, Active>();
  const threadKey = (agentId: string, threadId: string) => `${agentId}\u0000${threadId}`;

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (err instanceof BodyTooLargeError && !res.headersSent) return tooLarge(res, err);
      if (!res.headersSent) json(res, 500, { error: "internal_error", message: (err as Error).message });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackHost(req.headers.host)) return json(res, 421, { error: "Misdirected request", message: "The mock runtime answers only to 127.0.0.1 / localhost." });
    if (handleCors(req, res, { origins: options.corsOrigins })) return;
    const method = (req.method ?? "GET").toUpperCase();
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    let m = /\/agent\/([^/]+)\/(run|connect)\/?$/.exec(path);
    if (m) {
      if (method !== "POST") return notAllowed(res, "POST");
      const input = await readJson(req, options.maxBody);
      return m[2] === "run" ? run(res, decode(m[1]), input) : connect(res, decode(m[1]), input);
    }
    m = /\/agent\/([^/]+)\/stop\/([^/]+)\/?$/.exec(path);
    if (m) {
      if (method !== "POST") return notAllowed(res, "POST");
      const body = await readJson(req, options.maxBody);
      return stop(res, decode(m[1]), decode(m[2]), body.ok && body.value && typeof body.value === "object" ? (body.value as { runId?: unknown }).runId : undefined);
    }
    if (/\/info\/?$/.test(path)) {
      if (method !== "GET" && method !== "HEAD") return notAllowed(res, "GET");
      return json(res, 200, info);
    }
    if (method !== "POST") {
      res.setHeader("allow", "POST");
      return json(res, 405, { error: "invalid_request", message: "Single-route requests must be POST; REST routes are /info, /agent/<id>/run, /agent/<id>/connect, /agent/<id>/stop/<threadId>." });
    }
    return envelope(req, res);
  }

  async function envelope(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!String(req.headers["content-type"] ?? "").includes("application/json")) {
      return json(res, 415, { error: "invalid_request", message: "Single-route requests must be application/json" });
    }
    const body = await readJson(req, options.maxBody);
    if (!body.ok || !body.value || typeof body.value !== "object") return json(res, 400, { error: "invalid_request", message: "Request body is not a JSON object" });
    const { method, params, body: inner } = body.value as { method?: unknown; params?: Record<string, unknown>; body?: unknown };
    if (typeof method !== "string") return json(res, 400, { error: "invalid_request", message: "Missing method" });
    const param = (name: string) => (params && typeof params[name] === "string" && (params[name] as string).trim() ? (params[name] as string) : undefined);
    const need = (name: string) => json(res, 400, { error: "invalid_request", message: `Missing or invalid parameter '${name}'` });
    switch (method) {
      case "info":
        return json(res, 200, info);
      case "agent/run":
      case "agent/connect": {
        const agentId = param("agentId");
        if (!agentId) return need("agentId");
        if (inner === undefined) return json(res, 400, { error: "invalid_request", message: "Missing request body" });
        const input = { ok: true, value: inner } as const;
        return method === "agent/run" ? run(res, agentId, input) : connect(res, agentId, input);
      }
      case "agent/stop": {
        const agentId = param("agentId");
        const threadId = param("threadId");
        if (!agentId) return need("agentId");
        if (!threadId) return need("threadId");
        return stop(res, agentId, threadId, inner && typeof inner === "object" ? (inner as { runId?: unknown }).runId : undefined);
      }
      default:
        return json(res, 400, { error: "invalid_request", message: `Unknown method '${method}'` });
    }
  }

  function runsOf(res: ServerResponse, agentId: string): RecordedRun[] | null {
    const runs = session.agents.get(agentId);
    if (runs?.length) return runs;
    json(res, 404, { error: "Agent not found", message: `Agent '${agentId}' does not exist` });
    return null;
  }

  async function run(res: ServerResponse, agentId: string, body: Parsed): Promise<void> {
    const runs = runsOf(res, agentId);
    if (!runs) return;
    const input = checkInput(res, body);
    if (!input) return;
    const key = threadKey(agentId, input.threadId);
    res.writeHead(200, SSE_HEADERS);
    // As the runtime does for a second run on a busy thread: 200 with an empty stream.
    if (active.has(key)) return void res.end();
    const k = cursors.get(key) ?? 0;
    cursors.set(key, k + 1);
    const recorded = runs[k % runs.length];
    const abort = new AbortController();
    active.set(key, { agentId, runId: input.runId, abort });
    res.on("close", () => abort.abort());
    const served = history.get(key) ?? [];
    history.set(key, served);
    const memory = memories.get(key) ?? newThreadMemory();
    memories.set(key, memory);
    const rewriter = options.verbatim ? undefined : createRunRewriter(recorded, input.body, memory);
    const open = { messages: new Set<string>(), calls: new Map<string, { end: boolean; result: boolean }>() };
    try {
      let prev = recorded.requestT ?? recorded.frames[0]?.t ?? 0;
      for (const frame of recorded.frames) {
        if (options.realtime) await sleep(Math.max(0, frame.t - prev) / speed, abort.signal);
        prev = frame.t;
        if (abort.signal.aborted) break;
        const text = rewriter ? rewriter.frame(frame) : frame.text;
        res.write(text);
        served.push(text);
        track(open, frame, rewriter?.id);
      }
      if (abort.signal.aborted && !res.destroyed) {
        for (const event of closers(open)) {
          rewriter?.note(event);
          const text = `data: ${JSON.stringify(event)}\n\n`;
          res.write(text);
          served.push(text);
        }
      }
    } finally {
      rewriter?.done();
      active.delete(key);
      res.end();
    }
  }

  function connect(res: ServerResponse, agentId: string, body: Parsed): void {
    if (!runsOf(res, agentId)) return;
    const input = checkInput(res, body);
    if (!input) return;
    res.writeHead(200, SSE_HEADERS);
    for (const text of history.get(threadKey(agentId, input.threadId)) ?? []) res.write(text);
    res.end();
  }

  function stop(res: ServerResponse, agentId: string, threadId: string, runId: unknown): void {
    if (!runsOf(res, agentId)) return;
    const current = active.get(threadKey(agentId, threadId));
    if (!current || (typeof runId === "string" && runId !== current.runId)) {
      return json(res, 200, { stopped: false, message: `No active run for thread '${threadId}'.` });
    }
    current.abort.abort();
    json(res, 200, { stopped: true, interrupt: { type: "RUN_ERROR", message: "Run stopped by user", code: "STOPPED" } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const port = (server.address() as AddressInfo).port;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  const agents: Record<string, number> = {};
  for (const [id, runs] of session.agents) agents[id] = runs.length;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    agents,
    closed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const a of active.values()) a.abort.abort();
        server.closeAllConnections();
        server.close(() => {
          resolveClosed();
          resolve();
        });
      }),
  };
}

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

function checkInput(res: ServerResponse, body: Parsed): { threadId: string; runId: string; body: Record<string, unknown> } | null {
  const fail = (details: string) => (json(res, 400, { error: "Invalid request body", details }), null);
  if (!body.ok) return fail(body.error);
  const v = body.value as Record<string, unknown> | null;
  if (!v || typeof v !== "object" || Array.isArray(v)) return fail("Expected a RunAgentInput object");
  for (const key of ["threadId", "runId"]) if (typeof v[key] !== "string") return fail(`${key}: Required string`);
  for (const key of ["messages", "tools", "context"]) if (!Array.isArray(v[key])) return fail(`${key}: Required array`);
  return { threadId: v.threadId as string, runId: v.runId as string, body: v };
}

interface Open {
  messages: Set<string>;
  /** Tool calls without both their end and a result, as the runtime's finaliser tracks them. */
  calls: Map<string, { end: boolean; result: boolean }>;
}

/** What is still open when a stop cuts the stream, so the closers can end it like the runtime does. */
function track(open: Open, frame: RecordedFrame, id: (recorded: string) => string = (x) => x): void {
  const e = frame.event;
  if (!e) return;
  if (e.type === "TEXT_MESSAGE_START") open.messages.add(id(String(e.messageId)));
  else if (e.type === "TEXT_MESSAGE_END") open.messages.delete(id(String(e.messageId)));
  else if (e.type === "TOOL_CALL_START") open.calls.set(id(String(e.toolCallId)), { end: false, result: false });
  else if (e.type === "TOOL_CALL_END" || e.type === "TOOL_CALL_RESULT") {
    const callId = id(String(e.toolCallId));
    const call = open.calls.get(callId);
    if (!call) return;
    if (e.type === "TOOL_CALL_END") call.end = true;
    else call.result = true;
    if (call.end && call.result) open.calls.delete(callId);
  }
}

/**
 * The runtime's finalisation after a stop (@copilotkit/shared finalizeRunEvents; docs/architecture.md,
 * "After a stop"): end open messages and tool calls, a "stopped" result for calls without one,
 * then a bare RUN_FINISHED.
 */
function closers(open: Open): AguiEvent[] {
  const out: AguiEvent[] = [...open.messages].map((messageId) => ({ type: "TEXT_MESSAGE_END", messageId }));
  for (const [toolCallId, call] of open.calls) {
    if (!call.end) out.push({ type: "TOOL_CALL_END", toolCallId });
    if (!call.result) {
      const content = JSON.stringify({ status: "stopped", reason: "stop_requested", message: "Run stopped by user" });
      out.push({ type: "TOOL_CALL_RESULT", toolCallId, messageId: `${toolCallId}-result`, role: "tool", content });
    }
  }
  out.push({ type: "RUN_FINISHED" });
  return out;
}

async function readJson(req: IncomingMessage, limit?: number): Promise<Parsed> {
  const text = await readBodyText(req, limit);
  if (!text.trim()) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: `invalid JSON: ${(err as Error).message}` };
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function notAllowed(res: ServerResponse, allow: string): void {
  res.setHeader("allow", allow);
  json(res, 405, { error: "Method not allowed" });
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}
