import { describe, expect, it } from "vitest";
import { detectFormat } from "./detect";

describe("detectFormat", () => {
  it("names each format from its first line", () => {
    expect(detectFormat('{"format":"agui-inspector-session","version":1}\n{"seq":1}', false)).toBe("agui-inspector");
    expect(detectFormat('{"kind":"header","schemaVersion":1,"tool":"ag-ui-devtools@0.1.0"}\n', false)).toBe("ag-ui-devtools");
    expect(detectFormat('{"kind":"event","connId":"c1","seq":1,"tMs":0,"event":{"type":"RUN_STARTED"}}\n', false)).toBe("ag-ui-devtools");
    expect(detectFormat('{"type":"RUN_STARTED","threadId":"t","runId":"r"}\n{"type":"RUN_FINISHED"}', false)).toBe("ndjson");
    expect(detectFormat("data: {}\n\n", false)).toBe("sse");
    expect(detectFormat(": keep-alive\n\n", false)).toBe("sse");
    expect(detectFormat("event: message\ndata: {}\n\n", false)).toBe("sse");
    expect(detectFormat('\uFEFF  [{"type":"RUN_STARTED"}]', false)).toBe("json-array");
    expect(detectFormat('{\n  "log": {\n    "version": "1.2",', false)).toBe("json-document");
    expect(detectFormat('{"log":{"version":"1.2","entries":[]}}', true)).toBe("har");
  });

  it("knows an SSE stream whose first line is a bare field, with any line ending", () => {
    expect(detectFormat("data\ndata: {}\n\n", false)).toBe("sse");
    expect(detectFormat("id\r\ndata: {}\r\n\r\n", false)).toBe("sse");
    expect(detectFormat("event\rdata: {}\r\r", false)).toBe("sse");
    expect(detectFormat("retry", true)).toBe("sse");
    expect(detectFormat("id: 7\ndata: {}\n\n", false)).toBe("sse");
    expect(detectFormat("retry: 3000\n\ndata: {}\n\n", false)).toBe("sse");
    expect(detectFormat("event:message\n", false)).toBe("sse");
    // A word that only starts like a field is not SSE.
    expect(() => detectFormat("database dump\n", false)).toThrow(/unrecognised input/);
    expect(() => detectFormat("identity", true)).toThrow(/unrecognised input/);
  });

  it("waits while the first bytes may still become an SSE field", () => {
    expect(detectFormat("da", false)).toBeNull();
    expect(detectFormat("data", false)).toBeNull();
    expect(detectFormat("retr", false)).toBeNull();
    expect(detectFormat("eve", false)).toBeNull();
    expect(detectFormat("i", false)).toBeNull();
    expect(() => detectFormat("da", true)).toThrow(/unrecognised input/);
    expect(() => detectFormat("x", false)).toThrow(/unrecognised input/);
  });

  it("waits for the end of the first line before judging an object", () => {
    expect(detectFormat('{"format":"agui-inspector-sess', false)).toBeNull();
    expect(detectFormat("   ", false)).toBeNull();
    expect(detectFormat('{"type":"RUN_STARTED"}', true)).toBe("ndjson");
  });

  it("treats a broken first line of JSON lines as NDJSON, so the rest is still read", () => {
    expect(detectFormat('{"type":"RUN_STA\n{"type":"RUN_FINISHED"}\n', false)).toBe("ndjson");
  });

  it("refuses what it cannot read, saying what it saw", () => {
    expect(() => detectFormat("<html><body>", false)).toThrow(/unrecognised input: it starts with "<html><body>"/);
    expect(() => detectFormat("", true)).toThrow(/empty input/);
  });
});
