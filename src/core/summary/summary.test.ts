import { EventType as Types100 } from "@ag-ui/core";
import { EventType as Types0059 } from "ag-ui-core-0059";
import { describe, expect, it } from "vitest";
import type { AguiEvent } from "../protocol/events";
import type { SessionRecord } from "../session/record";
import { eventSummary, patchSummary } from "./event-summary";
import { preview, shortId } from "./preview";
import { recordSummary, toolCallIndex } from "./record-summary";

const MID = "e1a7d999-aaaa-bbbb-cccc-000000000001";
const TID = "call_4f1c2b7d9e";

/** One event per type with fields a reader would look for, and the words its summary must show. */
export const SAMPLES: Record<string, { event: Omit<AguiEvent, "type">; shows: string[] }> = {
  RUN_STARTED: { event: { threadId: "thread-12345678", runId: "run-abcdefgh1" }, shows: ["run-abcd", "started", "thread-1"] },
  RUN_FINISHED: { event: { threadId: "t", runId: "run-abcdefgh1", outcome: { type: "interrupt", interrupts: [{ id: "i", reason: "x" }] } }, shows: ["run-abcd", "interrupted (1"] },
  RUN_ERROR: { event: { message: "model quota exceeded", code: "QUOTA" }, shows: ["failed", "model quota exceeded", "QUOTA"] },
  STEP_STARTED: { event: { stepName: "plan" }, shows: ['"plan" started'] },
  STEP_FINISHED: { event: { stepName: "plan" }, shows: ['"plan" finished'] },
  TEXT_MESSAGE_START: { event: { messageId: MID, role: "assistant" }, shows: ["assistant", "e1a7d999…", "starts"] },
  TEXT_MESSAGE_CONTENT: { event: { messageId: MID, delta: "Hello wor" }, shows: ['"Hello wor"'] },
  TEXT_MESSAGE_END: { event: { messageId: MID }, shows: ["e1a7d999…", "ends"] },
  TEXT_MESSAGE_CHUNK: { event: { messageId: MID, role: "assistant", delta: "chunky" }, shows: ['"chunky"'] },
  TOOL_CALL_START: { event: { toolCallId: TID, toolCallName: "get_weather" }, shows: ["get_weather("] },
  TOOL_CALL_ARGS: { event: { toolCallId: TID, delta: '{"city":' }, shows: ['{\\"city\\":'] },
  TOOL_CALL_END: { event: { toolCallId: TID }, shows: ["call_4f1…", "complete"] },
  TOOL_CALL_CHUNK: { event: { toolCallId: TID, toolCallName: "search", delta: '{"q":1}' }, shows: ['search({"q":1})'] },
  TOOL_CALL_RESULT: { event: { messageId: "m", toolCallId: TID, content: "22 degrees" }, shows: ["call_4f1…", '"22 degrees"'] },
  STATE_SNAPSHOT: { event: { snapshot: { counter: 0, items: [] } }, shows: ["state = {counter, items}"] },
  STATE_DELTA: { event: { delta: [{ op: "replace", path: "/counter", value: 1 }] }, shows: ["replace /counter = 1"] },
  MESSAGES_SNAPSHOT: { event: { messages: [{ id: "a", role: "user" }, { id: "b", role: "assistant" }] }, shows: ["2 message(s)", "1 user", "1 assistant"] },
  ACTIVITY_SNAPSHOT: { event: { messageId: MID, activityType: "PLAN", content: { steps: 3 } }, shows: ["PLAN", '{"steps":3}'] },
  ACTIVITY_DELTA: { event: { messageId: MID, activityType: "PLAN", patch: [{ op: "add", path: "/steps/-", value: "x" }] }, shows: ["PLAN", 'add /steps/- = "x"'] },
  RAW: { event: { event: { vendor: "thing" }, source: "openai" }, shows: ["openai", "vendor"] },
  CUSTOM: { event: { name: "progress", value: 42 }, shows: ["progress = 42"] },
  REASONING_START: { event: { messageId: MID }, shows: ["reasoning", "starts"] },
  REASONING_MESSAGE_START: { event: { messageId: MID, role: "reasoning" }, shows: ["thought", "starts"] },
  REASONING_MESSAGE_CONTENT: { event: { messageId: MID, delta: "let me see" }, shows: ['thinks "let me see"'] },
  REASONING_MESSAGE_END: { event: { messageId: MID }, shows: ["thought", "ends"] },
  REASONING_MESSAGE_CHUNK: { event: { messageId: MID, delta: "hmm" }, shows: ['thinks "hmm"'] },
  REASONING_END: { event: { messageId: MID }, shows: ["reasoning", "ends"] },
  REASONING_ENCRYPTED_VALUE: { event: { subtype: "message", entityId: MID, encryptedValue: "xxxxx" }, shows: ["encrypted message", "5 chars"] },
  SUBAGENT_STARTED: { event: { subagentRunId: "sub-1", name: "researcher" }, shows: ["researcher", "started"] },
  SUBAGENT_FINISHED: { event: { subagentRunId: "sub-1", outcome: { type: "success" } }, shows: ["sub-1", "succeeded"] },
  SUBAGENT_ERROR: { event: { subagentRunId: "sub-1", message: "timed out" }, shows: ["sub-1 failed: timed out"] },
  THINKING_START: { event: { title: "Planning" }, shows: ["thinking starts: Planning"] },
  THINKING_END: { event: {}, shows: ["thinking ends"] },
  THINKING_TEXT_MESSAGE_START: { event: {}, shows: ["thought starts"] },
  THINKING_TEXT_MESSAGE_CONTENT: { event: { delta: "maybe" }, shows: ['thinks "maybe"'] },
  THINKING_TEXT_MESSAGE_END: { event: {}, shows: ["thought ends"] },
};

