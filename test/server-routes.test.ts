import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startLoopbackServer, type LoopbackServer } from "../src/server/server";

// The loopback server's routes at their edges: a server started without a runtime, the target
// route's refusals, launch options that are empty or wrong, and closing with open connections.

let upstream: Server;
let up: string;
let root: string;
const token = "routes-token-0123456789";
/** Called when a request for /hang reaches the upstream. */
let hangArrived = () => {};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "agui-routes-"));
  writeFileSync(join(root, "index.html"), "<!doctype html><title>inspector</title>");
  upstream = createServer((req, res) => {
    if (req.url === "/hang") return hangArrived(); // never answers
    res.writeHead(200, { "content-type": "text/plain" }).end(`upstream ${req.url}`);
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  up = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise<void>((r) => upstream.close(() => r()));
});

async function withServer(options: Partial<Parameters<typeof startLoopbackServer>[0]>, body: (s: LoopbackServer, raw: Raw) => Promise<void>) {
  const s = await startLoopbackServer({ root, port: 0, token, log: () => {}, ...options });
  const base = new URL(s.url).origin;
  const raw: Raw = (path, headers = {}, method = "GET", payload) =>
    new Promise((resolve, reject) => {
      const req = request(`${base}${path}`, { headers, method }, (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      });
      req.on("error", reject);
      req.end(payload);
    });
  try {
    await body(s, raw);
  } finally {
    await s.close();
  }
}
type Raw = (path: string, headers?: Record<string, string>, method?: string, body?: string) => Promise<{ status: number; body: string; headers: IncomingHttpHeaders }>;

const page = (extra: Record<string, string> = {}) => ({ "x-inspector-token": token, "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors", "sec-fetch-dest": "empty", ...extra });
const fw = (url: string) => `/__forward?url=${encodeURIComponent(url)}`;
const target = (raw: Raw, body: string, method = "POST") => raw("/__forward/target", page({ "content-type": "application/json" }), method, body);

describe("loopback server started without a runtime", () => {
  it("prints a URL with the token only, and forwards nowhere until the page connects", async () => {
    await withServer({}, async (s, raw) => {
      expect(s.url).toBe(`${new URL(s.url).origin}/#token=${token}`);
      const r = await raw(fw(`${up}/x`), page());
      expect([r.status, r.headers["x-forward-error"], JSON.parse(r.body).error]).toEqual([403, "target", `forward: ${up} is not the runtime this page connected to; connect to it first`]);
      const set = await target(raw, JSON.stringify({ url: `${up}/rest/path` }));
      expect([set.body, set.headers["content-type"], set.headers["cache-control"]]).toEqual([JSON.stringify({ origin: up }), "application/json", "no-store"]);
      expect((await raw(fw(`${up}/x`), page())).body).toBe("upstream /x");
    });
  });

  it("treats an empty list of launch origins as none given", async () => {
    await withServer({ forwardOrigins: [] }, async (_s, raw) => {
      expect((await target(raw, JSON.stringify({ url: up }))).status).toBe(200);
      expect((await raw(fw(`${up}/y`), page())).body).toBe("upstream /y");
    });
  });
});

describe("/__forward/target", () => {
  it("takes only a POST of JSON with an http(s) url", async () => {
    await withServer({ runtime: up }, async (_s, raw) => {
      const get = await target(raw, "", "GET");
      expect([get.status, get.headers["x-forward-error"], JSON.parse(get.body).error]).toEqual([405, "method", "forward: POST a JSON {url}"]);
      for (const body of ["not json", "{}", JSON.stringify({ url: "ftp://127.0.0.1/x" }), JSON.stringify({ url: 42 }), "null"]) {
        const r = await target(raw, body);
        expect([r.status, r.headers["x-forward-error"], JSON.parse(r.body).error], body).toEqual([400, "bad-url", "forward: url is not an http(s) URL"]);
      }
    });
  });

  it("with origins fixed at launch, names them when it refuses another", async () => {
    const other = "http://127.0.0.1:9";
    await withServer({ forwardOrigins: [up, "http://localhost:9/some/path"] }, async (_s, raw) => {
      const r = await target(raw, JSON.stringify({ url: other }));
      expect(r.headers["x-forward-error"]).toBe("target");
      const list = `(${up}, http://localhost:9)`;
      expect([r.status, JSON.parse(r.body).error]).toEqual([403, `forward: ${other} is not among the origins this server may forward to ${list}`]);
      const f = await raw(fw(`${other}/x`), page());
      expect([f.status, JSON.parse(f.body).error]).toEqual([403, `forward: ${other} is not among the origins this server may forward to ${list}`]);
      // Setting a target that is on the list changes nothing: the list decides.
      expect((await target(raw, JSON.stringify({ url: up }))).status).toBe(200);
      expect((await raw(fw("http://localhost:9/x"), page())).status).toBe(502);
    });
  });

  it("refuses a launch origin that is not an http(s) origin", async () => {
    await expect(startLoopbackServer({ root, forwardOrigins: ["ftp://example.com"] })).rejects.toThrow("Not an http(s) origin: ftp://example.com");
  });
});

