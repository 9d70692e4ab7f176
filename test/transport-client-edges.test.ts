// The runtime client against endpoints that answer oddly: each test gives a plain HTTP server the
// answers it needs (a runtime whose /info is wrong or old, an AG-UI endpoint that streams on
// any POST, a URL with nothing behind it) and checks the exact words and codes the client gives.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRuntimeClient, type TransportChoice } from "../src/core/transport/client";
import { buildRunInput } from "../src/core/transport/input";
import { InspectorError } from "../src/core/transport/errors";
import { recordingHarness } from "./helpers";

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let server: Server;
let origin: string;
let routes: Record<string, Handler> = {};
const asked: { method?: string; url?: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      asked.push({ method: req.method, url: req.url, body });
      const route = routes[`${req.method} ${req.url}`] ?? routes[`* ${req.url}`];
      if (route) return route(req, res, body);
      res.writeHead(404, { "content-type": "text/plain" }).end("no route");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  routes = {};
  asked.length = 0;
});

const json = (status: number, value: unknown, headers: Record<string, string> = {}): Handler => (_q, res) => res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(value));
const sse = (...events: object[]): Handler => (_q, res) => res.writeHead(200, { "content-type": "text/event-stream" }).end(events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join(""));
const client = (path: string, transport: TransportChoice) => createRuntimeClient({ url: origin + path, transport, recorder: recordingHarness().recorder });
const failure = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e) => e);
  expect(err).toBeInstanceOf(InspectorError);
  return err as InspectorError;
};
const input = (runId = "r1") => buildRunInput({ threadId: "t1", runId, state: {} });
const R = { type: "RUN_STARTED", threadId: "t1", runId: "r1" };
const F = { type: "RUN_FINISHED", threadId: "t1", runId: "r1" };

describe("discovery on a chosen transport", () => {
  it("rest: an /info that is no runtime info names the /info URL it asked", async () => {
    routes["GET /api/info"] = json(200, { hello: "world" });
    const err = await failure(client("/api", "rest").discover());
    expect([err.code, err.message]).toEqual(["bad-info", `${origin}/api/info answered, but not with a runtime /info object (no "agents" map). Is this a CopilotKit runtime URL?`]);
    expect(err.body).toEqual({ hello: "world" });
  });

  it("single: the same names the URL itself, asked with POST {method:info}", async () => {
    routes["POST /api"] = json(200, { agents: [] });
    const err = await failure(client("/api", "single").discover());
    expect([err.code, err.message]).toEqual(["bad-info", `${origin}/api answered, but not with a runtime /info object (no "agents" map). Is this a CopilotKit runtime URL?`]);
    expect(asked).toEqual([{ method: "POST", url: "/api", body: '{"method":"info"}' }]);
  });

  it("rest: an /info that fails is reported as it failed", async () => {
    routes["GET /api/info"] = json(500, { error: "boom" });
    const err = await failure(client("/api", "rest").discover());
    expect([err.code, err.status]).toEqual(["http", 500]);
  });

  it("an intelligence-mode runtime without a WebSocket URL still says why", async () => {
    routes["GET /api/info"] = json(200, { agents: {}, mode: "intelligence" });
    const err = await failure(client("/api", "rest").discover());
    expect([err.code, err.message]).toEqual(["intelligence", 'This runtime runs in "intelligence" mode: runs stream over a WebSocket (Phoenix channel), which the inspector does not support yet. Point it at an SSE runtime.']);
  });
});

