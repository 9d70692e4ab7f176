import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "node:http";
import { startMockRuntime, type MockRuntime } from "../src/server/mock-runtime";
import type { SessionRecord } from "../src/core/session/record";
import { rawRequest } from "./raw-http";

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

// A recording with one short run of agent "a", for the tests below that need a route that answers.
const runRecords = (() => {
  const events = [
    { type: "RUN_STARTED", threadId: "rec-thread", runId: "rec-run" },
    { type: "TEXT_MESSAGE_START", messageId: "m1", role: "assistant" },
    { type: "TEXT_MESSAGE_CONTENT", messageId: "m1", delta: "recorded answer" },
    { type: "TEXT_MESSAGE_END", messageId: "m1" },
    { type: "RUN_FINISHED", threadId: "rec-thread", runId: "rec-run" },
  ];
  const request = { seq: 1, t: 1000, x: 1, dir: "out", kind: "request", op: "run", method: "POST", url: "http://rt/agent/a/run", transport: "rest", headers: {}, agentId: "a" };
  return [request, ...events.map((event, i) => ({ seq: i + 2, t: 1000 + 10 * (i + 1), x: 1, dir: "in", kind: "event", agentId: "a", event }))] as unknown as SessionRecord[];
})();
const runInput = (threadId: string) => ({ threadId, runId: `run-${threadId}`, messages: [], tools: [], context: [], state: {}, forwardedProps: {} });

