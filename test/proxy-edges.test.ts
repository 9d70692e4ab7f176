import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { preflightHeaders } from "../src/server/proxy/cors";
import { startRecordingProxy, type RecordingProxy } from "../src/server/proxy/proxy";
import { startServedProxy } from "../src/server/proxy/served";
import { RECORD_FEED_PATH } from "../src/server/proxy/record-feed";
import type { SessionRecord } from "../src/core/session/record";
import { rawRequest } from "./raw-http";
import { recordingHarness } from "./helpers";

// The recording proxy at its edges, against a plain upstream on 127.0.0.1: who it answers, which
// headers cross it each way, what it records for each kind of answer, and how it ends an
// exchange that fails, is cut or is left by the client.

let upstream: Server;
let up: string;
let proxy: RecordingProxy;
let records: SessionRecord[];
/** Called when a request for /hold reaches the upstream, with its response. */
let holding: (res: import("node:http").ServerResponse) => void = () => {};

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://upstream").pathname;
      if (path.endsWith("/echo")) {
        res.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*", "access-control-allow-credentials": "true", "x-upstream": "yes", "set-cookie": "app=1" });
        return void res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
      }
      if (path.endsWith("/text")) return void res.writeHead(200, { "content-type": "text/plain" }).end("plain words");
      if (path.endsWith("/empty")) return void res.writeHead(204).end();
      if (path.endsWith("/missing")) return void res.writeHead(404, { "content-type": "text/event-stream" }).end("no such stream");
      if (path.endsWith("/sse-partial")) {
        res.writeHead(200, { "content-type": "text/event-stream" });
        return void res.end('data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\n: note\n\ndata: {"type":"RUN_FINISHED","threadId":"t","runId":"r"}');
      }
      if (path.endsWith("/cut")) {
        res.writeHead(200, { "content-type": "text/event-stream" });
        return void res.write('data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\n', () => res.socket?.destroy());
      }
      if (path.endsWith("/hold")) {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write('data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\n');
        return holding(res);
      }
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  up = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const h = recordingHarness();
  records = h.records;
  proxy = await startRecordingProxy({ runtimeUrl: `${up}/api`, recorder: h.recorder });
});
afterAll(async () => {
  await proxy.close();
  upstream.closeAllConnections();
  await new Promise<void>((r) => upstream.close(() => r()));
});

const exchangeOf = (x: number) => records.filter((r) => r.x === x);
const lastRequest = () => records.filter((r) => r.kind === "request").at(-1)!;

describe("who the recording proxy answers", () => {
  it("only a Host that names a loopback address", async () => {
    const port = new URL(proxy.url).port;
    for (const host of [`localhost:${port}`, `[::1]:${port}`, `127.0.0.1:${port}`]) expect((await rawRequest(`${proxy.url}/api-less/echo`, { host })).status, host).toBe(200);
    for (const host of ["evil.example", `127.0.0.1.evil.example:${port}`, `localhost.evil:${port}`]) {
      const r = await rawRequest(`${proxy.url}/echo`, { host });
      expect([host, r.status, r.body]).toEqual([host, 421, "The recording proxy answers only to 127.0.0.1 / localhost."]);
    }
  });

  it("refuses a page from another origin before anything reaches the runtime or the recording", async () => {
    const before = records.length;
    const r = await rawRequest(`${proxy.url}/echo`, { origin: "https://evil.example" }, "POST", "{}");
    expect([r.status, r.body, r.headers["access-control-allow-origin"]]).toEqual([403, "Origin https://evil.example refused: the recording proxy answers loopback pages only.", undefined]);
    expect(records.length).toBe(before);
  });

  it("answers a loopback page's preflight itself, echoing what it asked; an OPTIONS that is no preflight goes to the runtime", async () => {
    const before = records.length;
    const pre = await rawRequest(`${proxy.url}/echo`, { origin: "http://localhost:3000", "access-control-request-method": "PUT", "access-control-request-headers": "x-a, x-b" }, "OPTIONS");
    expect(pre.status).toBe(204);
    expect(pre.headers).toMatchObject({
      "access-control-allow-origin": "http://localhost:3000",
      "access-control-allow-credentials": "true",
      "access-control-expose-headers": "*",
      vary: "Origin",
      "access-control-allow-methods": "PUT",
      "access-control-allow-headers": "x-a, x-b",
      "access-control-max-age": "600",
    });
    expect(records.length).toBe(before);
    const plain = await rawRequest(`${proxy.url}/echo`, { origin: "http://localhost:3000" }, "OPTIONS");
    expect(JSON.parse(plain.body).method).toBe("OPTIONS");
    expect(plain.headers["access-control-allow-origin"]).toBe("http://localhost:3000");
    expect(preflightHeaders({ headers: {} } as IncomingMessage, { vary: "Origin" })).toEqual({
      vary: "Origin",
      "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
      "access-control-allow-headers": "*",
      "access-control-max-age": "600",
    });
  });
});

