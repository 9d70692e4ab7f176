import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startLoopbackServer, type LoopbackServer } from "../src/server/server";
import { rawRequest } from "./raw-http";

// The loopback server's edges, each one a way a hostile page or a careless change could get
// through: look-alike hosts, where the token may come from, what the forward passes upstream
// and back. The upstream is a plain endpoint that echoes what it was sent.

let server: LoopbackServer;
let base: string;
let upstream: Server;
let upstreamUrl: string;
let seen: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }[] = [];
const token = "edge-token-4567890";

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), "agui-edge-"));
  writeFileSync(join(root, "index.html"), "<!doctype html><title>inspector</title>");
  writeFileSync(join(root, "app.js"), "export {}");
  writeFileSync(join(root, "app.css"), "body{}");
  writeFileSync(join(root, "data.bin"), "x");
  mkdirSync(join(root, "sub"));
  writeFileSync(join(root, "sub", "index.html"), "<title>sub</title>");
  upstream = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(201, { "content-type": "application/json", "set-cookie": "upstream=1", "x-upstream": "yes" });
      res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  server = await startLoopbackServer({ root, port: 0, token, runtime: upstreamUrl + "/api", log: () => {} });
  base = new URL(server.url).origin;
});
afterAll(async () => {
  await server.close();
  upstream.closeAllConnections();
  await new Promise<void>((r) => upstream.close(() => r()));
});

const raw = (path: string, headers?: Record<string, string>, method?: string, body?: string) => rawRequest(`${base}${path}`, headers, method, body);

const port = () => new URL(base).port;
const page = (extra: Record<string, string> = {}) => ({ "x-inspector-token": token, origin: base, "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors", "sec-fetch-dest": "empty", ...extra });
const fw = (url: string) => `/__forward?url=${encodeURIComponent(url)}`;

describe("Host header", () => {
  it("accepts exactly 127.0.0.1, localhost and [::1], with or without a port", async () => {
    for (const host of ["127.0.0.1", `127.0.0.1:${port()}`, "localhost", `localhost:${port()}`, "[::1]", `[::1]:${port()}`]) {
      expect((await raw("/", { host })).status, host).toBe(200);
    }
  });

  it("refuses look-alikes that merely start or end like a loopback name, on files and on the forward", async () => {
    for (const host of ["localhost.evil.com", `localhost.evil.com:${port()}`, "127.0.0.1.nip.io", "127.0.0.10", "evil-localhost", "xlocalhost", "localhost:abc"]) {
      const r = await raw("/", { host });
      expect(r.status, host).toBe(421);
      expect(r.body).toMatch(/Host header refused/);
      expect((await raw(fw(upstreamUrl + "/info"), page({ host }))).status, host).toBe(421);
    }
  });
});

