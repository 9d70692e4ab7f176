import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startLoopbackServer, type LoopbackServer } from "../src/server/server";
import { rawRequest } from "./raw-http";

// Redirects through the forward follow the rules browsers use (303 and a POST's 301/302 become
// a body-less GET; 307/308 and other methods keep method and body), stay on the runtime's
// origin, and stop after a few hops. Plus the loopback server's own odd requests: a body too
// large for /__forward/target and a request-target no URL parser takes.

let server: LoopbackServer;
let base: string;
let upstream: Server;
let up: string;
const token = "redirect-token-0123456789";

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), "agui-redirect-"));
  writeFileSync(join(root, "index.html"), "<!doctype html><title>inspector</title>");
  upstream = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const chain = /^\/chain\/(\d+)$/.exec(url.pathname);
    if (chain && Number(chain[1]) > 0) return void res.writeHead(302, { location: `/chain/${Number(chain[1]) - 1}` }).end();
    const status = /^\/status\/(\d+)$/.exec(url.pathname);
    if (status) return void res.writeHead(Number(status[1]), { location: "/echo" }).end("not followed");
    const redirect = /^\/redirect-(\d+)$/.exec(url.pathname);
    if (redirect) {
      req.resume();
      return void res.writeHead(Number(redirect[1]), { location: "/echo" }).end();
    }
    if (url.pathname === "/bad-location") return void res.writeHead(302, { location: "http://[::1" }).end();
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ path: url.pathname, method: req.method, body, length: req.headers["content-length"] ?? null }));
    });
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  up = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  server = await startLoopbackServer({ root, port: 0, token, runtime: up, log: () => {} });
  base = new URL(server.url).origin;
});
afterAll(async () => {
  await server.close();
  upstream.closeAllConnections();
  await new Promise<void>((r) => upstream.close(() => r()));
});

const raw = (path: string, headers?: Record<string, string>, method?: string, body?: string) => rawRequest(`${base}${path}`, headers, method, body);

const page = (extra: Record<string, string> = {}) => ({ "x-inspector-token": token, origin: base, "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors", "sec-fetch-dest": "empty", ...extra });
const fw = (path: string) => `/__forward?url=${encodeURIComponent(up + path)}`;
const json = (r: { body: string }) => JSON.parse(r.body);

describe("the forward follows redirects", () => {
  it("303 turns any request into a GET without a body", async () => {
    const r = await raw(fw("/redirect-303"), page(), "PUT", "payload");
    expect(json(r)).toEqual({ path: "/echo", method: "GET", body: "", length: null });
  });

  it("301 and 302 turn a POST into a GET without a body", async () => {
    for (const status of [301, 302]) {
      const r = await raw(fw(`/redirect-${status}`), page(), "POST", "payload");
      expect(json(r), String(status)).toEqual({ path: "/echo", method: "GET", body: "", length: null });
    }
  });

  it("301 and 302 keep another method and its body; 307 and 308 keep a POST and its body", async () => {
    for (const [status, method] of [[301, "PUT"], [302, "PATCH"], [307, "POST"], [308, "POST"]] as const) {
      const r = await raw(fw(`/redirect-${status}`), page(), method, "payload");
      expect(json(r), `${status} ${method}`).toEqual({ path: "/echo", method, body: "payload", length: "7" });
    }
  });

  it("passes on an answer that carries a Location but is no redirect", async () => {
    for (const status of [200, 201, 300, 304]) {
      const r = await raw(fw(`/status/${status}`), page());
      expect(r.status, String(status)).toBe(status);
      expect(r.headers.location).toBe("/echo");
    }
  });

  it("follows four redirects and refuses the fifth", async () => {
    expect(json(await raw(fw("/chain/4"), page()))).toMatchObject({ path: "/chain/0", method: "GET" });
    const r = await raw(fw("/chain/5"), page());
    expect([r.status, r.headers["x-forward-error"], json(r).error]).toEqual([502, "redirect", `forward: more than 5 redirects from ${up}`]);
  });

  it("refuses a redirect to a URL that does not parse", async () => {
    const r = await raw(fw("/bad-location"), page());
    expect([r.status, r.headers["x-forward-error"], json(r).error]).toEqual([502, "redirect", `forward: ${up} redirected to an invalid URL`]);
  });
});

describe("the loopback server's odd requests", () => {
  it("refuses a /__forward/target body over 8 KiB with 413, and takes one just under", async () => {
    const padded = (n: number) => JSON.stringify({ url: up, pad: "x".repeat(n) });
    const over = await raw("/__forward/target", page({ "content-type": "application/json" }), "POST", padded(8200));
    expect([over.status, over.headers["x-forward-error"], json(over).error]).toEqual([413, "request-too-large", "forward: target body too large"]);
    const under = padded(8192 - JSON.stringify({ url: up, pad: "" }).length);
    expect(under.length).toBe(8192);
    const ok = await raw("/__forward/target", page({ "content-type": "application/json" }), "POST", under);
    expect([ok.status, json(ok)]).toEqual([200, { origin: up }]);
  });

  it("answers a request-target no URL parser takes with a plain 500, and keeps serving", async () => {
    const r = await raw("//");
    expect([r.status, r.headers["content-type"], r.body]).toEqual([500, "text/plain", "internal error: Invalid URL"]);
    expect((await raw("/")).status).toBe(200);
  });
});
