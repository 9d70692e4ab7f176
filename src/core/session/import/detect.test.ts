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
