// JSON documents that are no HAR: an object holding event arrays (the AG-UI DevTools harness
// format `{fixtures: [{match, events: [...]}]}`) imports its events; anything else is refused
// with the formats tried and why each did not fit.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ImportError, importText } from "../src/core/session/import";
import { createReplay } from "../src/core/replay";
import type { AguiEvent } from "../src/core/protocol/events";

const runtimeEvents = JSON.parse(readFileSync(join(import.meta.dirname, "fixtures/import/runtime-scripted.events.json"), "utf8")) as AguiEvent[];
const second: AguiEvent[] = [
  { type: "RUN_STARTED", threadId: "h", runId: "h2" },
  { type: "TEXT_MESSAGE_START", messageId: "m2", role: "assistant" },
  { type: "TEXT_MESSAGE_CONTENT", messageId: "m2", delta: "second fixture" },
  { type: "TEXT_MESSAGE_END", messageId: "m2" },
  { type: "RUN_FINISHED", threadId: "h", runId: "h2" },
];
const harness = { fixtures: [{ match: { userMessage: "hello" }, events: runtimeEvents }, { match: { userMessage: "again" }, events: second }] };

describe("an object holding event arrays", () => {
  for (const [name, text] of [
    ["pretty-printed", JSON.stringify(harness, null, 2)],
    ["on one line", JSON.stringify(harness)],
  ] as const) {
    it(`imports each array as a stream (${name})`, () => {
      const imported = importText(text, { file: "harness.json" });
      expect(imported.errors).toEqual([]);
      expect(imported.format).toBe("json-events");
      const byExchange = new Map<number, AguiEvent[]>();
      for (const r of imported.records) if (r.kind === "event") byExchange.set(r.x, [...(byExchange.get(r.x) ?? []), r.event]);
      expect([...byExchange.values()]).toEqual([runtimeEvents, second]);
      const replay = createReplay();
      replay.append(imported.records);
      expect(replay.runs().map((r) => r.outcome)).toEqual(["success", "success"]);
      expect(replay.messagesAt(replay.lastSeq).filter((m) => m.role === "assistant").map((m) => m.content)).toContain("second fixture");
    });
  }
});

describe("import errors name the formats tried", () => {
  it("a JSON object with no events: lists each format and what it needed", () => {
    const attempt = () => importText(JSON.stringify({ fixtures: [{ match: "x", response: { content: "hi" } }], version: 2 }, null, 2));
    expect(attempt).toThrow(ImportError);
    expect(attempt).toThrow(/with keys "fixtures", "version", but no format fits/);
    expect(attempt).toThrow(/HAR \(needs log\.entries — none here\)/);
    expect(attempt).toThrow(/arrays of AG-UI events.*found no array whose elements are events/);
    expect(attempt).toThrow(/agui-inspector session.*AG-UI DevTools export.*NDJSON events/);
  });

  it("input that starts like no format: lists what each starts with", () => {
    expect(() => importText("<html><body>")).toThrow(/Formats tried: agui-inspector session, AG-UI DevTools export, NDJSON and HAR .*JSON array of events .*SSE/);
  });

  it("a document that is not JSON", () => {
    expect(() => importText('{\n  "log": {\n    "entries": [\n')).toThrow(/not a JSON document: .*Formats tried: HAR/);
  });
});