describe("what crosses the proxy", () => {
  it("passes the app's own headers and body up, without the hop's or the page's; the runtime's CORS answer is replaced", async () => {
    const body = JSON.stringify({ hello: "wörld" });
    const r = await rawRequest(
      `${proxy.url}/echo?q=1`,
      { origin: "http://127.0.0.1:5173", referer: "http://127.0.0.1:5173/page", "accept-encoding": "gzip", te: "trailers", "keep-alive": "timeout=5", "proxy-connection": "keep-alive", "x-app": "mine", cookie: "session=app", "content-type": "application/json" },
      "POST",
      body,
    );
    const seen = JSON.parse(r.body) as { method: string; url: string; headers: Record<string, string>; body: string };
    expect([seen.method, seen.url, seen.body]).toEqual(["POST", "/api/echo?q=1", body]);
    expect(seen.headers).toMatchObject({ "x-app": "mine", cookie: "session=app", host: new URL(up).host, "content-length": String(Buffer.byteLength(body)) });
    for (const name of ["origin", "referer", "accept-encoding", "te", "keep-alive", "proxy-connection"]) expect(seen.headers[name], name).toBeUndefined();
    expect(r.headers).toMatchObject({ "x-upstream": "yes", "set-cookie": ["app=1"], "access-control-allow-origin": "http://127.0.0.1:5173", "access-control-allow-credentials": "true" });
    const plain = await rawRequest(`${proxy.url}/echo`);
    expect([plain.headers["access-control-allow-origin"], plain.headers["access-control-allow-credentials"]]).toEqual([undefined, undefined]);
    expect(JSON.parse(plain.body).headers["content-length"]).toBeUndefined();
  });

  it("refuses a body over 32 MB with 413, and the runtime never sees it", async () => {
    const before = records.length;
    const r = await rawRequest(`${proxy.url}/echo`, { "content-type": "application/octet-stream" }, "POST", "x".repeat(32 * 1024 * 1024 + 1));
    expect([r.status, r.headers.connection, r.body]).toEqual([413, "close", `request body over ${32 * 1024 * 1024} bytes`]);
    expect(records.length).toBe(before);
  });
});

