// AG-UI DevTools `.agui.jsonl` files that differ from the extension's demo export: no header,
// a clock shared by all connections, missing fields, hand edits, every redaction group.
// (The demo export itself: formats.test.ts.)
import { describe, expect, it } from "vitest";
import type { SessionRecord } from "../record";
import { importText } from "./importer";

const HEADER = { kind: "header", schemaVersion: 1, tool: "ag-ui-devtools@0.1.0", capturedAt: "2026-08-15T09:00:00.000Z", url: "http://localhost:3000/", transport: "sse", redacted: [] };
const BASE = Date.parse(HEADER.capturedAt);
const NOW = Date.parse("2026-01-01T00:00:00.000Z");
const jsonl = (...lines: unknown[]) => lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n");
const run = (connId: string, tMs: number, runId: string) => ({ kind: "request", connId, tMs, method: "POST", url: "/api/copilotkit/agent/support/run", input: { threadId: "t", runId, messages: [] } });
const ev = (connId: string, seq: number, tMs: number, event: unknown) => ({ kind: "event", connId, seq, tMs, event });
const started = (runId: string) => ({ type: "RUN_STARTED", threadId: "t", runId });
const finished = (runId: string) => ({ type: "RUN_FINISHED", threadId: "t", runId });
const brief = (records: SessionRecord[]) => records.map((r) => [r.x, r.kind, r.t - BASE]);

describe("AG-UI DevTools export: times", () => {
  it("takes tMs on a clock shared by all connections as it is (a connection that starts later is not pushed further)", () => {
    const r = importText(jsonl(HEADER, run("c1", 0, "r1"), ev("c1", 1, 10, started("r1")), ev("c1", 2, 300, finished("r1")), run("c2", 1000, "r2"), ev("c2", 1, 1010, started("r2"))), { now: NOW });
    expect(brief(r.records)).toEqual([
      [1, "request", 0],
      [1, "event", 10],
      [1, "event", 300],
      [2, "request", 1000],
      [2, "event", 1010],
      [1, "end", 300],
      [2, "end", 1010],
    ]);
  });

  it("gives a line without tMs the time of the line before it on its connection", () => {
    const { records } = importText(jsonl(HEADER, { kind: "request", connId: "c1", method: "POST", url: "/api/copilotkit/agent/support/run", input: {} }, ev("c1", 1, 40, started("r1")), { kind: "keepalive", connId: "c1", seq: 2, comment: "ping" }, { kind: "event", connId: "c1", seq: 3, event: finished("r1") }));
    expect(records.map((x) => [x.kind, x.t - BASE])).toEqual([
      ["request", 0],
      ["event", 40],
      ["comment", 40],
      ["event", 40],
      ["end", 40],
    ]);
  });

  it("times a file without a header line (or with an unreadable capturedAt) from the import's clock", () => {
    const body = [run("c1", 0, "r1"), ev("c1", 1, 25, started("r1"))];
    for (const text of [jsonl(...body), jsonl({ ...HEADER, capturedAt: "yesterday" }, ...body)]) {
      const r = importText(text, { now: NOW });
      expect(r.format).toBe("ag-ui-devtools");
      expect(r.errors).toEqual([]);
      expect(r.records.map((x) => x.t - NOW)).toEqual([0, 25, 25]);
      expect(r.header.createdAt).toBe(new Date(NOW).toISOString());
      expect(r.header.redaction).toEqual({ headers: true });
    }
  });
});

