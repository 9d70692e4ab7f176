// One exchange, recorded whole, against a plain server's odd answers: what the request and
// response records hold, what the end record says, and the words for each way it can fail.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describeTally, exchange, type ExchangeRequest } from "../src/core/transport/exchange";
import type { FetchLike } from "../src/core/transport/exchange";
import { recordingHarness } from "./helpers";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let server: Server;
let origin: string;
let route: Handler = (_q, res) => res.end();
const seen: { headers: IncomingMessage["headers"]; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ headers: req.headers, body });
      route(req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen.length = 0;
});

function run(req: Partial<ExchangeRequest>, env: { headers?: Record<string, string>; fetch?: FetchLike; origin?: string } = {}) {
  const h = recordingHarness();
  const done = exchange(
    { fetch: env.fetch ?? ((i, init) => fetch(i, init)), recorder: h.recorder, headers: env.headers ?? {}, origin: env.origin },
    { op: "run", transport: "rest", method: "POST", url: `${origin}/x`, ...req } as ExchangeRequest,
  );
  return done.then((result) => ({ result, records: h.records }));
}

describe("the request record", () => {
  it("says JSON only when there is a body, Accept only when asked, and never a secret", async () => {
    route = (_q, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}");
    const { records } = await run({ method: "GET", agentId: "a", threadId: "t" }, { headers: { Authorization: "Bearer sk-secret-value-1234" } });
    expect(records[0]).toMatchObject({ kind: "request", dir: "out", op: "run", method: "GET", url: `${origin}/x`, transport: "rest", agentId: "a", threadId: "t" });
    expect(records[0]).not.toHaveProperty("runId");
    expect(records[0]).not.toHaveProperty("body");
    expect((records[0] as { headers: Record<string, string> }).headers).toEqual({ Authorization: "[redacted]" });
    expect(seen[0].headers["content-type"]).toBeUndefined();
    expect(seen[0].headers.authorization).toBe("Bearer sk-secret-value-1234");

    const post = await run({ body: { q: 1 }, accept: "text/event-stream" });
    expect((post.records[0] as { headers: Record<string, string> }).headers).toEqual({ "Content-Type": "application/json", Accept: "text/event-stream" });
    expect(post.records[0]).toMatchObject({ body: { q: 1 } });
    expect(seen[1]).toMatchObject({ body: '{"q":1}', headers: { "content-type": "application/json", accept: "text/event-stream" } });
  });
});

describe("a plain answer", () => {
  it("keeps JSON as the body, other text as text, and nothing for an empty body", async () => {
    route = (_q, res) => res.writeHead(200, { "content-type": "application/json", "x-a": "1" }).end('{"ok":true}');
    const json = await run({});
    expect(json.result).toMatchObject({ outcome: "complete", body: { ok: true }, frames: 0, events: [] });
    expect(json.records[1]).toMatchObject({ kind: "response", status: 200, contentType: "application/json", body: { ok: true }, headers: { "x-a": "1" } });
    expect(json.records[1]).not.toHaveProperty("text");

    route = (_q, res) => res.writeHead(200, { "content-type": "text/plain" }).end("plain words");
    const text = await run({});
    expect(text.result.body).toBeUndefined();
    expect(text.records[1]).toMatchObject({ text: "plain words" });
    expect(text.records[1]).not.toHaveProperty("body");

    route = (_q, res) => res.writeHead(204).end();
    const empty = await run({});
    expect(empty.records[1]).not.toHaveProperty("text");
    expect(empty.records[1]).not.toHaveProperty("body");
    expect(empty.records[2]).toEqual(expect.objectContaining({ kind: "end", outcome: "complete", frames: 0 }));
    expect(empty.records[2]).not.toHaveProperty("code");
  });

  it("an error status names the URL and the runtime's words, or its text, or that it was empty", async () => {
    route = (_q, res) => res.writeHead(500, { "content-type": "application/json" }).end('{"error":"boom","details":"disk"}');
    const json = await run({});
    expect([json.result.outcome, json.result.error?.code, json.result.error?.message, json.result.error?.status]).toEqual(["error", "http", `HTTP 500 from ${origin}/x: boom: disk`, 500]);
    expect(json.records[2]).toMatchObject({ kind: "end", outcome: "error", code: "http", error: `HTTP 500 from ${origin}/x: boom: disk` });

    route = (_q, res) => res.writeHead(502, { "content-type": "text/html" }).end("  <h1>Bad gateway</h1>\n");
    const text = await run({});
    expect([text.result.error?.message, text.result.error?.body]).toEqual([`HTTP 502 from ${origin}/x: <h1>Bad gateway</h1>`, "  <h1>Bad gateway</h1>\n"]);

    route = (_q, res) => res.writeHead(503).end();
    expect((await run({})).result.error?.message).toBe(`HTTP 503 from ${origin}/x: (empty body)`);
  });

  it("an error status with an event-stream type is still an error, not a stream", async () => {
    route = (_q, res) => res.writeHead(500, { "content-type": "text/event-stream" }).end('data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\n');
    const { result } = await run({});
    expect([result.outcome, result.error?.code, result.events]).toEqual(["error", "http", []]);
  });
});

