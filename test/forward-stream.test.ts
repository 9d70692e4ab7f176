import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startLoopbackServer, type LoopbackServer } from "../src/server/server";

// The forward's stream at its edges: methods without a body, how a cut is said (only at a
// frame boundary of an SSE answer, whatever the line ending or however the bytes were split),
// a page that leaves early, and a target that speaks the wrong protocol.

let server: LoopbackServer;
let base: string;
/** Same runtime, timeouts far past the test's: only the page leaving can stop its streams. */
let patient: LoopbackServer;
let patientBase: string;
/** An answer cap of 12 bytes. */
let tight: LoopbackServer;
let tightBase: string;
let upstream: Server;
let up: string;
const token = "stream-token-0123456789";
const logs: string[] = [];
const seen: { method?: string; length?: string; body: string }[] = [];
/** Resolves when the upstream sees the connection that asked for `path` close. */
const closed = new Map<string, () => void>();
const closedOnce = (path: string) => new Promise<void>((resolve) => closed.set(path, resolve));
/** Resolves when a request for `path` reaches the upstream. */
const arrived = new Map<string, () => void>();
const arrivedOnce = (path: string) => new Promise<void>((resolve) => arrived.set(path, resolve));

/** Writes each part, waiting for it to reach the socket, then stalls (never ends). */
function stall(res: import("node:http").ServerResponse, type: string, parts: string[]) {
  res.writeHead(200, { "content-type": type });
  const next = (i: number) => {
    if (i < parts.length) res.write(parts[i], () => setImmediate(() => next(i + 1)));
  };
  next(0);
}

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), "agui-stream-"));
  writeFileSync(join(root, "index.html"), "<title>inspector</title>");
  upstream = createServer((req, res) => {
    const path = req.url ?? "/";
    req.socket.once("close", () => closed.get(path)?.());
    arrived.get(path)?.();
    if (path === "/hang") return;
    if (path === "/crlf") return stall(res, "text/event-stream", ['data: {"a":1}\r\n\r\n']);
    if (path === "/cr") return stall(res, "text/event-stream", ['data: {"a":1}\r\r']);
    if (path === "/split") return stall(res, "text/event-stream", ['data: {"a":1}\n', "\n"]);
    // the frame's end comes in a write shorter than the four bytes the forward looks at
    if (path === "/split-crlf") return stall(res, "text/event-stream", ['data: {"a":1}\r', "\n\r\n"]);
    if (path === "/set-cookie-echo") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(req.headers["set-cookie"] ?? null));
    if (path === "/mid-frame") return stall(res, "text/event-stream", ['data: {"a":1}\n\ndata: {"b"']);
    if (path === "/odd-headers") {
      return void res
        .writeHead(200, { "content-type": "application/json", "x-hyperlink": "1", "links-total": "2", "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" })
        .end(JSON.stringify({ website: req.headers["x-website"] ?? null, hosted: req.headers["hosted-by"] ?? null }));
    }
    if (path === "/boundary-then-two") return stall(res, "text/event-stream", ["data: 1\n\nda"]);
    if (path === "/plain") return stall(res, "text/plain", ["line one\n\n"]);
    if (path === "/drip") return stall(res, "text/event-stream", ['data: {"a":1}\n\n']);
    if (path === "/twelve") return void res.writeHead(200, { "content-type": "text/plain" }).end("123456789012");
    if (path === "/boundary-then-more") return stall(res, "text/event-stream", ["data: 1\n\n", "data: 2\n\n"]);
    if (path === "/cap-on-boundary") return stall(res, "text/event-stream", ["data: 1234\n\ndata: 5\n\n"]);
    if (path === "/runtime-cut") {
      res.writeHead(200, { "content-type": "text/event-stream" });
      return void res.write("data: 1\n\n", () => res.socket?.destroy());
    }
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method, length: req.headers["content-length"], body });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  up = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  server = await startLoopbackServer({ root, port: 0, token, runtime: up, log: (m) => logs.push(m), forwardLimits: { idleTimeoutMs: 150, cutGraceMs: 10, maxRequestBytes: 100 } });
  base = new URL(server.url).origin;
  patient = await startLoopbackServer({ root, port: 0, token, runtime: up, log: (m) => logs.push(m), forwardLimits: { idleTimeoutMs: 120_000, connectTimeoutMs: 120_000, cutGraceMs: 10 } });
  patientBase = new URL(patient.url).origin;
  tight = await startLoopbackServer({ root, port: 0, token, runtime: up, log: (m) => logs.push(m), forwardLimits: { maxBytes: 12, cutGraceMs: 10 } });
  tightBase = new URL(tight.url).origin;
});
afterAll(async () => {
  upstream.closeAllConnections();
  await Promise.all([server.close(), patient.close(), tight.close(), new Promise<void>((r) => upstream.close(() => r()))]);
});

