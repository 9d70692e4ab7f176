import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "node:http";
import { startLoopbackServer, type LoopbackServer } from "../src/server/server";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";

// The loopback server fails closed: token, loopback Host and Origin, http(s) forwarding only.
let server: LoopbackServer;
let rt: RuntimeFixture;
let base: string;
const token = "test-token-123";

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), "agui-web-"));
  writeFileSync(join(root, "index.html"), "<!doctype html><title>inspector</title>");
  writeFileSync(join(tmpdir(), "outside-secret.txt"), "secret");
  [server, rt] = await Promise.all([startLoopbackServer({ root, port: 0, token, runtime: "http://127.0.0.1:1/rest" }), startRuntime()]);
  base = new URL(server.url).origin;
});
afterAll(async () => {
  await Promise.all([server.close(), rt.close()]);
});

/** A raw request, so Host and Origin can be anything (fetch would not let us set Host). */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("loopback server", () => {
  it("prints a URL on 127.0.0.1 carrying its token and the runtime", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=test-token-123&runtime=/);
  });

  it("serves the app only with the token, and sets a same-site cookie for the rest", async () => {
    expect((await raw("/")).status).toBe(401);
    expect((await raw("/?token=wrong")).status).toBe(401);
    const ok = await raw(`/?token=${token}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain("<title>inspector</title>");
    expect(String(ok.headers["set-cookie"])).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await raw("/index.html", { cookie: `agui_inspector_token=${token}` })).status).toBe(200);
  });

  it("refuses a foreign Host (DNS rebinding) and a foreign Origin", async () => {
    expect((await raw(`/?token=${token}`, { host: "evil.example" })).status).toBe(421);
    expect((await raw(`/?token=${token}`, { origin: "https://evil.example" })).status).toBe(403);
    expect((await raw(`/?token=${token}`, { origin: "http://localhost:9999" })).status).toBe(200);
  });

  it("never serves files outside its root", async () => {
    const r = await raw(`/..%2Foutside-secret.txt?token=${token}`);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain("secret");
  });

  it("forwards to a runtime without CORS, and only over http(s)", async () => {
    const info = await fetch(`${base}/__forward?url=${encodeURIComponent(rt.restNoCorsUrl + "/info")}`, { headers: { "x-inspector-token": token } });
    expect(info.status).toBe(200);
    expect(((await info.json()) as { version: string }).version).toBe("1.75.0");
    const file = await fetch(`${base}/__forward?url=${encodeURIComponent("file:///etc/passwd")}`, { headers: { "x-inspector-token": token } });
    expect(file.status).toBe(400);
    const noToken = await fetch(`${base}/__forward?url=${encodeURIComponent(rt.restNoCorsUrl + "/info")}`);
    expect(noToken.status).toBe(401);
    const dead = await fetch(`${base}/__forward?url=${encodeURIComponent("http://127.0.0.1:9/x")}`, { headers: { "x-inspector-token": token } });
    expect(dead.status).toBe(502);
  });

  it("streams a forwarded run's SSE body through unchanged", async () => {
    const input = { threadId: "fw", runId: "fw-1", messages: [{ id: "u", role: "user", content: "via forward" }], tools: [], context: [], state: {}, forwardedProps: {} };
    const res = await fetch(`${base}/__forward?url=${encodeURIComponent(rt.restNoCorsUrl + "/agent/scripted/run")}`, { method: "POST", headers: { "x-inspector-token": token, "content-type": "application/json" }, body: JSON.stringify(input) });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const text = await res.text();
    const wire = rt.tapped.find((t) => t.body.includes("fw-1") && t.path.endsWith("/run"));
    expect(text).toBe(wire?.body);
  });
});