describe("AG-UI DevTools export: lines and connections", () => {
  it("skips blank and whitespace-only lines, and reports a line that is no object by its number", () => {
    const r = importText(jsonl(HEADER, "", run("c1", 0, "r1"), "   ", "\t", ev("c1", 1, 5, started("r1")), "[1,2]", '"text"', ev("c1", 2, 9, finished("r1")), ""));
    expect(r.errors).toEqual([
      { line: 7, error: "not a JSONL record object" },
      { line: 8, error: "not a JSONL record object" },
    ]);
    expect(r.records.map((x) => x.kind)).toEqual(["request", "event", "event", "end"]);
  });

  it("keeps a keepalive in its connection's exchange, and opens an exchange for a connection first seen in a keepalive", () => {
    const r = importText(jsonl(HEADER, ev("c1", 1, 5, started("r1")), { kind: "keepalive", connId: "c1", seq: 2, tMs: 15_005, comment: "keep-alive" }, { kind: "keepalive", connId: "c2", seq: 1, tMs: 15_010 }));
    expect(r.records.map((x) => [x.x, x.dir, x.kind, "text" in x ? x.text : null])).toEqual([
      [1, "in", "event", null],
      [1, "in", "comment", "keep-alive"],
      [2, "in", "comment", ""],
      [1, "in", "end", null],
      [2, "in", "end", null],
    ]);
  });

  it("ends each connection's exchange with the number of frames it carried, undecodable ones included", () => {
    const r = importText(jsonl(HEADER, run("c1", 0, "r1"), ev("c1", 1, 5, started("r1")), ev("c1", 2, 6, null), ev("c1", 3, 7, finished("r1")), run("c2", 0, "r2")));
    expect(r.records.filter((x) => x.kind === "end")).toEqual([
      expect.objectContaining({ dir: "in", kind: "end", x: 1, op: "run", outcome: "complete", frames: 3, agentId: "support", threadId: "t", runId: "r1" }),
      expect.objectContaining({ dir: "in", kind: "end", x: 2, op: "run", outcome: "complete", frames: 0, runId: "r2" }),
    ]);
  });

  it("keeps an event line that lost its event (no `event` field) as a bad frame, like `event: null`", () => {
    const r = importText(jsonl(HEADER, ev("c1", 1, 5, started("r1")), { kind: "event", connId: "c1", seq: 2, tMs: 6 }, ev("c1", 3, 7, finished("r1"))));
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => x.kind)).toEqual(["event", "bad-frame", "event", "end"]);
    expect(r.records[1]).toMatchObject({ x: 1, runId: "r1", raw: "null", error: "the DevTools capture could not decode this frame (event: null)" });
  });
});

describe("AG-UI DevTools export: request lines", () => {
  it("imports a request as the extension wrote it, with the thread and run its input names", () => {
    const input = { threadId: "t_9", runId: "r_9", messages: [{ id: "u1", role: "user", content: "hi" }] };
    const { records } = importText(jsonl(HEADER, { kind: "request", connId: "c1", tMs: 3, method: "POST", url: "/api/copilotkit/agent/support/run", input }));
    expect(records[0]).toStrictEqual({ seq: 1, t: BASE + 3, dir: "out", kind: "request", x: 1, agentId: "support", threadId: "t_9", runId: "r_9", op: "run", method: "POST", url: "/api/copilotkit/agent/support/run", transport: "rest", headers: {}, body: input });
  });

  it("imports a request to an address that is no runtime route as a run, and one without method or url as a POST to ''", () => {
    const { records, errors } = importText(jsonl(HEADER, { kind: "request", connId: "c1", tMs: 0, method: "PUT", url: "/my/agent/endpoint", input: "not json" }, { kind: "request", connId: "c2", tMs: 0 }));
    expect(errors).toEqual([]);
    expect(records.filter((x) => x.kind === "request")).toStrictEqual([
      { seq: 1, t: BASE, dir: "out", kind: "request", x: 1, op: "run", method: "PUT", url: "/my/agent/endpoint", transport: "agui", headers: {}, body: "not json" },
      { seq: 2, t: BASE, dir: "out", kind: "request", x: 2, op: "run", method: "POST", url: "", transport: "agui", headers: {} },
    ]);
  });

  it("keeps only string thread and run ids from the input", () => {
    const { records } = importText(jsonl(HEADER, { kind: "request", connId: "c1", tMs: 0, method: "POST", url: "/api/copilotkit/agent/support/run", input: { threadId: 7, runId: null } }));
    expect(records[0]).not.toHaveProperty("threadId");
    expect(records[0]).not.toHaveProperty("runId");
    expect(records[0]).toMatchObject({ agentId: "support", body: { threadId: 7, runId: null } });
  });

  it("classifies a GET of the runtime's /info by its method", () => {
    const { records } = importText(jsonl(HEADER, { kind: "request", connId: "c1", tMs: 0, method: "GET", url: "/api/copilotkit/info" }));
    expect(records[0]).toMatchObject({ kind: "request", op: "info", method: "GET", transport: "rest" });
  });
});

describe("AG-UI DevTools export: redaction groups in the header", () => {
  for (const [groups, redaction] of [
    [["text"], { headers: true, messageText: true }],
    [["reasoning"], { headers: true, messageText: true }],
    [["toolResults"], { headers: true, messageText: true }],
    [["state"], { headers: true, stateValues: true }],
    [["headers"], { headers: true }],
  ] as const) {
    it(`says message text or state values were removed when the capture redacted ${groups.join(", ")}`, () => {
      const r = importText(jsonl({ ...HEADER, redacted: groups }, ev("c1", 1, 0, started("r1"))));
      expect(r.header.redaction).toEqual(redaction);
    });
  }
});
