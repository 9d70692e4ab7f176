import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startLoopbackServer, type LoopbackServer } from "../src/server/server";
import type { RuntimeFixture } from "../e2e/fixtures/runtime";

// The loopback server fails closed: static files are public, the forward takes only the page's
// own fetch() with the token header, reaches only the runtime the page connected to, strips
// what would act on the inspector's origin, and streams with limits.
let server: LoopbackServer;
let started: Promise<RuntimeFixture> | undefined;
/** The real runtime, started by the first test that needs it (two do; the rest need only plain servers). */
const runtime = () => (started ??= import("../e2e/fixtures/runtime").then((m) => m.startRuntime()));
let upstream: Server;
let up: string;
let other: Server;
let otherOrigin: string;
let base: string;
const token = "test-token-0123456789";
const logs: string[] = [];
const frame = (o: object) => `data: ${JSON.stringify(o)}\n\n`;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), "agui-web-"));
  writeFileSync(join(root, "index.html"), "<!doctype html><title>inspector</title>");
  const outside = join(mkdtempSync(join(tmpdir(), "agui-outside-")), "outside-secret.txt");
  writeFileSync(outside, "secret outside the root");
  symlinkSync(outside, join(root, "link.txt"));
  other = createServer((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("other origin"));
  upstream = createServer((req, res) => {
    const path = req.url ?? "/";
    if (path === "/headers") {
      res.writeHead(200, {
        "content-type": "text/html",
        "access-control-allow-origin": "*",
        "access-control-allow-credentials": "true",
        "content-security-policy": "script-src *",
        "set-cookie": "agui_inspector_token=stolen; Path=/",
        "x-frame-options": "ALLOWALL",
        "x-kept": "yes",
      });
      return void res.end("<script>alert(1)</script>");
    }
    if (path === "/redirect-away") return void res.writeHead(302, { location: `${otherOrigin}/evil` }).end();
    if (path === "/redirect-home") return void res.writeHead(307, { location: "/echo-method" }).end();
    if (path === "/echo-method") {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ method: req.method, body, cookie: req.headers.cookie ?? null, token: req.headers["x-inspector-token"] ?? null, origin: req.headers.origin ?? null })));
      return;
    }
    if (path === "/hang") return; // never answers
    if (path === "/stall") {
      res.writeHead(200, { "content-type": "text/event-stream" });
      return void res.write(frame({ type: "RUN_STARTED", threadId: "t", runId: "r" }));
    }
    if (path === "/big-sse") {
      // 200 frames of 1000 bytes: the cap of 100000 falls exactly on a frame boundary
      res.writeHead(200, { "content-type": "text/event-stream" });
      const one = `data: "${"x".repeat(1000 - 10)}"\n\n`;
      return void res.end(one.repeat(200));
    }
    if (path === "/big") {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      return void res.end(Buffer.alloc(1024 * 1024, 97));
    }
    if (path === "/cut") {
      res.writeHead(200, { "content-type": "text/event-stream" });
      // The bytes and the cut arrive together: the forward must still pass the bytes on first.
      res.write(frame({ type: "RUN_STARTED", threadId: "t", runId: "r" }) + frame({ type: "TEXT_MESSAGE_START", messageId: "m", role: "assistant" }) + 'data: {"type":"TEXT_MESS', () => res.socket?.destroy());
      return;
    }
    res.writeHead(404).end();
  });
  await Promise.all([new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r)), new Promise<void>((r) => other.listen(0, "127.0.0.1", r))]);
  up = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  server = await startLoopbackServer({ root, port: 0, token, runtime: up, log: (m) => logs.push(m), forwardLimits: { connectTimeoutMs: 300, idleTimeoutMs: 300, maxBytes: 100_000, maxRequestBytes: 1000, cutGraceMs: 20 } });
  base = new URL(server.url).origin;
});
afterAll(async () => {
  upstream.closeAllConnections();
  other.closeAllConnections();
  await Promise.all([server.close(), started?.then((rt) => rt.close()), new Promise((r) => upstream.close(r)), new Promise((r) => other.close(r))]);
});

