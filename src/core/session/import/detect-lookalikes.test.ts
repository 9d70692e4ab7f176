// First lines that look like another format than they are: the format is judged by what the
// line holds, not by a field name it happens to share with another tool's file.
import { describe, expect, it } from "vitest";
import { detectFormat } from "./detect";
import { importText } from "./importer";

const firstOf = (...lines: unknown[]) => lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n";

describe("NDJSON whose first event looks like a document", () => {
  it("an event that holds arrays (a messages snapshot, a state delta) starts NDJSON, not a document read whole", () => {
    const snapshot = { type: "MESSAGES_SNAPSHOT", messages: [{ id: "u1", role: "user", content: "hi" }] };
    const delta = { type: "STATE_DELTA", delta: [{ op: "replace", path: "/n", value: 1 }] };
    for (const first of [snapshot, delta]) {
      const r = importText(firstOf(first, { type: "RUN_FINISHED", threadId: "t", runId: "r" }));
      expect(r.format).toBe("ndjson");
      expect(r.records.filter((x) => x.kind === "event")).toHaveLength(2);
    }
  });

  it("a structured log line with a `log` text field is NDJSON, not a HAR", () => {
    expect(detectFormat(firstOf({ log: "run started", type: "RUN_STARTED", threadId: "t", runId: "r" }), false)).toBe("ndjson");
  });

  it("a session file that lost its header line is read line by line, each record kept as raw text", () => {
    const record = { seq: 1, t: 0, dir: "in", kind: "event", x: 1, event: { type: "RUN_STARTED", threadId: "t", runId: "r" }, issues: [] };
    const text = firstOf(record, { ...record, seq: 2 });
    const r = importText(text);
    expect(r.format).toBe("ndjson");
    expect(r.records.filter((x) => x.kind === "bad-frame").map((x) => JSON.parse((x as { raw: string }).raw))).toEqual([record, { ...record, seq: 2 }]);
  });

  it("a broken first line stays NDJSON even when it ends in a brace or holds a `log` key", () => {
    const cut = '{"type":"CUSTOM","name":"trace","value":{"log":{';
    const r = importText(`${cut}\n${JSON.stringify({ type: "RUN_FINISHED", threadId: "t", runId: "r" })}\n`);
    expect(r.format).toBe("ndjson");
    expect(r.records.map((x) => x.kind)).toEqual(["bad-frame", "event", "end"]);
    expect(r.records[0]).toMatchObject({ raw: cut });
  });
});

describe("documents and other tools' files, by their first line", () => {
  it("a harness file on one line, with fields beside its arrays, is read whole", () => {
    const harness = { version: 2, name: "smoke", fixtures: [{ match: "hi", events: [{ type: "RUN_STARTED", threadId: "t", runId: "r" }, { type: "RUN_FINISHED", threadId: "t", runId: "r" }] }] };
    const r = importText(JSON.stringify(harness));
    expect(r.format).toBe("json-events");
    expect(r.records.map((x) => x.kind)).toEqual(["event", "event", "end"]);
  });

  it("a HAR pretty-printed with `log` on its first line, spaced or not, is a document", () => {
    expect(detectFormat('{"log":{\n"version":"1.2"', false)).toBe("json-document");
    expect(detectFormat('{ "log" : {\n  "version": "1.2"', false)).toBe("json-document");
  });

  it("only a header with a schemaVersion starts a DevTools export; other files with one are not taken for it", () => {
    expect(detectFormat(firstOf({ kind: "header", tool: "some-logger" }), false)).toBe("ndjson");
    expect(detectFormat(firstOf({ schemaVersion: 2, fixtures: [{ events: [] }] }), false)).toBe("json-document");
  });

  it("a DevTools export without its header starts with any of its connection lines, keepalive included", () => {
    const r = importText(firstOf({ kind: "keepalive", connId: "c1", seq: 1, tMs: 0, comment: "ping" }, { kind: "event", connId: "c1", seq: 2, tMs: 5, event: { type: "RUN_STARTED", threadId: "t", runId: "r" } }));
    expect(r.format).toBe("ag-ui-devtools");
    expect(r.records.map((x) => x.kind)).toEqual(["comment", "event", "end"]);
  });

  it("a line needs both a connection id and a DevTools kind to start a DevTools export", () => {
    expect(detectFormat(firstOf({ connId: "c1", type: "RUN_STARTED", threadId: "t", runId: "r" }), false)).toBe("ndjson");
    expect(detectFormat(firstOf({ kind: "event", event: { type: "RUN_STARTED" } }), false)).toBe("ndjson");
  });

  it("quotes at most 20 characters of input it cannot read", () => {
    expect(() => detectFormat("<!DOCTYPE html><html lang=en><body>", true)).toThrow(/it starts with "<!DOCTYPE html><html"\. Formats tried/);
  });
});
