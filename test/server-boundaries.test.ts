import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startLoopbackServer, type LoopbackServer } from "../src/server/server";

// The loopback server's edges, each one a way a hostile page or a careless change could get
// through: look-alike hosts and origins, what the forward passes upstream and back.

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
  // A plain endpoint that echoes what it was sent, as a hostile runtime would.
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
  server = await startLoopbackServer({ root, port: 0, token });
  base = new URL(server.url).origin;
});
afterAll(async () => {
  await server.close();
  upstream.closeAllConnections();
  await new Promise<void>((r) => upstream.close(() => r()));
});

function raw(path: string, headers: Record<string, string> = {}, method = "GET", body?: string): Promise<{ status: number; body: string; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers, method }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const port = () => new URL(base).port;

describe("Host header", () => {
  it("accepts exactly 127.0.0.1, localhost and [::1], with or without a port", async () => {
    for (const host of ["127.0.0.1", `127.0.0.1:${port()}`, "localhost", `localhost:${port()}`, "[::1]", `[::1]:${port()}`]) {
      expect((await raw(`/?token=${token}`, { host })).status, host).toBe(200);
    }
  });

  it("refuses look-alikes that merely start or end like a loopback name", async () => {
    for (const host of ["localhost.evil.com", `localhost.evil.com:${port()}`, "127.0.0.1.nip.io", "127.0.0.10", "evil-localhost", "xlocalhost", "::1.evil", "localhost:abc"]) {
      const r = await raw(`/?token=${token}`, { host });
      expect(r.status, host).toBe(421);
      expect(r.body).toMatch(/Host header refused/);
    }
  });
});

describe("Origin header", () => {
  it("accepts loopback pages over http and https", async () => {
    for (const origin of ["http://127.0.0.1:5173", "https://localhost", "http://[::1]:3000"]) {
      expect((await raw(`/?token=${token}`, { origin })).status, origin).toBe(200);
    }
  });

  it("refuses other hosts, look-alikes, other schemes and garbage", async () => {
    for (const origin of ["http://localhost.evil.com", "http://127.0.0.1.evil.com:80", "null", "file://localhost", "chrome-extension://abc", "ftp://127.0.0.1"]) {
      const r = await raw(`/?token=${token}`, { origin });
      expect(r.status, origin).toBe(403);
      expect(r.body).toMatch(/Origin refused/);
    }
  });
});

describe("token", () => {
  it("is accepted from the query, the cookie among others, or the x-inspector-token header", async () => {
    expect((await raw(`/?token=${token}`)).status).toBe(200);
    expect((await raw("/", { cookie: `theme=dark; agui_inspector_token=${token}; other=1` })).status).toBe(200);
    expect((await raw("/", { "x-inspector-token": token })).status).toBe(200);
  });

  it("is refused when wrong, a prefix, or under another cookie name", async () => {
    for (const headers of [{ cookie: `agui_inspector_token=${token.slice(0, -1)}` }, { cookie: `other_token=${token}` }, { "x-inspector-token": `${token}x` }, {}]) {
      const r = await raw("/", headers);
      expect(r.status, JSON.stringify(headers)).toBe(401);
      expect(r.body).toMatch(/Missing or wrong token/);
    }
  });

  it("sets the cookie only when the token came in the query", async () => {
    const first = await raw(`/?token=${token}`);
    expect(String(first.headers["set-cookie"])).toBe(`agui_inspector_token=${token}; HttpOnly; SameSite=Strict; Path=/`);
    expect((await raw("/", { "x-inspector-token": token })).headers["set-cookie"]).toBeUndefined();
  });
});