describe("auto discovery", () => {
  it("takes single-route when REST's /info is not runtime info", async () => {
    routes["GET /api/info"] = json(200, { agents: "none" });
    routes["POST /api"] = json(200, { agents: { a: {} }, version: "1.75.0" });
    const c = client("/api", "auto");
    expect(await c.discover()).toEqual({ transport: "single", info: { agents: { a: {} }, version: "1.75.0" } });
    expect(c.discovery?.transport).toBe("single");
  });

  it("takes REST only when its /info answers below 300 with runtime info", async () => {
    routes["GET /api/info"] = json(203, { agents: { a: {} } });
    expect((await client("/api", "auto").discover()).transport).toBe("rest");
  });

  it("says what each try answered when nothing is there", async () => {
    routes["GET /api/info"] = json(500, { error: "down", message: "try later" });
    routes["POST /api"] = json(200, { ok: true });
    routes["GET /api"] = json(200, { ok: true });
    const err = await failure(client("/api", "auto").discover());
    // the code of the last failure seen: REST's
    expect(err.code).toBe("http");
    expect(err.message).toBe(
      `No runtime found at ${origin}/api, and nothing there looks like a plain AG-UI endpoint. Tried: REST GET ${origin}/api/info → 500 (down: try later); single-route POST ${origin}/api {"method":"info"} → 200, but no runtime /info (no "agents" map). Check the URL (a CopilotKit runtime URL ends at its base path, e.g. /api/copilotkit).`,
    );
    expect(err.status).toBe(200);
  });

  it("a plain endpoint that streams on any POST is named as one", async () => {
    routes["POST /awp"] = sse(R, F);
    const err = await failure(client("/awp", "auto").discover());
    expect(err.code).toBe("plain-agui");
    expect(err.message).toBe(
      `${origin}/awp is no CopilotKit runtime but looks like a plain AG-UI endpoint: it answered {"method":"info"} with an event stream, as an AG-UI endpoint answers any POST. Pick transport "agui" to run agents at this URL. Tried: REST GET ${origin}/awp/info → 404 (no route); single-route POST ${origin}/awp {"method":"info"} → 200, an event stream.`,
    );
  });

  it("a 400 naming run fields is a plain endpoint refusing {method:info} as a run", async () => {
    routes["POST /awp"] = json(400, { error: "runId is required" });
    const err = await failure(client("/awp", "auto").discover());
    expect(err.code).toBe("plain-agui");
    expect(err.message).toContain("it refused {\"method\":\"info\"} as a run request (its 400 names RunAgentInput fields)");
  });

  it("a 400 that names no run field is no evidence", async () => {
    routes["POST /awp"] = json(400, { error: "bad request" });
    routes["GET /awp"] = json(404, {});
    expect((await failure(client("/awp", "auto").discover())).code).toBe("http");
  });

  it("a URL that takes only POST (405, Allow: POST on GET) is named as a plain endpoint", async () => {
    routes["POST /awp"] = json(500, { error: "server error" });
    routes["GET /awp"] = json(405, { detail: "Method Not Allowed" }, { allow: "OPTIONS, POST" });
    const err = await failure(client("/awp", "auto").discover());
    expect(err.code).toBe("plain-agui");
    expect(err.message).toContain("GET on it answers 405 (POST only), as an AG-UI endpoint does");
    expect(err.status).toBe(500);
  });

  it("a 405 on GET that allows no POST is no evidence", async () => {
    routes["POST /awp"] = json(500, { error: "server error" });
    routes["GET /awp"] = json(405, {}, { allow: "GET" });
    expect((await failure(client("/awp", "auto").discover())).code).toBe("http");
  });
});

describe('transport "agui" checks the URL first', () => {
  it("a 404 at a CopilotKit runtime's base URL names its agents and the transports to pick", async () => {
    routes["GET /api/info"] = json(200, { agents: { one: {}, two: {} } });
    const err = await failure(client("/api", "agui").discover());
    expect([err.code, err.status, err.message]).toEqual(["wrong-transport", 404, `${origin}/api is a CopilotKit runtime (its /info lists one, two), not a plain AG-UI endpoint: a run posted to the URL itself would get 404. Pick transport auto, rest or single.`]);
  });

  it("…or says it lists no agents", async () => {
    routes["GET /api/info"] = json(200, { agents: {} });
    expect((await failure(client("/api", "agui").discover())).message).toContain("(its /info lists no agents)");
  });

  it("a 404 with no runtime behind it says nothing is there", async () => {
    routes["GET /api/info"] = json(500, { agents: {} });
    const err = await failure(client("/api", "agui").discover());
    expect([err.code, err.status, err.message]).toEqual(["http", 404, `Nothing at ${origin}/api: GET answers 404, so a run posted there would get 404 too. Check the URL of the AG-UI endpoint.`]);
  });

  it("any other answer connects, saying what it was", async () => {
    routes["GET /awp"] = json(200, {});
    expect(await client("/awp", "agui").discover()).toEqual({ transport: "agui", info: null, note: `checked: GET ${origin}/awp answered 200` });
    routes["GET /awp"] = json(405, {}, { allow: "GET" });
    expect((await client("/awp", "agui").discover()).note).toBe(`checked: GET ${origin}/awp answered 405`);
    routes["GET /awp"] = json(405, {}, { allow: "post" });
    expect((await client("/awp", "agui").discover()).note).toBe(`checked: GET ${origin}/awp answered 405 (POST only, as an AG-UI endpoint)`);
  });

  it("a plain endpoint has no connect and no stop route", async () => {
    const c = client("/awp", "agui");
    const connect = await failure(c.connect("a", input()));
    expect([connect.code, connect.message]).toEqual(["unsupported", "A plain AG-UI endpoint has no connect route; connect needs a CopilotKit runtime (rest or single transport)."]);
    const stop = await failure(c.stop("a", "t1", "r1"));
    expect([stop.code, stop.message]).toEqual(["unsupported", "A plain AG-UI endpoint has no stop route: cancel the run's request instead."]);
    expect(asked).toEqual([]);
  });
});