describe("what the proxy records", () => {
  it("the request: its JSON body, or how long a body that is not JSON was, and the route it names", async () => {
    await rawRequest(`${proxy.url}/agent/a%2Fb/run`, { "content-type": "application/json" }, "POST", JSON.stringify({ threadId: "t1", runId: "r1", messages: [] }));
    expect(lastRequest()).toMatchObject({ op: "run", transport: "rest", agentId: "a/b", threadId: "t1", runId: "r1", method: "POST", url: `${up}/api/agent/a%2Fb/run`, body: { threadId: "t1", runId: "r1", messages: [] } });
    await rawRequest(`${proxy.url}/custom-agent`, { "content-type": "application/json" }, "POST", JSON.stringify({ threadId: "t2", runId: "r2", messages: [] }));
    expect(lastRequest()).toMatchObject({ op: "run", transport: "agui", threadId: "t2", runId: "r2" });
    for (const [body, op, transport] of [
      [{ threadId: "t2", runId: "r2" }, "other", "rest"],
      [{ threadId: "t2", messages: [] }, "other", "rest"],
      [[1], "other", "rest"],
      [{ method: "nothing/known" }, "other", "single"],
      [{ method: "agent/run", params: { agentId: "s" }, body: { threadId: "t3" } }, "run", "single"],
    ] as const) {
      await rawRequest(`${proxy.url}/custom-agent`, { "content-type": "application/json" }, "POST", JSON.stringify(body));
      expect([body, lastRequest()]).toEqual([body, expect.objectContaining({ op, transport })]);
    }
    await rawRequest(`${proxy.url}/upload`, {}, "POST", "hello");
    expect(lastRequest()).toMatchObject({ op: "other", transport: "rest", body: "(5 bytes, not JSON)" });
    await rawRequest(`${proxy.url}/text`);
    expect("body" in lastRequest()).toBe(false);
    await rawRequest(`${proxy.url}/custom-agent`, {}, "GET");
    expect(lastRequest()).toMatchObject({ op: "other", transport: "rest" });
  });

  it("an answer that is no stream whole: JSON as its body, other text as text, nothing for an empty one", async () => {
    const answered = async (path: string) => {
      await rawRequest(`${proxy.url}${path}`);
      const ex = exchangeOf(lastRequest().x);
      return [ex.find((r) => r.kind === "response"), ex.at(-1)] as unknown as Record<string, unknown>[];
    };
    const [json, jsonEnd] = await answered("/echo");
    expect([json.status, (json.body as { method: string }).method, "text" in json]).toEqual([200, "GET", false]);
    expect(jsonEnd).toMatchObject({ kind: "end", outcome: "complete", frames: 0 });
    const [text] = await answered("/text");
    expect([text.text, "body" in text]).toEqual(["plain words", false]);
    const [empty] = await answered("/empty");
    expect([empty.status, "body" in empty, "text" in empty]).toEqual([204, false, false]);
    // an error status is no stream, whatever its type says
    const [missing] = await answered("/missing");
    expect([missing.status, missing.text]).toEqual([404, "no such stream"]);
    expect(exchangeOf(lastRequest().x).some((r) => r.kind === "event" || r.kind === "bad-frame")).toBe(false);
  });

  it("a stream frame by frame, the last one kept even without its blank line", async () => {
    const r = await rawRequest(`${proxy.url}/sse-partial`);
    expect(r.body.endsWith('"runId":"r"}')).toBe(true);
    const ex = exchangeOf(lastRequest().x);
    expect(ex.map((x) => x.kind)).toEqual(["request", "response", "event", "comment", "event", "end"]);
    expect(ex.at(-1)).toMatchObject({ outcome: "complete", frames: 2, unterminated: true });
    expect(ex[4]).toMatchObject({ event: { type: "RUN_FINISHED" }, unterminated: true });
  });

  it("a runtime that cannot be reached: a JSON 502 for the app, an error end in the recording", async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, "127.0.0.1", r));
    const deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}`;
    await new Promise<void>((r) => dead.close(() => r()));
    const h = recordingHarness();
    const lost = await startRecordingProxy({ runtimeUrl: deadUrl, recorder: h.recorder });
    try {
      const r = await rawRequest(`${lost.url}/info`, { origin: "http://localhost:1" });
      expect([r.status, r.headers["content-type"], r.headers["access-control-allow-origin"]]).toEqual([502, "application/json", "http://localhost:1"]);
      expect(JSON.parse(r.body)).toEqual({ error: `recording proxy: cannot reach ${deadUrl}: ECONNREFUSED` });
      expect(h.records.at(-1)).toMatchObject({ kind: "end", outcome: "error", code: "unreachable", error: `Cannot reach ${deadUrl}: ECONNREFUSED` });
    } finally {
      await lost.close();
    }
  });

  it("a runtime that cuts the stream: the app sees the cut, the recording keeps what passed and says so", async () => {
    const cut = await new Promise<{ text: string; error: boolean }>((resolve) => {
      request(`${proxy.url}/cut`, (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ text, error: false }));
        res.on("error", () => resolve({ text, error: true }));
      }).end();
    });
    expect(cut).toEqual({ text: 'data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\n', error: true });
    const ex = exchangeOf(lastRequest().x);
    expect(ex.at(-1)).toMatchObject({ kind: "end", outcome: "error", code: "cut-stream", frames: 1 });
    expect((ex.at(-1) as { error: string }).error).toMatch(/^The runtime cut the response/);
  });

  it("an app that leaves mid-stream: the runtime's request is cancelled and the end says aborted", async () => {
    const upstreamClosed = new Promise<void>((resolve) => (holding = (res) => res.on("close", () => resolve())));
    await new Promise<void>((resolve) => {
      const req = request(`${proxy.url}/hold`, (res) => res.once("data", () => (req.destroy(), resolve())));
      req.end();
    });
    await upstreamClosed;
    const end = exchangeOf(lastRequest().x).at(-1);
    expect(end).toMatchObject({ kind: "end", outcome: "aborted", code: "aborted", frames: 1 });
  });

  it("refuses a runtime URL that is not http(s)", async () => {
    await expect(startRecordingProxy({ runtimeUrl: "ftp://127.0.0.1/x", recorder: recordingHarness().recorder })).rejects.toThrow("the runtime URL must be http(s): ftp://127.0.0.1/x");
  });
});

describe("the record feed", () => {
  it("answers a preflight for its token header, refuses a page without the token, and sends only records after `after`", async () => {
    const served = await startServedProxy({ runtimeUrl: `${up}/api`, token: "feed-token-0123456789", spoolPath: join(mkdtempSync(join(tmpdir(), "agui-feed-")), "spool.agui.jsonl"), flushMs: 1 });
    try {
      const feed = `${served.proxy.url}${RECORD_FEED_PATH}`;
      const pre = await rawRequest(feed, { origin: "http://127.0.0.1:4000" }, "OPTIONS");
      expect(pre.status).toBe(204);
      expect(pre.headers).toMatchObject({ "access-control-allow-origin": "http://127.0.0.1:4000", vary: "Origin", "access-control-allow-methods": "GET", "access-control-allow-headers": "x-inspector-token", "access-control-max-age": "600" });
      const refused = await rawRequest(feed, { origin: "http://127.0.0.1:4000", "x-inspector-token": "feed-token-012345678" });
      expect([refused.status, refused.body, refused.headers["access-control-allow-origin"]]).toEqual([401, "Missing or wrong inspector token.", "http://127.0.0.1:4000"]);
      await rawRequest(`${served.proxy.url}/text`);
      await rawRequest(`${served.proxy.url}/text`);
      while (served.spool.count() < 6) await new Promise((r) => setTimeout(r, 5));
      const text = await new Promise<string>((resolve, reject) => {
        const req = request(`${feed}?after=3`, { headers: { "x-inspector-token": "feed-token-0123456789" } }, (res) => {
          expect(res.headers["content-type"]).toBe("text/event-stream");
          expect(res.headers["access-control-allow-origin"]).toBeUndefined();
          let got = "";
          res.on("data", (c) => {
            got += c;
            if (got.split("\n\n").length > 4) (req.destroy(), resolve(got));
          });
        });
        req.on("error", reject);
        req.end();
      });
      const frames = text.split("\n\n").filter(Boolean);
      expect(frames[0]).toMatch(/^event: header\ndata: \{/);
      expect(frames.slice(1, 4).map((f) => JSON.parse(f.slice("data: ".length)).seq)).toEqual([4, 5, 6]);
    } finally {
      await served.close();
    }
  });
});