interface Answer {
  status: number;
  body: string;
  headers: IncomingHttpHeaders;
  cut: boolean;
}
function raw(path: string, headers: Record<string, string> = {}, method = "GET", body?: string, at = base): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${at}${path}`, { method, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers, cut: false }));
      res.on("error", () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers, cut: true }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
const page = (extra: Record<string, string> = {}) => ({ "x-inspector-token": token, "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors", "sec-fetch-dest": "empty", ...extra });
const fw = (url: string) => `/__forward?url=${encodeURIComponent(url)}`;
const NOTE = (ms: number) => `: agui-inspector forward cut this stream: no data from ${up} for ${ms} ms (idle timeout)\n\n`;

describe("the forward's request", () => {
  it("sends GET and HEAD as they came, without a body or a length; POST with its length", async () => {
    seen.length = 0;
    await raw(fw(`${up}/echo`), page());
    await raw(fw(`${up}/echo`), page(), "HEAD");
    await raw(fw(`${up}/echo`), page({ "content-type": "text/plain" }), "POST", "12345");
    expect(seen).toEqual([
      { method: "GET", length: undefined, body: "" },
      { method: "HEAD", length: undefined, body: "" },
      { method: "POST", length: "5", body: "12345" },
    ]);
  });

  it("closes the connection after refusing a body over the cap, and takes one of exactly the cap", async () => {
    const r = await raw(fw(`${up}/echo`), page(), "POST", "x".repeat(101));
    expect([r.status, r.headers.connection, r.headers["content-type"], JSON.parse(r.body)]).toEqual([413, "close", "application/json", { error: "forward: the request body is larger than 100 bytes", code: "request-too-large" }]);
    seen.length = 0;
    expect((await raw(fw(`${up}/echo`), page(), "POST", "x".repeat(100))).status).toBe(200);
    expect(seen[0].length).toBe("100");
  });

  it("answers 502 naming the failure when an https target does not speak TLS", async () => {
    const tls = up.replace("http:", "https:");
    const set = await raw("/__forward/target", page({ "content-type": "application/json" }), "POST", JSON.stringify({ url: tls }));
    expect(set.status).toBe(200);
    try {
      const r = await raw(fw(`${tls}/echo`), page());
      expect([r.status, r.headers["x-forward-error"]]).toEqual([502, "unreachable"]);
      expect(JSON.parse(r.body).error).toMatch(new RegExp(`^forward: cannot reach ${tls.replace(/[.]/g, "\\.")}: \\S+$`));
    } finally {
      await raw("/__forward/target", page({ "content-type": "application/json" }), "POST", JSON.stringify({ url: up }));
    }
  });
});

describe("the header filters match whole names", () => {
  it("passes a header the page sent twice as one value, joined as HTTP joins it", async () => {
    const r = await new Promise<string>((resolve, reject) => {
      const req = request(`${base}${fw(`${up}/set-cookie-echo`)}`, { headers: { ...page(), "set-cookie": ["a=1", "b=2"] } }, (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve(text));
      });
      req.on("error", reject);
      req.end();
    });
    expect(JSON.parse(r)).toEqual(["a=1, b=2"]);
  });

  it("passes headers whose names only end or start like a dropped one, and drops every cross-origin-* answer header", async () => {
    const r = await raw(fw(`${up}/odd-headers`), page({ "x-website": "a", "hosted-by": "b" }));
    expect(JSON.parse(r.body)).toEqual({ website: "a", hosted: "b" });
    expect([r.headers["x-hyperlink"], r.headers["links-total"]]).toEqual(["1", "2"]);
    expect([r.headers["cross-origin-opener-policy"], r.headers["cross-origin-embedder-policy"]]).toEqual([undefined, undefined]);
  });
});

describe("a cut the forward makes", () => {
  it("is said in the stream after a frame ended by CRLF CRLF, by CR CR, or by LF LF split over two writes", async () => {
    for (const [path, sent] of [["/crlf", 'data: {"a":1}\r\n\r\n'], ["/cr", 'data: {"a":1}\r\r'], ["/split", 'data: {"a":1}\n\n'], ["/split-crlf", 'data: {"a":1}\r\n\r\n']]) {
      const r = await raw(fw(`${up}${path}`), page());
      expect([r.cut, r.body], path).toEqual([true, sent + NOTE(150)]);
    }
  });

  it("is not said inside a frame, nor in an answer that is not SSE", async () => {
    const mid = await raw(fw(`${up}/mid-frame`), page());
    expect([mid.cut, mid.body]).toEqual([true, 'data: {"a":1}\n\ndata: {"b"']);
    // The last bytes hold a frame end, but two bytes of the next frame follow it.
    const after = await raw(fw(`${up}/boundary-then-two`), page());
    expect([after.cut, after.body]).toEqual([true, "data: 1\n\nda"]);
    const plain = await raw(fw(`${up}/plain`), page());
    expect([plain.cut, plain.body]).toEqual([true, "line one\n\n"]);
  });

  it("passes an answer of exactly the cap whole; one byte more is cut at the cap", async () => {
    const whole = await raw(fw(`${up}/twelve`), page(), "GET", undefined, tightBase);
    expect([whole.cut, whole.body]).toEqual([false, "123456789012"]);
    const over = await raw(fw(`${up}/boundary-then-more`), page(), "GET", undefined, tightBase);
    // 9 bytes of the first frame, then 3 of the second: the cap falls inside a frame, so no note.
    expect([over.cut, over.body]).toEqual([true, "data: 1\n\ndat"]);
  });

  it("at the cap, is said only when the cap falls on a frame boundary", async () => {
    const r = await raw(fw(`${up}/cap-on-boundary`), page(), "GET", undefined, tightBase);
    expect([r.cut, r.body]).toEqual([true, "data: 1234\n\n: agui-inspector forward cut this stream: the answer is larger than 12 bytes (size cap)\n\n"]);
    const at = await raw(fw(`${up}/crlf`), page(), "GET", undefined, tightBase);
    expect(at.body).toBe('data: {"a":1'); // 12 bytes, inside the frame
  });

  it("a runtime that cuts the stream is logged as such, after what it sent", async () => {
    logs.length = 0;
    const r = await raw(fw(`${up}/runtime-cut`), page());
    expect([r.cut, r.body]).toEqual([true, "data: 1\n\n"]);
    expect(logs).toEqual([`forward ${up}/runtime-cut: stream cut after 9 bytes: the runtime closed the connection before the end`]);
  });

  it("is logged with where and after how many bytes", async () => {
    logs.length = 0;
    await raw(fw(`${up}/plain`), page());
    expect(logs).toEqual([`forward ${up}/plain: stream cut after 10 bytes: no data from ${up} for 150 ms (idle timeout)`]);
  });
});

describe("a server started without a log", () => {
  it("says why it cut a stream on stderr", async () => {
    const quiet = await startLoopbackServer({ root: mkdtempSync(join(tmpdir(), "agui-stream-")), port: 0, token, runtime: up, forwardLimits: { idleTimeoutMs: 50, cutGraceMs: 10 } });
    const written: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      await raw(fw(`${up}/plain`), page(), "GET", undefined, new URL(quiet.url).origin);
    } finally {
      process.stderr.write = write;
      await quiet.close();
    }
    expect(written).toContain(`forward ${up}/plain: stream cut after 10 bytes: no data from ${up} for 50 ms (idle timeout)\n`);
  });
});

describe("a page that leaves", () => {
  it("before the runtime answers: the forward stops asking", async () => {
    const gone = closedOnce("/hang");
    const asked = arrivedOnce("/hang");
    const req = request(`${patientBase}${fw(`${up}/hang`)}`, { headers: page() });
    req.on("error", () => {});
    req.end();
    await asked;
    req.destroy();
    await gone;
  });

  it("in the middle of an answer: the forward closes the runtime's stream", async () => {
    const gone = closedOnce("/drip");
    await new Promise<void>((resolve) => {
      const req = request(`${patientBase}${fw(`${up}/drip`)}`, { headers: page() }, (res) =>
        res.once("data", () => {
          req.destroy();
          resolve();
        }),
      );
      req.on("error", () => {});
      req.end();
    });
    await gone;
  });
});
