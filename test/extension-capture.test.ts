import { describe, expect, it, vi } from "vitest";
import { encode } from "@ag-ui/proto";
import type { SessionHeader, SessionRecord } from "../src/core/session/record";
import { afterLastFrame, createLiveCapture } from "../extension/capture/live";
import { parseWire, WIRE_LIMITS } from "../extension/capture/wire";
import { requestHostAccess } from "../extension/permissions";
import { extraMatches } from "../extension/capture/register";

// The worker half of live capture, fed wire messages as the in-page hook sends them (the hook
// itself runs in real Chromium: e2e/extension-capture.spec.ts).

const b64 = (s: string | Uint8Array) => Buffer.from(s).toString("base64");
const input = { threadId: "thread-1", runId: "run-1", state: {}, messages: [{ id: "u1", role: "user", content: "hi" }], tools: [], context: [], forwardedProps: {} };
const sse = (e: object) => `data: ${JSON.stringify(e)}\n\n`;

function harness() {
  const sessions = new Map<string, { header: SessionHeader; records: SessionRecord[] }>();
  const live: { id: string; count: number }[] = [];
  const capture = createLiveCapture({
    store: {
      async open(header) {
        const s = { header, records: [] as SessionRecord[] };
        sessions.set(header.id, s);
        return { write: async (records: SessionRecord[]) => void s.records.push(...records) };
      },
    },
    onRecords: (id, records) => live.push({ id, count: records.length }),
  });
  const ended = async () => {
    await vi.waitFor(() => {
      const all = [...sessions.values()];
      if (!all.length || all.some((s) => s.records.at(-1)?.kind !== "end")) throw new Error("not ended yet");
    });
    return [...sessions.values()];
  };
  return { capture, sessions, live, ended };
}

const start = (over: Record<string, unknown> = {}) => ({
  kind: "start",
  id: "x1",
  api: "fetch",
  t: 1000,
  method: "POST",
  url: "http://127.0.0.1:4000/api/copilotkit/agent/scripted/run",
  headers: [
    ["content-type", "application/json"],
    ["authorization", "Bearer page-secret"],
  ],
  body: JSON.stringify(input),
  ...over,
});
const response = (contentType = "text/event-stream", status = 200) => ({ kind: "response", id: "x1", t: 1010.5, status, headers: [["content-type", contentType]] });