describe("routes", () => {
  it("prints the runtime in the query, and listens on 127.0.0.1 at the port asked for", async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    await withServer({ runtime: `${up}/api`, port }, async (s) => {
      expect(s.url).toBe(`http://127.0.0.1:${port}/?runtime=${encodeURIComponent(`${up}/api`)}#token=${token}`);
      expect(s.server.address()).toMatchObject({ address: "127.0.0.1", port });
      // The port is taken now: a second server there fails to start.
      await expect(startLoopbackServer({ root, port, log: () => {} })).rejects.toMatchObject({ code: "EADDRINUSE" });
    });
  });

  it("says why it refuses: a wrong token, another method on a file, a URL with only a user name", async () => {
    await withServer({ runtime: up }, async (_s, raw) => {
      const wrong = await raw(fw(`${up}/x`), page({ "x-inspector-token": "x".repeat(token.length) }));
      expect([wrong.status, JSON.parse(wrong.body).error]).toEqual([401, "forward: missing or wrong x-inspector-token header: open the URL agui-inspector printed"]);
      const put = await raw("/index.html", {}, "PUT", "x");
      expect([put.status, put.body]).toEqual([405, "Only GET here."]);
      const user = await raw(fw(up.replace("http://", "http://someone@") + "/x"), page());
      expect([user.status, JSON.parse(user.body).error]).toEqual([400, "forward: url: credentials in the URL are not forwarded; use an Authorization header"]);
      const route = await raw("/__forward/other", page());
      expect(JSON.parse(route.body).error).toBe("forward: no such forward route");
    });
  });

  it("a path that only starts like /__forward is a file path; /__forward/ anything else is no route", async () => {
    await withServer({ runtime: up }, async (_s, raw) => {
      const file = await raw("/__forwarded", page());
      expect([file.status, file.headers["content-type"], file.headers["x-content-type-options"], file.headers["x-forward-error"], file.body]).toEqual([404, "text/plain; charset=utf-8", "nosniff", undefined, "Not found"]);
      const route = await raw("/__forward/", page());
      expect([route.status, route.headers["x-forward-error"]]).toEqual([404, "not-found"]);
    });
  });

  it("refuses the forward to a request that is not the page's own fetch, with its own code", async () => {
    await withServer({ runtime: up }, async (_s, raw) => {
      const r = await raw(fw(`${up}/x`), page({ "sec-fetch-mode": "navigate" }));
      expect([r.status, r.headers["x-forward-error"]]).toEqual([403, "not-the-page"]);
    });
  });

  it("answers the forward probe uncached", async () => {
    await withServer({ runtime: up }, async (_s, raw) => {
      expect((await raw("/__forward", page())).headers["cache-control"]).toBe("no-store");
    });
  });

  it("takes a token of exactly 16 URL-safe characters", async () => {
    await withServer({ token: "A-z_0.9~A-z_0.9~" }, async (s) => expect(s.token).toBe("A-z_0.9~A-z_0.9~"));
    await expect(startLoopbackServer({ root, token: "A-z_0.9~A-z_0.9" })).rejects.toThrow("The token must be at least 16 characters of A-Z a-z 0-9 _ ~ . - (leave it out to get a random one).");
    await expect(startLoopbackServer({ root, token: "0123456789abcdef/" })).rejects.toThrow(/at least 16/);
    await expect(startLoopbackServer({ root, token: "/0123456789abcdef" })).rejects.toThrow(/at least 16/);
  });

  it("makes a random token of 32 URL-safe characters when given none", async () => {
    const a = await startLoopbackServer({ root });
    const b = await startLoopbackServer({ root });
    try {
      expect(a.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(a.token).not.toBe(b.token);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("closes at once while a forwarded request is still waiting for its runtime", async () => {
    const s = await startLoopbackServer({ root, token, runtime: up, log: () => {} });
    const waiting = new Promise<string>((resolve) => {
      const req = request(`${new URL(s.url).origin}${fw(`${up}/hang`)}`, { headers: page() }, (res) => resolve(`answered ${res.statusCode}`));
      req.on("error", (e) => resolve(`cut: ${(e as NodeJS.ErrnoException).code}`));
      req.end();
    });
    await new Promise<void>((resolve) => (hangArrived = resolve));
    await s.close();
    expect(await waiting).toBe("cut: ECONNRESET");
  });
});