describe("a stream", () => {
  it("the end record counts frames, bad ones, and a body that ended inside one", async () => {
    route = (_q, res) => res.writeHead(200, { "content-type": "text/event-stream" }).end('data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\ndata: {oops\n\ndata: {"type":"RUN_FINISHED","threadId":"t","runId":"r"}');
    const { result, records } = await run({ runId: "r" });
    expect(result.tally).toEqual({ frames: 3, bad: 1, unterminated: true });
    expect(result.frames).toBe(3);
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "complete", frames: 3, badFrames: 1, unterminated: true, runId: "r" });
  });

  it("a clean stream's end record carries no bad-frame or unterminated fields", async () => {
    route = (_q, res) => res.writeHead(200, { "content-type": "text/event-stream" }).end('data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\n');
    const { records } = await run({});
    expect(records.at(-1)).toEqual(expect.objectContaining({ kind: "end", frames: 1 }));
    expect(records.at(-1)).not.toHaveProperty("badFrames");
    expect(records.at(-1)).not.toHaveProperty("unterminated");
  });
});

describe("no answer", () => {
  it("a dead port is unreachable, saying where", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/x`;
    await new Promise<void>((r) => closed.close(() => r()));
    const { result } = await run({ url });
    expect([result.outcome, result.error?.code, result.error?.message]).toEqual(["error", "unreachable", `Cannot reach ${url}: ECONNREFUSED. Is the runtime running, and is the URL right?`]);
  });

  it("in a page on another origin: a host that answers an opaque probe refused the origin (CORS); one that does not is unreachable", async () => {
    const calls: (RequestInit | undefined)[] = [];
    const refused: FetchLike = async (_url, init) => {
      calls.push(init);
      if (init?.mode === "no-cors") return new Response(null, { status: 200 });
      throw new TypeError("Failed to fetch");
    };
    const cors = await run({}, { fetch: refused, origin: "http://127.0.0.1:5173" });
    expect(cors.result.error?.code).toBe("cors");
    expect(cors.result.error?.message).toContain("refused this page's origin (http://127.0.0.1:5173)");
    expect(calls.map((c) => c?.mode)).toEqual([undefined, "no-cors"]);

    const dead: FetchLike = async () => {
      throw new TypeError("Failed to fetch");
    };
    expect((await run({}, { fetch: dead, origin: "http://127.0.0.1:5173" })).result.error?.code).toBe("unreachable");
    // Same origin: no probe, since a same-origin failure is no CORS refusal.
    calls.length = 0;
    expect((await run({}, { fetch: refused, origin })).result.error?.code).toBe("unreachable");
    expect(calls).toHaveLength(1);
  });

  it("cancelled before the answer is aborted, and said so", async () => {
    const stop = new AbortController();
    stop.abort();
    const { result, records } = await run({ signal: stop.signal });
    expect([result.outcome, result.error?.code, result.error?.message]).toEqual(["aborted", "aborted", "Cancelled before the runtime answered."]);
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "aborted", code: "aborted" });
  });
});

describe("describeTally", () => {
  it("says what arrived, truly", () => {
    expect(describeTally({ frames: 0, bad: 0, unterminated: false })).toBe("No frame had arrived.");
    expect(describeTally({ frames: 2, bad: 0, unterminated: false })).toBe("2 frame(s) arrived and each is recorded in order.");
    expect(describeTally({ frames: 3, bad: 1, unterminated: true })).toBe(
      "3 frame(s) arrived and each is recorded in order; 1 of them as a bad frame with its raw text; the body ended inside the last one, which is flagged unterminated.",
    );
  });
});