describe("live capture in the worker", () => {
  it("records a run as it arrives: the request (secrets redacted), the response, each frame at its chunk's arrival time, the end", async () => {
    const h = harness();
    const conn = h.capture.connection();
    const wire = sse({ type: "RUN_STARTED", threadId: "thread-1", runId: "run-1" }) + sse({ type: "TEXT_MESSAGE_START", messageId: "m", role: "assistant" }) + sse({ type: "RUN_FINISHED", threadId: "thread-1", runId: "run-1" });
    conn.message(start());
    conn.message(response());
    // Split inside the second frame: it belongs to the chunk that completes it.
    conn.message({ kind: "chunk", id: "x1", t: 1020.25, data: b64(wire.slice(0, 80)) });
    conn.message({ kind: "chunk", id: "x1", t: 1070.75, data: b64(wire.slice(80)) });
    conn.message({ kind: "end", id: "x1", t: 1071, outcome: "complete" });
    const [s] = await h.ended();
    expect(s.header).toMatchObject({ source: { kind: "observed" }, agentId: "scripted", runtimeUrl: "http://127.0.0.1:4000/api/copilotkit", transport: "rest" });
    const r = s.records;
    expect(r.map((x) => x.kind)).toEqual(["request", "response", "event", "event", "event", "end"]);
    expect(r[0]).toMatchObject({ t: 1000, op: "run", body: input, headers: { authorization: "[redacted]" } });
    expect(JSON.stringify(r)).not.toContain("page-secret");
    expect(r[1]).toMatchObject({ t: 1010.5, status: 200, ms: 11 });
    expect(r.slice(2, 5).map((x) => x.t)).toEqual([1020.25, 1070.75, 1070.75]);
    expect(r[5]).toMatchObject({ t: 1071, outcome: "complete", frames: 3 });
    expect(r.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(h.live.reduce((n, b) => n + b.count, 0)).toBe(6);
  });

  it("a page gone mid-stream ends the run with every frame that arrived, and says so", async () => {
    const h = harness();
    const conn = h.capture.connection();
    conn.message(start());
    conn.message(response());
    conn.message({ kind: "chunk", id: "x1", t: 1020, data: b64(sse({ type: "RUN_STARTED", threadId: "thread-1", runId: "run-1" }) + 'data: {"type":"TEXT_') });
    conn.close();
    const [s] = await h.ended();
    expect(s.records.map((x) => x.kind)).toEqual(["request", "response", "event", "bad-frame", "end"]);
    expect(s.records[3]).toMatchObject({ raw: 'data: {"type":"TEXT_' });
    expect(s.records.at(-1)).toMatchObject({ outcome: "aborted", code: "page-gone", frames: 2, error: expect.stringContaining("reloaded or navigated away") });
    expect(conn.openCount()).toBe(0);
  });

  it("a cut after the headers is an interruption with its frames; a request with no answer is unreachable", async () => {
    const h = harness();
    const conn = h.capture.connection();
    conn.message(start());
    conn.message(response());
    conn.message({ kind: "chunk", id: "x1", t: 1020, data: b64(sse({ type: "RUN_STARTED", threadId: "thread-1", runId: "run-1" })) });
    conn.message({ kind: "end", id: "x1", t: 1030, outcome: "error", error: "TypeError: network error" });
    conn.message(start({ id: "x2", t: 2000 }));
    conn.message({ kind: "end", id: "x2", t: 2001, outcome: "error", error: "TypeError: Failed to fetch" });
    const ends = (await h.ended()).map((s) => s.records.at(-1));
    expect(ends).toEqual([
      expect.objectContaining({ outcome: "error", code: "interrupted", frames: 1, error: "interrupted after 1 frame(s): TypeError: network error" }),
      expect.objectContaining({ outcome: "error", code: "unreachable", frames: 0, error: "The page's request failed: TypeError: Failed to fetch" }),
    ]);
  });

  it("protobuf streams are framed across chunks through the same decoder", async () => {
    const h = harness();
    const conn = h.capture.connection();
    const frame = (e: object) => {
      const body = encode(e as never);
      const out = new Uint8Array(4 + body.length);
      new DataView(out.buffer).setUint32(0, body.length, false);
      out.set(body, 4);
      return out;
    };
    const bytes = Buffer.concat([frame({ type: "RUN_STARTED", threadId: "t", runId: "r" }), frame({ type: "RUN_FINISHED", threadId: "t", runId: "r" })]);
    conn.message(start());
    conn.message(response("application/vnd.ag-ui.event+proto"));
    conn.message({ kind: "chunk", id: "x1", t: 1020, data: b64(bytes.subarray(0, 5)) });
    conn.message({ kind: "chunk", id: "x1", t: 1030, data: b64(bytes.subarray(5)) });
    conn.message({ kind: "end", id: "x1", t: 1031, outcome: "complete" });
    const [s] = await h.ended();
    expect(s.records.filter((r) => r.kind === "event").map((r) => [(r as { event: { type: string } }).event.type, r.t])).toEqual([
      ["RUN_STARTED", 1030],
      ["RUN_FINISHED", 1030],
    ]);
  });

  it("what the page sends is not trusted: bad messages, strangers' ids and non-AG-UI traffic make nothing", async () => {
    const h = harness();
    const conn = h.capture.connection();
    for (const bad of [null, "start", { kind: "start" }, start({ t: -1 }), start({ id: "" }), start({ url: "x".repeat(WIRE_LIMITS.url + 1) }), start({ headers: [["a"]] }), { kind: "chunk", id: "x1", t: 5, data: 7 }, { kind: "end", id: "x1", t: 5, outcome: "maybe" }]) {
      expect(parseWire(bad)).toBeNull();
      conn.message(bad);
    }
    expect(conn.openCount()).toBe(0);
    // chunks for an exchange never started
    conn.message({ kind: "chunk", id: "nobody", t: 5, data: b64(sse({ type: "RUN_STARTED" })) });
    // a POST that is no AG-UI request
    conn.message(start({ id: "y", url: "http://127.0.0.1:4000/login", body: "user=a" }));
    conn.message({ ...response("text/html"), id: "y" });
    conn.message({ kind: "end", id: "y", t: 1100, outcome: "complete" });
    expect(conn.openCount()).toBe(0);
    // a page cannot open exchanges without bound
    const many = createLiveCapture({ store: { open: async () => ({ write: async () => {} }) }, maxOpen: 3 }).connection();
    for (let i = 0; i < 10; i++) many.message(start({ id: `m${i}` }));
    expect(many.openCount()).toBe(3);
    await new Promise((r) => setTimeout(r, 60));
    expect(h.sessions.size).toBe(0);
    // nor fill the library: sessions per page load are capped
    const made: string[] = [];
    const capped = createLiveCapture({ store: { open: async (header) => (made.push(header.id), { write: async () => {} }) }, maxSessions: 2 }).connection();
    for (let i = 0; i < 5; i++) {
      capped.message(start({ id: `c${i}` }));
      capped.message({ ...response(), id: `c${i}` });
    }
    await vi.waitFor(() => expect(made).toHaveLength(2));
    expect(capped.openCount()).toBe(2);
  });

  it("the text after the last frame boundary is what a cut leaves", () => {
    expect(afterLastFrame("data: a\n\ndata: b")).toBe("data: b");
    expect(afterLastFrame("data: a\r\n\r\n")).toBe("");
    expect(afterLastFrame("data: partial")).toBe("data: partial");
  });
});

describe("host access", () => {
  it("a prompt that is never answered stops the connect with a reason instead of waiting forever", async () => {
    vi.useFakeTimers();
    try {
      const pending = requestHostAccess({ request: () => new Promise<boolean>(() => {}) }, "http://rt.example:8080/api", 45_000);
      const seen = expect(pending).rejects.toMatchObject({ code: "host-access", message: expect.stringContaining("was not answered (dismissed or hidden") });
      await vi.advanceTimersByTimeAsync(45_000);
      await seen;
    } finally {
      vi.useRealTimers();
    }
  });

  it("registered capture scripts cover granted http(s) sites beyond the built-in ones", () => {
    expect(extraMatches(["http://127.0.0.1/*", "https://app.example.com/*", "http://app.example.com/*", "https://app.example.com/*", "<all_urls>", "file:///*"])).toEqual(["http://app.example.com/*", "https://app.example.com/*"]);
    expect(extraMatches(undefined)).toEqual([]);
  });
});