describe("runs", () => {
  it("an unknown agent is named, with the agents the runtime has", async () => {
    routes["GET /api/info"] = json(200, { agents: { known: {}, other: {} } });
    routes["POST /api/agent/nope/run"] = json(404, { error: "Agent not found" });
    const out = await client("/api", "rest").run("nope", input());
    expect([out.status, out.error?.code, out.error?.message, out.error?.status]).toEqual(["failed", "unknown-agent", 'The runtime has no agent "nope". Agents: known, other.', 404]);
  });

  it("…and without a list when the runtime has none", async () => {
    routes["GET /api/info"] = json(200, { agents: {} });
    routes["POST /api/agent/nope/run"] = json(404, { error: "agent NOT found" });
    expect((await client("/api", "rest").run("nope", input())).error?.message).toBe('The runtime has no agent "nope".');
  });

  it("a 404 that is not about the agent stays an HTTP error", async () => {
    routes["GET /api/info"] = json(200, { agents: {} });
    routes["POST /api/agent/a/run"] = json(404, { error: "route missing" });
    expect((await client("/api", "rest").run("a", input())).error?.code).toBe("http");
  });

  it("a run that ends with RUN_ERROR is a run error, not a transport failure", async () => {
    routes["GET /api/info"] = json(200, { agents: { a: {} } });
    routes["POST /api/agent/a/run"] = sse(R, { type: "RUN_ERROR", message: "agent failed" });
    const out = await client("/api", "rest").run("a", input());
    expect([out.status, out.terminal?.type, out.error]).toEqual(["run-error", "RUN_ERROR", undefined]);
  });

  it("a new run started after the last one finished, and never ended, is incomplete", async () => {
    routes["GET /api/info"] = json(200, { agents: { a: {} } });
    routes["POST /api/agent/a/run"] = sse(R, F, { ...R, runId: "r2" });
    const out = await client("/api", "rest").run("a", input());
    expect([out.status, out.terminal, out.error?.code]).toEqual(["failed", undefined, "incomplete-stream"]);
    expect(out.error?.message).toMatch(/^The stream ended without RUN_FINISHED or RUN_ERROR\. /);
  });

  it("connect may end without a terminal event, and with no frames at all", async () => {
    routes["GET /api/info"] = json(200, { agents: { a: {} } });
    routes["POST /api/agent/a/connect"] = sse(R);
    expect((await client("/api", "rest").connect("a", input())).status).toBe("finished");
    routes["POST /api/agent/a/connect"] = sse();
    expect((await client("/api", "rest").connect("a", input())).status).toBe("finished");
  });

  it("single-route runs post the method, the agent and the input to the URL", async () => {
    routes["POST /api"] = (_q, res, body) => {
      const b = JSON.parse(body) as { method: string };
      if (b.method === "info") return json(200, { agents: { a: {} } })(_q, res, body);
      sse(R, F)(_q, res, body);
    };
    const out = await client("/api", "single").run("a", input());
    expect(out.status).toBe("finished");
    expect(JSON.parse(asked[1].body)).toMatchObject({ method: "agent/run", params: { agentId: "a" }, body: { threadId: "t1", runId: "r1" } });
  });
});

describe("stop", () => {
  it("asks for the one run on a runtime from 1.72 on, for the thread before it", async () => {
    for (const [version, body] of [["1.72.0", '{"runId":"r1"}'], ["1.71.9", ""], [undefined, ""]] as const) {
      routes["GET /api/info"] = json(200, { agents: { a: {} }, ...(version ? { version } : {}) });
      routes["POST /api/agent/a/stop/t%201"] = json(200, { stopped: true });
      asked.length = 0;
      const c = client("/api", "rest");
      expect(await c.stop("a", "t 1", "r1")).toEqual({ stopped: true, body: { stopped: true } });
      expect(asked[1], String(version)).toMatchObject({ method: "POST", url: "/api/agent/a/stop/t%201", body });
    }
  });

  it("over single-route: the method and params, and the run only where the runtime takes it", async () => {
    let version = "1.75.0";
    routes["POST /api"] = (_q, res, body) => {
      const b = JSON.parse(body) as { method: string };
      if (b.method === "info") return json(200, { agents: { a: {} }, version })(_q, res, body);
      json(200, { stopped: "yes" })(_q, res, body);
    };
    expect(await client("/api", "single").stop("a", "t1", "r1")).toEqual({ stopped: false, body: { stopped: "yes" } });
    expect(JSON.parse(asked[1].body)).toEqual({ method: "agent/stop", params: { agentId: "a", threadId: "t1" }, body: { runId: "r1" } });
    version = "1.70.0";
    asked.length = 0;
    await client("/api", "single").stop("a", "t1", "r1");
    expect(JSON.parse(asked[1].body)).toEqual({ method: "agent/stop", params: { agentId: "a", threadId: "t1" } });
  });

  it("a stop the runtime refuses is thrown", async () => {
    routes["GET /api/info"] = json(200, { agents: { a: {} } });
    routes["POST /api/agent/a/stop/t1"] = json(500, { error: "cannot stop" });
    expect((await failure(client("/api", "rest").stop("a", "t1"))).code).toBe("http");
  });
});