const allTypes = [...new Set([...Object.values(Types100), ...Object.values(Types0059)])] as string[];

describe("event summaries", () => {
  it("covers both enums (31 types in 1.0.0, 36 in 0.0.59)", () => {
    expect(Object.values(Types100).length).toBe(31);
    expect(Object.values(Types0059).length).toBe(36);
    expect(allTypes.length).toBe(36);
  });

  for (const type of allTypes) {
    it(`${type} has its own summary`, () => {
      const sample = SAMPLES[type];
      expect(sample, `no sample for ${type}`).toBeDefined();
      const s = eventSummary({ type, ...sample.event });
      expect(s).not.toMatch(/^\{/);
      expect(s).not.toMatch(/^unknown type/);
      expect(s).not.toContain('"messageId"');
      for (const words of sample.shows) expect(s).toContain(words);
    });
  }

  it("an unknown type says so and shows a bounded preview", () => {
    const s = eventSummary({ type: "VENDOR_THING", big: "x".repeat(10_000) });
    expect(s).toMatch(/^unknown type: \{"big":"xxx/);
    expect(s.length).toBeLessThan(140);
  });

  it("patches: several ops, move/remove/test, and a cap after three", () => {
    const s = patchSummary([
      { op: "remove", path: "/a" },
      { op: "move", from: "/b", path: "/c" },
      { op: "test", path: "/d", value: true },
      { op: "add", path: "/e", value: 1 },
    ]);
    expect(s).toBe("remove /a; move /b → /c; test /d == true (+1 more)");
    expect(patchSummary("nope")).toContain("not a list");
  });

  it("tool calls show name(args) once the args are known", () => {
    const recs = [
      ev(1, { type: "TOOL_CALL_START", toolCallId: TID, toolCallName: "get_weather" }),
      ev(2, { type: "TOOL_CALL_ARGS", toolCallId: TID, delta: '{"city":' }),
      ev(3, { type: "TOOL_CALL_ARGS", toolCallId: TID, delta: '"Paris"}' }),
      ev(4, { type: "TOOL_CALL_END", toolCallId: TID }),
    ];
    const ctx = toolCallIndex(recs);
    expect(recordSummary(recs[0], ctx)).toBe('get_weather({"city":"Paris"})');
    expect(recordSummary(recs[3], ctx)).toBe('get_weather({"city":"Paris"}) complete');
  });

  it("a 5 MB value is previewed without being stringified whole", () => {
    const big = { text: "y".repeat(5_000_000) };
    const s = eventSummary({ type: "STATE_SNAPSHOT", snapshot: big });
    expect(s).toBe("state = {text}");
    const c = eventSummary({ type: "CUSTOM", name: "blob", value: big });
    expect(c.length).toBeLessThan(130);
    expect(preview(big, 20)).toBe('{"text":"yyyyyyyyyyy…');
  });

  it("ids are shortened to eight characters", () => {
    expect(shortId(MID)).toBe("e1a7d999…");
    expect(shortId("short")).toBe("short");
    expect(shortId(undefined)).toBe("?");
  });
});

describe("record summaries", () => {
  const base = { seq: 1, t: 0, x: 1 };
  it("bad frames give their reason and size", () => {
    const r: SessionRecord = { ...base, dir: "in", kind: "bad-frame", raw: "{not json", rawLength: 2_000_000, error: "invalid JSON" };
    expect(recordSummary(r)).toBe("bad frame: invalid JSON — 2000000 char(s): {not json");
  });
  it("errors are in words", () => {
    const resp: SessionRecord = { ...base, dir: "in", kind: "response", op: "run", status: 401, contentType: "application/json", headers: {}, body: { error: "no key" }, ms: 12 };
    expect(recordSummary(resp)).toBe('401 unauthorized application/json after 12 ms: {"error":"no key"}');
    const end: SessionRecord = { ...base, dir: "in", kind: "end", op: "run", outcome: "error", code: "NETWORK", error: "connection reset", frames: 3, badFrames: 1 };
    expect(recordSummary(end)).toBe("failed: connection reset (NETWORK) after 3 frame(s), 1 bad");
  });
  it("requests show method, url and transport", () => {
    const req: SessionRecord = { ...base, dir: "out", kind: "request", op: "run", method: "POST", url: "http://127.0.0.1:1/api", transport: "single", headers: {} };
    expect(recordSummary(req)).toBe("POST http://127.0.0.1:1/api (single)");
  });
});

function ev(seq: number, event: AguiEvent): SessionRecord {
  return { seq, t: seq, x: 1, dir: "in", kind: "event", event };
}