describe("static files", () => {
  it("serve with their type and no caching, sniffing or referrer", async () => {
    const page = await raw("/", { "x-inspector-token": token });
    expect(page.headers).toMatchObject({ "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" });
    expect((await raw("/app.js", { "x-inspector-token": token })).headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect((await raw("/app.css", { "x-inspector-token": token })).headers["content-type"]).toBe("text/css; charset=utf-8");
    expect((await raw("/data.bin", { "x-inspector-token": token })).headers["content-type"]).toBe("application/octet-stream");
    expect((await raw("/sub/", { "x-inspector-token": token })).body).toContain("<title>sub</title>");
  });

  it("answer 404 for a missing file or a malformed path", async () => {
    expect((await raw("/nope.js", { "x-inspector-token": token })).status).toBe(404);
    expect((await raw("/%E0%A4%A", { "x-inspector-token": token })).status).toBe(404);
  });
});

describe("forward", () => {
  it("passes the runtime's own headers and body, never the inspector's cookie, token or browser identity", async () => {
    seen = [];
    const r = await raw(
      `/__forward?url=${encodeURIComponent(upstreamUrl + "/agent/a/run?q=1")}`,
      {
        "x-inspector-token": token,
        cookie: `agui_inspector_token=${token}; session=abc`,
        origin: `http://127.0.0.1:${port()}`,
        referer: `http://127.0.0.1:${port()}/?token=${token}`,
        "sec-fetch-site": "same-origin",
        "sec-ch-ua": '"Chromium"',
        authorization: "Bearer runtime-key",
        "x-custom": "kept",
        "content-type": "application/json",
      },
      "POST",
      '{"threadId":"t"}',
    );
    expect(r.status).toBe(201);
    expect(seen).toHaveLength(1);
    const sent = seen[0];
    expect(sent.method).toBe("POST");
    expect(sent.url).toBe("/agent/a/run?q=1");
    expect(sent.body).toBe('{"threadId":"t"}');
    expect(sent.headers).toMatchObject({ authorization: "Bearer runtime-key", "x-custom": "kept", "content-type": "application/json" });
    for (const name of ["cookie", "x-inspector-token", "origin", "referer", "sec-fetch-site", "sec-ch-ua"]) expect(sent.headers[name], name).toBeUndefined();
    expect(JSON.stringify(sent.headers)).not.toContain(token);
    expect(sent.headers.host).toBe(new URL(upstreamUrl).host);
  });

  it("passes the answer back without the runtime's cookies", async () => {
    const r = await raw(`/__forward?url=${encodeURIComponent(upstreamUrl + "/info")}`, { "x-inspector-token": token });
    expect(r.status).toBe(201);
    expect(r.body).toBe('{"ok":true}');
    expect(r.headers["x-upstream"]).toBe("yes");
    expect(r.headers["set-cookie"]).toBeUndefined();
  });

  it("sends GET without a body", async () => {
    seen = [];
    await raw(`/__forward?url=${encodeURIComponent(upstreamUrl + "/info")}`, { "x-inspector-token": token });
    expect(seen[0]).toMatchObject({ method: "GET", body: "" });
  });

  it("refuses a missing or invalid url with a clear error", async () => {
    for (const q of ["", "?url=", `?url=${encodeURIComponent("not a url")}`]) {
      const r = await raw(`/__forward${q}`, { "x-inspector-token": token });
      expect(r.status, q).toBe(400);
      expect(JSON.parse(r.body).error).toBe("forward: url is not a valid URL");
    }
    const ftp = await raw(`/__forward?url=${encodeURIComponent("ftp://127.0.0.1/x")}`, { "x-inspector-token": token });
    expect(JSON.parse(ftp.body).error).toBe("forward: only http and https targets");
  });

  it("names an unreachable runtime", async () => {
    const r = await raw(`/__forward?url=${encodeURIComponent("http://127.0.0.1:9/x")}`, { "x-inspector-token": token });
    expect(r.status).toBe(502);
    expect(r.headers["x-forward-error"]).toBe("unreachable");
    expect(JSON.parse(r.body).error).toMatch(/^forward: cannot reach http:\/\/127\.0\.0\.1:9: /);
  });
});
