import { otherToolFixture } from "../../../../test/other-tool-fixtures";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createReplay } from "../../replay";
import type { EventRecord, RequestRecord, SessionRecord } from "../record";
import { importText } from "./importer";

const ROOT = join(import.meta.dirname, "../../../..");
const DEVTOOLS = otherToolFixture("ag-ui-devtools-demo.agui.jsonl");
const read = (path: string) => readFileSync(path.startsWith("/") ? path : join(ROOT, path), "utf8");
const events = (records: SessionRecord[]) => records.filter((r): r is EventRecord => r.kind === "event");

describe("AG-UI DevTools extension .agui.jsonl (the extension's own demo export)", () => {
  const text = read(DEVTOOLS);
  const lines = text.trim().split("\n").map((l) => JSON.parse(l));
  // Imported inside each test, where Stryker's planted bug is active (not while collecting).
  const imported = () => importText(text, { file: "demo.agui.jsonl" });

  it("keeps every event exactly, in order, one exchange per connection with its request", () => {
    const r = imported();
    expect(r.format).toBe("ag-ui-devtools");
    expect(r.errors).toEqual([]);
    expect(events(r.records).map((e) => e.event)).toEqual(lines.filter((l) => l.kind === "event").map((l) => l.event));
    expect(r.records.map((x) => `${x.x}:${x.kind}`).filter((k) => !k.endsWith("event"))).toEqual(["1:request", "2:request", "1:end", "2:end"]);
    const req = r.records[0] as RequestRecord;
    expect(req).toMatchObject({ dir: "out", op: "run", transport: "rest", method: "POST", url: "/api/copilotkit/agent/support/run", agentId: "support", threadId: "t_demo", runId: "r_demo_1" });
    expect(req.body).toEqual(lines[1].input);
    expect(r.records.map((x) => x.seq)).toEqual(r.records.map((_, i) => i + 1));
  });

  it("keeps the source's violation: run 2 streams text that was never started", () => {
    const r = imported();
    const second = events(r.records).filter((e) => e.x === 2).map((e) => e.event.type);
    expect(second).not.toContain("TEXT_MESSAGE_START");
    expect(second).toContain("TEXT_MESSAGE_CONTENT");
    const replay = createReplay();
    replay.append(r.records);
    const flagged = replay.findingsUpTo().filter((f) => f.rule === "text/not-open");
    expect(flagged.map((f) => f.seq)).toEqual(events(r.records).filter((e) => e.event.messageId === "m_3").map((e) => e.seq));
    expect(replay.runs().map((run) => [run.runId, run.outcome])).toEqual([["r_demo_1", "success"], ["r_demo_2", "success"]]);
  });

  it("times records from capturedAt + tMs, never letting a connection start before the previous one", () => {
    const r = imported();
    const base = Date.parse("2026-08-15T09:00:00.000Z");
    expect(r.records[0].t).toBe(base);
    expect(r.records[1].t).toBe(base + 12);
    const times = r.records.filter((x) => x.kind !== "end").map((x) => x.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(r.header).toMatchObject({ createdAt: "2026-08-15T09:00:00.000Z", agentId: "support", source: { kind: "ag-ui-devtools", file: "demo.agui.jsonl" }, redaction: { headers: true } });
  });

  it("maps keepalives, undecodable frames, unknown kinds and redaction groups (documented sample from codec.ts)", () => {
    const sample = [
      '{"kind":"header","schemaVersion":1,"tool":"ag-ui-devtools@0.1.0","capturedAt":"2026-08-13T10:00:00.000Z","url":"http://localhost:3000/","transport":"sse","redacted":["text","state"]}',
      '{"kind":"event","connId":"c9","seq":1,"tMs":5,"event":{"type":"RUN_STARTED","threadId":"t","runId":"r"}}',
      '{"kind":"keepalive","connId":"c9","seq":2,"tMs":15005,"comment":"keep-alive"}',
      '{"kind":"event","connId":"c9","seq":3,"tMs":15010,"event":null}',
      '{"kind":"mystery","connId":"c9"}',
      "{not json",
    ].join("\n");
    const s = importText(sample);
    expect(s.records.map((x) => x.kind)).toEqual(["event", "comment", "bad-frame", "end"]);
    expect(s.records[1]).toMatchObject({ text: "keep-alive", t: Date.parse("2026-08-13T10:00:15.005Z") });
    expect(s.records[2]).toMatchObject({ raw: "null", error: expect.stringContaining("could not decode") });
    expect(s.errors).toEqual([
      { line: 5, error: 'unrecognized kind "mystery"' },
      { line: 6, error: expect.stringMatching(/^invalid JSON/) },
    ]);
    expect(s.header.redaction).toEqual({ headers: true, messageText: true, stateValues: true });
  });
});

describe("CopilotKit web inspector JSON export", () => {
  const text = read("test/fixtures/import/copilotkit-inspector-events.json");
  const source = JSON.parse(text) as { id: string; agentId: string; type: string; timestamp: number; payload: Record<string, unknown> }[];
  const imported = () => importText(text, { file: "copilotkit-events-1788256800000.json" });
  const oldestFirst = [...source].reverse();

  it("puts the newest-first export back in order, one exchange per run and agent", () => {
    const r = imported();
    expect(r.format).toBe("copilotkit-inspector");
    expect(r.errors).toEqual([]);
    const ev = events(r.records);
    expect(ev).toHaveLength(source.length);
    expect(ev.map((e) => e.t)).toEqual(oldestFirst.map((e) => e.timestamp));
    expect(ev.map((e) => [e.x, e.agentId, e.event.type === "RUN_STARTED" ? e.event.runId : null]).filter((x) => x[2])).toEqual([
      [1, "scripted", "run-scripted-1"],
      [2, "reasoning", "run-reasoning-2"],
      [3, "scripted", "run-scripted-3"],
    ]);
    expect(r.header).toMatchObject({ createdAt: new Date(oldestFirst[0].timestamp).toISOString(), source: { kind: "copilotkit-inspector" } });
    expect(r.header.agentId).toBeUndefined();
  });

  it("takes the event out of the inspector's wrapper and keeps it as written, truncation marks included", () => {
    const r = imported();
    const ev = events(r.records);
    oldestFirst.forEach((entry, i) => {
      const expected = "event" in entry.payload && typeof entry.payload.type !== "string" ? entry.payload.event : entry.payload;
      expect(ev[i].event).toEqual(expected);
    });
    const custom = ev.find((e) => e.event.type === "CUSTOM");
    expect(source.find((e) => e.type === "CUSTOM_EVENT")).toBeTruthy();
    expect(custom?.event).toMatchObject({ name: "progress" });
    const resumed = ev.find((e) => e.event.type === "RUN_STARTED" && e.event.runId === "run-scripted-3");
    expect((resumed?.event.input as { state: { items: unknown[] } }).state.items).toEqual(["[Truncated depth]"]);
  });

  it("replays to the conversation the inspector's agent held", () => {
    const r = imported();
    const replay = createReplay();
    replay.append(r.records);
    const texts = replay.messagesAt(replay.lastSeq).filter((m) => m.role === "assistant").map((m) => m.content);
    expect(texts).toContain("You said: where is order 4417?");
    expect(texts).toContain("Found 3 results.");
  });

  it("orders by time when ids carry no counter (ties: later in the file is older)", () => {
    const loose = [
      { id: "b", agentId: "a", type: "RUN_FINISHED", timestamp: 5, payload: { event: { type: "RUN_FINISHED", threadId: "t", runId: "r" }, result: "[undefined]" } },
      { id: "c", agentId: "a", type: "TEXT_MESSAGE_START", timestamp: 4, payload: { type: "TEXT_MESSAGE_START", messageId: "m" } },
      { id: "d", agentId: "a", type: "RUN_STARTED", timestamp: 4, payload: { type: "RUN_STARTED", threadId: "t", runId: "r" } },
    ];
    const l = importText(JSON.stringify(loose));
    expect(events(l.records).map((e) => e.event.type)).toEqual(["RUN_STARTED", "TEXT_MESSAGE_START", "RUN_FINISHED"]);
  });
});

describe("HAR from Chrome DevTools (documented sample)", () => {
  const text = read("test/fixtures/import/chrome-devtools.har");
  const har = JSON.parse(text) as { log: { entries: { request: { postData?: { text: string } }; response: { content: { text?: string } }; _eventSourceMessages?: { time: number; data: string }[] }[] } };
  const imported = () => importText(text, { file: "localhost.har" });

  it("imports the runtime calls and event streams, and skips the page's other requests", () => {
    const r = imported();
    expect(r.format).toBe("har");
    expect(r.records.filter((x) => x.kind === "request").map((x) => [x.x, (x as RequestRecord).op, (x as RequestRecord).transport, x.agentId])).toEqual([
      [1, "run", "rest", "scripted"],
      [2, "run", "agui", undefined],
    ]);
    expect(r.header).toMatchObject({ runtimeUrl: "http://localhost:3000/api/copilotkit", transport: "rest", createdAt: "2026-09-02T08:00:01.000Z", source: { kind: "har", file: "localhost.har" } });
  });

  it("redacts credentials from headers and URLs", () => {
    const r = imported();
    const req = r.records.filter((x): x is RequestRecord => x.kind === "request");
    expect(req[0].headers).toMatchObject({ Authorization: "[redacted]", Cookie: "[redacted]", Accept: "text/event-stream" });
    expect(req[1].url).toContain("token=%5Bredacted%5D");
    expect(text).toContain("sk-live-secret");
    expect(JSON.stringify(r.records)).not.toContain("sk-live-secret");
  });

  it("reads a response body through the frame recorder and Chrome's _eventSourceMessages frame by frame", () => {
    const r = imported();
    const [post, es] = [har.log.entries[1], har.log.entries[2]];
    const bodyEvents = post.response.content.text!.split("\n\n").filter((f) => f.startsWith("data: ")).map((f) => JSON.parse(f.slice(6)));
    expect(events(r.records).filter((e) => e.x === 1).map((e) => e.event)).toEqual(bodyEvents);
    expect((r.records[0] as RequestRecord).body).toEqual(JSON.parse(post.request.postData!.text));
    const streamed = events(r.records).filter((e) => e.x === 2);
    expect(streamed.map((e) => e.event)).toEqual(es._eventSourceMessages!.map((m) => JSON.parse(m.data)));
    expect(streamed[1].t - streamed[0].t).toBe(15);
    expect(r.records.at(-1)).toMatchObject({ kind: "end", x: 2, outcome: "complete", frames: es._eventSourceMessages!.length });
  });
});

describe("HAR written by Chromium through Playwright (real tool)", () => {
  const text = read("test/fixtures/import/playwright-chromium.har");
  const entries = (JSON.parse(text) as { log: { entries: { response: { content: { text?: string } } }[] } }).log.entries;
  const imported = () => importText(text);

  it("classifies /info, a REST run and a single-route run, with the streamed events as Chromium saved them", () => {
    const r = imported();
    const requests = r.records.filter((x): x is RequestRecord => x.kind === "request");
    expect(requests.map((x) => [x.op, x.transport, x.agentId ?? null, x.runId ?? null])).toEqual([
      ["info", "rest", null, null],
      ["run", "rest", "scripted", "pw-rest"],
      ["run", "single", "interrupt", "pw-single"],
    ]);
    const wire = (i: number) => entries[i].response.content.text!.split("\n\n").filter((f) => f.startsWith("data: ")).map((f) => JSON.parse(f.slice(6)));
    expect(events(r.records).filter((e) => e.x === 2).map((e) => e.event)).toEqual(wire(1));
    expect(events(r.records).filter((e) => e.x === 3).map((e) => e.event)).toEqual(wire(2));
    expect(requests[1].headers.authorization).toBe("[redacted]");
    expect(JSON.stringify(r.records)).not.toContain("not-a-real-token");
  });
});

describe("one capture from the real runtime, as SSE, NDJSON and a JSON array", () => {
  it("gives the same events whichever way it was saved", () => {
    const of = (file: string) => events(importText(read(`test/fixtures/import/${file}`)).records).map((e) => e.event);
    const sse = of("runtime-scripted.sse");
    expect(sse.map((e) => e.type)).toContain("TOOL_CALL_RESULT");
    expect(of("runtime-scripted.ndjson")).toEqual(sse);
    expect(of("runtime-scripted.events.json")).toEqual(sse);
  });
});

describe("HAR edge cases (inline samples)", () => {
  const entry = (over: Record<string, unknown>) => ({
    startedDateTime: "2026-09-02T08:00:00.000Z",
    time: 10,
    request: { method: "POST", url: "http://h/api/agent/a/run", headers: [], postData: { mimeType: "application/json", text: '{"threadId":"t","runId":"r"}' } },
    response: { status: 200, headers: [], content: { mimeType: "text/event-stream", text: "" } },
    timings: { send: 1, wait: 2, receive: 7 },
    ...over,
  });
  const har = (...entries: unknown[]) => JSON.stringify({ log: { version: "1.2", creator: { name: "x", version: "1" }, entries } });

  it("decodes base64 bodies and says how failed exchanges ended", () => {
    const sse = 'data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\n';
    const r = importText(
      har(
        entry({ response: { status: 200, headers: [], content: { mimeType: "text/event-stream", encoding: "base64", text: btoa(sse) } } }),
        entry({ startedDateTime: "2026-09-02T08:00:01.000Z", response: { status: 0, headers: [], content: { mimeType: "x-unknown" }, _error: "net::ERR_CONNECTION_REFUSED" } }),
        entry({ startedDateTime: "2026-09-02T08:00:02.000Z", response: { status: 0, headers: [], content: { mimeType: "x-unknown" }, _error: "net::ERR_ABORTED" } }),
      ),
    );
    expect(events(r.records).map((e) => e.event)).toEqual([{ type: "RUN_STARTED", threadId: "t", runId: "r" }]);
    expect(r.records.filter((x) => x.kind === "end").map((x) => [x.x, (x as { outcome: string }).outcome, (x as { code?: string }).code])).toEqual([
      [1, "complete", undefined],
      [2, "error", "unreachable"],
      [3, "aborted", undefined],
    ]);
    expect(r.records.filter((x) => x.kind === "response")).toHaveLength(1);
  });

  it("refuses a JSON object that is not a HAR", () => {
    expect(() => importText('{\n  "hello": 1\n}')).toThrow(/no format fits\. Formats tried: HAR \(needs log\.entries/);
  });
});