describe("serve: what each answer says", () => {
  let served: MockRuntime;
  beforeAll(async () => {
    served = await startMockRuntime({ records: runRecords, corsOrigins: ["https://one.example", "HTTPS://Two.Example:443/"], maxBody: 1000 });
  });
  afterAll(() => served.close());

  it("a loopback page's own GET and POST get their answers with its origin; a preflight is the only thing answered 204", async () => {
    const info = await fetch(`${served.url}/info`, { headers: { origin: "http://localhost:5173" } });
    expect([info.status, info.headers.get("access-control-allow-origin")]).toEqual([200, "http://localhost:5173"]);
    expect(Object.keys(((await info.json()) as { agents: object }).agents)).toEqual(["a"]);
    const run = await fetch(`${served.url}/agent/a/run`, { method: "POST", headers: { origin: "http://127.0.0.1:3000", "content-type": "application/json" }, body: JSON.stringify(runInput("own-post")) });
    expect(run.status).toBe(200);
    expect(await run.text()).toContain("recorded answer");
  });

  it("a request with no Origin (curl, a server) gets no CORS answer but still varies on Origin", async () => {
    const r = await rawRequest(`${served.url}/info`);
    expect([r.status, r.headers["access-control-allow-origin"], r.headers.vary]).toEqual([200, undefined, "Origin"]);
  });

  it("takes every origin given at launch, compared as a browser serialises them", async () => {
    for (const origin of ["https://one.example", "https://two.example"]) {
      const r = await fetch(`${served.url}/info`, { headers: { origin } });
      expect([origin, r.status, r.headers.get("access-control-allow-origin")]).toEqual([origin, 200, origin]);
    }
  });

  it("a refused origin gets a JSON 403 that says how to allow it", async () => {
    const r = await rawRequest(`${served.url}/info`, { origin: "https://evil.example" });
    expect([r.status, r.headers["content-type"], r.headers["access-control-allow-origin"]]).toEqual([403, "application/json", undefined]);
    expect(JSON.parse(r.body)).toEqual({ error: "Origin refused", message: "https://evil.example may not call this mock runtime: loopback origins only, or pass --cors-origin https://evil.example." });
  });

  it("a preflight answers with the methods and the CopilotKit headers, for ten minutes, and names the headers it refused", async () => {
    const r = await rawRequest(`${served.url}/agent/a/run`, { origin: "http://localhost:3000", "access-control-request-method": "POST", "access-control-request-headers": " Content-Type,X-Evil-Header , AUTHORIZATION,x-other" }, "OPTIONS");
    expect(r.status).toBe(204);
    expect(r.headers["access-control-allow-methods"]).toBe("GET, HEAD, POST, OPTIONS");
    expect(r.headers["access-control-allow-headers"]).toBe(
      "content-type, accept, authorization, x-copilotkit-runtime-client-gql-version, x-copilotcloud-public-api-key, x-copilotcloud-public-license-key, x-copilotkit-request-id, x-api-key",
    );
    expect(r.headers["access-control-max-age"]).toBe("600");
    expect(r.headers["x-refused-headers"]).toBe("x-evil-header, x-other");
    const plain = await rawRequest(`${served.url}/agent/a/run`, { origin: "http://localhost:3000", "access-control-request-method": "POST" }, "OPTIONS");
    expect([plain.status, plain.headers["x-refused-headers"]]).toEqual([204, undefined]);
    const known = await rawRequest(`${served.url}/agent/a/run`, { origin: "http://localhost:3000", "access-control-request-headers": "x-api-key, Accept" }, "OPTIONS");
    expect([known.status, known.headers["x-refused-headers"]]).toEqual([204, undefined]);
  });

  it("takes a body of exactly the cap, declared or streamed; refuses one byte more with a JSON 413 that closes the connection", async () => {
    const exact = "x".repeat(1000);
    const declared = await rawRequest(`${served.url}/agent/a/run`, { "content-type": "application/json", "content-length": "1000" }, "POST", exact);
    expect(declared.status).toBe(400); // read whole: not JSON, so not a RunAgentInput
    const streamed = await rawRequest(`${served.url}/agent/a/run`, { "content-type": "application/json", "transfer-encoding": "chunked" }, "POST", exact);
    expect(streamed.status).toBe(400);
    const over = await rawRequest(`${served.url}/agent/a/run`, { "content-type": "application/json" }, "POST", `${exact}x`);
    expect([over.status, over.headers["content-type"], over.headers.connection]).toEqual([413, "application/json", "close"]);
    expect(JSON.parse(over.body)).toEqual({ error: "Payload too large", message: "request body is larger than 1000 bytes; pass --max-body <bytes> to allow more." });
    const overStreamed = await rawRequest(`${served.url}/agent/a/run`, { "content-type": "application/json", "transfer-encoding": "chunked" }, "POST", `${exact}x`);
    expect(overStreamed.status).toBe(413);
  });

  it("refuses a declared length over the cap before the body arrives", async () => {
    // The client declares 1 MB and sends one byte: the answer comes without waiting for the rest.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${served.url}/agent/a/run`, { method: "POST", headers: { "content-type": "application/json", "content-length": String(1024 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", (err) => (req.destroyed ? undefined : reject(err)));
      req.write("{");
    });
    expect(status).toBe(413);
  });
});

describe("serve: a refused origin changes nothing", () => {
  it("cannot stop a run another client started", async () => {
    let reached!: () => void;
    const sleeping = new Promise<void>((r) => (reached = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // Real-time mode with a wait that holds the run open until the test lets it go (or a stop aborts it).
    const sleep = (_ms: number, signal: AbortSignal) => {
      reached();
      return Promise.race([gate, new Promise<void>((r) => signal.addEventListener("abort", () => r()))]);
    };
    const held = await startMockRuntime({ records: runRecords, realtime: true, sleep });
    try {
      const run = fetch(`${held.url}/agent/a/run`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(runInput("victim")) }).then((r) => r.text());
      await sleeping;
      const stop = await rawRequest(`${held.url}/agent/a/stop/victim`, { origin: "https://evil.example", "content-type": "application/json" }, "POST", "{}");
      expect(stop.status).toBe(403);
      release();
      const text = await run;
      // Every recorded frame went out, the recorded end included: nothing stopped the run.
      expect(text).toContain("recorded answer");
      expect(text).toContain('"type":"RUN_FINISHED","threadId":"victim"');
    } finally {
      await held.close();
    }
  });
});