interface Raw {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  /** The answer ended without its final chunk (a cut), after `body` arrived. */
  cut: boolean;
}

/** A raw request, so Host, Origin and Sec-Fetch-* can be anything (fetch would not let us set them). */
function raw(path: string, headers: Record<string, string> = {}, method = "GET", body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
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

/** What the inspector page's own fetch() sends, plus the token header. */
const page = (extra: Record<string, string> = {}) => ({ "x-inspector-token": token, "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors", "sec-fetch-dest": "empty", ...extra });
const fw = (url: string) => `/__forward?url=${encodeURIComponent(url)}`;
async function connectTo(url: string) {
  const r = await raw("/__forward/target", { ...page({ "content-type": "application/json" }) }, "POST", JSON.stringify({ url }));
  expect(r.status).toBe(200);
}

describe("loopback server: the page and its token", () => {
  it("prints a URL on 127.0.0.1 with the runtime in the query and the token in the fragment", () => {
    expect(server.url).toBe(`${base}/?runtime=${encodeURIComponent(up)}#token=${token}`);
  });

  it("serves the app's files with no secret and sets no cookie; they cannot be framed", async () => {
    const ok = await raw("/");
    expect(ok.status).toBe(200);
    expect(ok.body).toContain("<title>inspector</title>");
    expect(ok.headers["set-cookie"]).toBeUndefined();
    expect(ok.headers["content-security-policy"]).toBe("frame-ancestors 'none'");
    expect(ok.headers["x-frame-options"]).toBe("DENY");
    expect((await raw("/", {}, "POST")).status).toBe(405);
  });

  it("refuses a token shorter than 16 characters or with characters a URL would mangle", async () => {
    await expect(startLoopbackServer({ root: tmpdir(), token: "short-token" })).rejects.toThrow(/at least 16 characters/);
    await expect(startLoopbackServer({ root: tmpdir(), token: "a token with spaces!!" })).rejects.toThrow(/at least 16/);
  });

  it("refuses a foreign Host (DNS rebinding)", async () => {
    expect((await raw("/", { host: "evil.example" })).status).toBe(421);
    expect((await raw(fw(`${up}/echo-method`), page({ host: "localhost.evil.example" }))).status).toBe(421);
  });

  it("never serves files outside its root, by .. or by symlink", async () => {
    const dots = await raw(`/..%2Foutside-secret.txt`);
    expect(dots.status).toBe(404);
    const link = await raw("/link.txt");
    expect(link.status).toBe(404);
    expect(link.body).not.toContain("secret");
  });
});

describe("loopback server: who may use /__forward", () => {
  it("needs the token in its header: not in the query, not in a cookie", async () => {
    const url = `${up}/echo-method`;
    expect((await raw(fw(url), page())).status).toBe(200);
    const { "x-inspector-token": _t, ...noToken } = page();
    expect((await raw(fw(url), noToken)).status).toBe(401);
    expect((await raw(`${fw(url)}&token=${token}`, noToken)).status).toBe(401);
    expect((await raw(fw(url), { ...noToken, cookie: `agui_inspector_token=${token}` })).status).toBe(401);
    expect((await raw(fw(url), page({ "x-inspector-token": token + "x" }))).status).toBe(401);
  });

  it("refuses another loopback origin, navigations, frames and no-cors requests even with the token", async () => {
    const url = fw(`${up}/echo-method`);
    const cases: [Record<string, string>, RegExp][] = [
      [{ origin: "http://localhost:3000" }, /Origin http:\/\/localhost:3000 refused/],
      [{ origin: otherOrigin }, /Origin .* refused/],
      [{ origin: "null" }, /Origin null refused/],
      [{ "sec-fetch-site": "same-site" }, /Sec-Fetch-Site same-site/],
      [{ "sec-fetch-site": "cross-site" }, /Sec-Fetch-Site cross-site/],
      [{ "sec-fetch-mode": "no-cors" }, /Sec-Fetch-Mode no-cors/],
      [{ "sec-fetch-mode": "navigate", "sec-fetch-dest": "document" }, /Sec-Fetch-Mode navigate/],
      [{ "sec-fetch-dest": "iframe" }, /Sec-Fetch-Dest iframe/],
      [{ "sec-fetch-dest": "script" }, /Sec-Fetch-Dest script/],
    ];
    for (const [headers, message] of cases) {
      const r = await raw(url, page(headers));
      expect([r.status, r.body]).toEqual([403, expect.stringMatching(message)]);
    }
    // The page's own origin, as a same-origin POST carries it, is fine.
    expect((await raw(url, page({ origin: base }), "POST", "{}")).status).toBe(200);
  });

  it("reaches only the runtime the page connected to, over http(s), without URL credentials", async () => {
    const rt = await runtime();
    const elsewhere = await raw(fw(`${rt.restNoCorsUrl}/info`), page());
    expect([elsewhere.status, JSON.parse(elsewhere.body).error]).toEqual([403, expect.stringMatching(/is not the runtime this page connected to/)]);
    await connectTo(rt.restNoCorsUrl);
    const info = await raw(fw(`${rt.restNoCorsUrl}/info`), page());
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body).version).toBe("1.75.0");
    // Connecting elsewhere closes the old target.
    expect((await raw(fw(`${up}/echo-method`), page())).status).toBe(403);
    await connectTo(up);
    expect((await raw(fw("file:///etc/passwd"), page())).status).toBe(400);
    expect((await raw(fw(`http://user:pw@${new URL(up).host}/echo-method`), page())).status).toBe(400);
  });

  it("with origins given at launch, forwards to those only and refuses other targets", async () => {
    const fixed = await startLoopbackServer({ root: tmpdir(), forwardOrigins: [up] });
    try {
      const origin = new URL(fixed.url).origin;
      const h = { "x-inspector-token": fixed.token, "content-type": "application/json" };
      expect((await fetch(`${origin}${fw(`${up}/echo-method`)}`, { headers: h })).status).toBe(200);
      const set = await fetch(`${origin}/__forward/target`, { method: "POST", headers: h, body: JSON.stringify({ url: otherOrigin }) });
      expect([set.status, ((await set.json()) as { error: string }).error]).toEqual([403, expect.stringContaining("is not among the origins")]);
      expect((await fetch(`${origin}${fw(`${otherOrigin}/x`)}`, { headers: h })).status).toBe(403);
    } finally {
      await fixed.close();
    }
  });
});

