import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "node:http";
import { startMockRuntime, type MockRuntime } from "../src/server/mock-runtime";

// `serve` answers browsers on loopback origins and the origins given with --cors-origin only,
// allows the headers CopilotKit clients send (not whatever a preflight asks for), and refuses
// request bodies over its cap with 413 without reading them into memory.

let mock: MockRuntime;
beforeAll(async () => {
  mock = await startMockRuntime({ records: [], corsOrigins: ["https://app.example.com"], maxBody: 64 * 1024 });
});
afterAll(() => mock.close());

function preflight(origin: string, headers = "content-type,authorization") {
  return fetch(`${mock.url}/agent/a/run`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": headers } });
}

describe("serve: CORS", () => {
  it("answers loopback origins and the flagged origin with that origin, never *", async () => {
    for (const origin of ["http://localhost:3000", "http://127.0.0.1:5173", "https://app.example.com"]) {
      const r = await preflight(origin);
      expect([origin, r.status, r.headers.get("access-control-allow-origin")]).toEqual([origin, 204, origin]);
    }
    const info = await fetch(`${mock.url}/info`, { headers: { origin: "http://localhost:3000" } });
    expect(info.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(info.headers.get("vary")).toContain("Origin");
  });

  it("refuses other origins, look-alike loopback names included", async () => {
    for (const origin of ["https://evil.example", "http://localhost.evil.example:3000", "http://127.0.0.1.nip.io", "null"]) {
      const r = await preflight(origin);
      expect([origin, r.status, r.headers.get("access-control-allow-origin")]).toEqual([origin, 403, null]);
      const info = await fetch(`${mock.url}/info`, { headers: { origin } });
      expect(info.status).toBe(403);
    }
  });

  it("allows the CopilotKit headers in a preflight, not any header asked for", async () => {
    const r = await preflight("http://localhost:3000", "content-type,x-evil-header");
    const allowed = (r.headers.get("access-control-allow-headers") ?? "").split(", ");
    expect(allowed).toEqual(expect.arrayContaining(["content-type", "authorization", "x-copilotcloud-public-api-key"]));
    expect(allowed).not.toContain("x-evil-header");
    expect(allowed).not.toContain("*");
  });
});

describe("serve: body cap", () => {
  it("answers 413 to a body over the cap, declared or streamed, and still serves afterwards", async () => {
    const declared = await fetch(`${mock.url}/agent/a/run`, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(100 * 1024) });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { message: string }).message).toMatch(/larger than 65536 bytes/);
    // chunked: no content-length, the cap is found while reading
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(`${mock.url}/agent/a/run`, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      for (let i = 0; i < 20; i++) req.write("y".repeat(8 * 1024));
      req.end();
    });
    expect(streamed).toBe(413);
    expect((await fetch(`${mock.url}/info`)).status).toBe(200);
  });
});