describe("static files", () => {
  it("serve with their type, uncached, unsniffable and unframable", async () => {
    const r = await raw("/");
    expect(r.headers).toMatchObject({ "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff", "referrer-policy": "no-referrer", "x-frame-options": "DENY" });
    expect(r.headers["set-cookie"]).toBeUndefined();
    expect((await raw("/app.js")).headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect((await raw("/app.css")).headers["content-type"]).toBe("text/css; charset=utf-8");
    expect((await raw("/data.bin")).headers["content-type"]).toBe("application/octet-stream");
    expect((await raw("/sub/")).body).toContain("<title>sub</title>");
  });

  it("answer HEAD without a body, 404 for a missing file or a malformed path, 405 for other methods", async () => {
    const head = await raw("/", {}, "HEAD");
    expect([head.status, head.body]).toEqual([200, ""]);
    expect((await raw("/nope.js")).status).toBe(404);
    expect((await raw("/%E0%A4%A")).status).toBe(404);
    expect((await raw("/", {}, "POST", "x")).status).toBe(405);
  });
});

describe("the forward's token", () => {
  it("is taken from its header only, and exactly", async () => {
    expect((await raw(fw(upstreamUrl + "/info"), page())).status).toBe(201);
    const { "x-inspector-token": _t, ...noToken } = page();
    for (const [what, headers, path] of [
      ["a prefix", page({ "x-inspector-token": token.slice(0, -1) }), fw(upstreamUrl + "/info")],
      ["one character more", page({ "x-inspector-token": `${token}x` }), fw(upstreamUrl + "/info")],
      ["a cookie", { ...noToken, cookie: `agui_inspector_token=${token}` }, fw(upstreamUrl + "/info")],
      ["the query", noToken, `${fw(upstreamUrl + "/info")}&token=${token}`],
      ["nothing", noToken, fw(upstreamUrl + "/info")],
    ] as const) {
      const r = await raw(path, headers as Record<string, string>);
      expect(r.status, what).toBe(401);
      expect(r.headers["x-forward-error"]).toBe("token");
    }
  });
});

describe("the forward", () => {
  it("passes the runtime's own headers and body, never the inspector's cookie, token or browser identity", async () => {
    seen = [];
    const r = await raw(
      fw(upstreamUrl + "/api/agent/a/run?q=1"),
      page({ cookie: `agui_inspector_token=${token}; session=abc`, referer: `${base}/`, "sec-ch-ua": '"Chromium"', authorization: "Bearer runtime-key", "x-custom": "kept", "content-type": "application/json" }),
      "POST",
      '{"threadId":"t"}',
    );
    expect(r.status).toBe(201);
    expect(seen).toHaveLength(1);
    const sent = seen[0];
    expect(sent).toMatchObject({ method: "POST", url: "/api/agent/a/run?q=1", body: '{"threadId":"t"}' });
    expect(sent.headers).toMatchObject({ authorization: "Bearer runtime-key", "x-custom": "kept", "content-type": "application/json" });
    for (const name of ["cookie", "x-inspector-token", "origin", "referer", "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest", "sec-ch-ua"]) expect(sent.headers[name], name).toBeUndefined();
    expect(JSON.stringify(sent.headers)).not.toContain(token);
    expect(sent.headers.host).toBe(new URL(upstreamUrl).host);
  });

  it("passes the answer back without the runtime's cookies, as data that cannot act as a page", async () => {
    const r = await raw(fw(upstreamUrl + "/info"), page());
    expect(r.status).toBe(201);
    expect(r.body).toBe('{"ok":true}');
    expect(r.headers["x-upstream"]).toBe("yes");
    expect(r.headers["set-cookie"]).toBeUndefined();
    expect(r.headers["content-security-policy"]).toBe("sandbox; default-src 'none'");
  });

  it("sends GET without a body", async () => {
    seen = [];
    await raw(fw(upstreamUrl + "/info"), page());
    expect(seen[0]).toMatchObject({ method: "GET", body: "" });
  });

  it("refuses a missing or invalid url, other schemes, and credentials in the URL, with a clear error", async () => {
    for (const q of ["/__forward?url=", fw("not a url")]) {
      const r = await raw(q, page());
      expect(r.status, q).toBe(400);
      expect(JSON.parse(r.body)).toEqual({ error: "forward: url is not a valid URL", code: "bad-url" });
    }
    const ftp = await raw(fw("ftp://127.0.0.1/x"), page());
    expect([ftp.status, JSON.parse(ftp.body).error]).toEqual([400, "forward: url: only http and https targets"]);
    const creds = await raw(fw(upstreamUrl.replace("http://", "http://u:p@") + "/info"), page());
    expect(creds.status).toBe(400);
    expect(JSON.parse(creds.body).error).toMatch(/credentials in the URL are not forwarded/);
  });

  it("refuses another origin than the runtime the page connected to", async () => {
    const r = await raw(fw("http://127.0.0.1:9/x"), page());
    expect(r.status).toBe(403);
    expect(r.headers["x-forward-error"]).toBe("target");
    expect(JSON.parse(r.body).error).toContain(`is not the runtime this page connected to (${upstreamUrl})`);
  });

  it("has no other routes", async () => {
    const r = await raw("/__forward/other", page());
    expect([r.status, r.headers["x-forward-error"]]).toEqual([404, "not-found"]);
  });
});