describe("loopback server: the page's forward probe", () => {
  it("answers a bare /__forward from the page with 204 and a marker (no error status in its console); without the token, 401", async () => {
    const probe = await raw("/__forward", page());
    expect([probe.status, probe.headers["x-agui-forward"], probe.body]).toEqual([204, "available", ""]);
    const { "x-inspector-token": _t, ...noToken } = page();
    expect((await raw("/__forward", noToken)).status).toBe(401);
  });
});

describe("loopback server: what /__forward passes on", () => {
  it("does not send the page's cookie, token or origin upstream", async () => {
    const r = await raw(fw(`${up}/echo-method`), page({ cookie: "session=abc", origin: base }), "POST", "hello");
    expect(JSON.parse(r.body)).toEqual({ method: "POST", body: "hello", cookie: null, token: null, origin: null });
  });

  it("drops the upstream's CORS, CSP, set-cookie and framing headers and sandboxes the answer", async () => {
    const r = await raw(fw(`${up}/headers`), page());
    expect(r.status).toBe(200);
    for (const h of ["access-control-allow-origin", "access-control-allow-credentials", "set-cookie", "x-frame-options"]) expect(r.headers[h]).toBeUndefined();
    expect(r.headers["content-security-policy"]).toBe("sandbox; default-src 'none'");
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    expect(r.headers["x-kept"]).toBe("yes");
  });

  it("refuses a redirect to another origin and follows one on the same origin", async () => {
    const away = await raw(fw(`${up}/redirect-away`), page());
    expect([away.status, away.headers["x-forward-error"]]).toEqual([502, "redirect"]);
    expect(JSON.parse(away.body).error).toMatch(/redirected to http:\/\/127\.0\.0\.1:\d+, another origin/);
    const home = await raw(fw(`${up}/redirect-home`), page(), "POST", "kept");
    expect(JSON.parse(home.body)).toMatchObject({ method: "POST", body: "kept" });
  });

  it("answers 504 when the runtime does not answer in time, and 502 when it is unreachable", async () => {
    const hang = await raw(fw(`${up}/hang`), page());
    expect([hang.status, hang.headers["x-forward-error"], JSON.parse(hang.body).error]).toEqual([504, "connect-timeout", expect.stringContaining("did not answer within 300 ms")]);
    await connectTo("http://127.0.0.1:9");
    const dead = await raw(fw("http://127.0.0.1:9/x"), page());
    expect([dead.status, dead.headers["x-forward-error"]]).toEqual([502, "unreachable"]);
    await connectTo(up);
  });

  it("cuts a stream silent past the idle timeout, after passing on what came and saying why", async () => {
    const r = await raw(fw(`${up}/stall`), page());
    expect(r.cut).toBe(true);
    expect(r.body).toBe(`${frame({ type: "RUN_STARTED", threadId: "t", runId: "r" })}: agui-inspector forward cut this stream: no data from ${up} for 300 ms (idle timeout)\n\n`);
    expect(logs.some((l) => l.includes("idle timeout"))).toBe(true);
  });

  it("cuts an answer at the size cap, after exactly the cap, and refuses a request body over its cap with 413", async () => {
    const r = await raw(fw(`${up}/big`), page());
    expect([r.status, r.body.length, r.cut]).toEqual([200, 100_000, true]);
    expect(logs.some((l) => l.includes("larger than 100000 bytes"))).toBe(true);
    const sse = await raw(fw(`${up}/big-sse`), page());
    expect(sse.cut).toBe(true);
    expect(sse.body.length).toBeGreaterThan(100_000);
    expect(sse.body.slice(100_000)).toBe(": agui-inspector forward cut this stream: the answer is larger than 100000 bytes (size cap)\n\n");
    const big = await raw(fw(`${up}/echo-method`), page(), "POST", "x".repeat(5000));
    expect([big.status, big.headers["x-forward-error"]]).toEqual([413, "request-too-large"]);
  });

  it("passes on every byte that arrived before the runtime cut the stream, then cuts too", async () => {
    const r = await raw(fw(`${up}/cut`), page());
    expect(r.cut).toBe(true);
    expect(r.body).toBe(frame({ type: "RUN_STARTED", threadId: "t", runId: "r" }) + frame({ type: "TEXT_MESSAGE_START", messageId: "m", role: "assistant" }) + 'data: {"type":"TEXT_MESS');
  });

  it("streams a forwarded run's SSE body through unchanged", async () => {
    const rt = await runtime();
    await connectTo(rt.restNoCorsUrl);
    const input = { threadId: "fw", runId: "fw-1", messages: [{ id: "u", role: "user", content: "via forward" }], tools: [], context: [], state: {}, forwardedProps: {} };
    const r = await raw(fw(`${rt.restNoCorsUrl}/agent/scripted/run`), page({ "content-type": "application/json", origin: base }), "POST", JSON.stringify(input));
    expect(r.headers["content-type"]).toContain("text/event-stream");
    const wire = rt.tapped.find((t) => t.body.includes("fw-1") && t.path.endsWith("/run"));
    expect(r.body).toBe(wire?.body);
    await connectTo(up);
  });
});
