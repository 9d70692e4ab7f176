import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES, RULE_IDS, type RuleId } from "../src/core/replay";
import { createReplay } from "../src/core/replay";
import type { AguiEvent } from "../src/core/protocol/events";
import type { SessionRecord } from "../src/core/session/record";
import { recordsOf, recordsFromSse } from "./replay-helpers";

// Every rule id: a stream that triggers it and a close one that does not.

const R: AguiEvent = { type: "RUN_STARTED", threadId: "t", runId: "r" };
const F: AguiEvent = { type: "RUN_FINISHED", threadId: "t", runId: "r" };
const tms = (id: string, extra = {}): AguiEvent => ({ type: "TEXT_MESSAGE_START", messageId: id, role: "assistant", ...extra });
const tmc = (id: string, delta = "x", extra = {}): AguiEvent => ({ type: "TEXT_MESSAGE_CONTENT", messageId: id, delta, ...extra });
const tme = (id: string): AguiEvent => ({ type: "TEXT_MESSAGE_END", messageId: id });
const tcs = (id: string, name = "f", extra = {}): AguiEvent => ({ type: "TOOL_CALL_START", toolCallId: id, toolCallName: name, ...extra });
const tca = (id: string, delta: string): AguiEvent => ({ type: "TOOL_CALL_ARGS", toolCallId: id, delta });
const tce = (id: string): AguiEvent => ({ type: "TOOL_CALL_END", toolCallId: id });
const tcr = (id: string, content = "ok", messageId = `res-${id}`): AguiEvent => ({ type: "TOOL_CALL_RESULT", messageId, toolCallId: id, content });
const ss = (name: string): AguiEvent => ({ type: "STEP_STARTED", stepName: name });
const sf = (name: string): AguiEvent => ({ type: "STEP_FINISHED", stepName: name });
const subS = (id: string, extra = {}): AguiEvent => ({ type: "SUBAGENT_STARTED", subagentRunId: id, name: "sub", ...extra });
const subF = (id: string): AguiEvent => ({ type: "SUBAGENT_FINISHED", subagentRunId: id });
const withTools = (...names: string[]): AguiEvent => ({
  ...R,
  input: { threadId: "t", runId: "r", messages: [{ id: "u1", role: "user", content: "q" }], tools: names.map((name) => ({ name, description: name, parameters: {} })), context: [] },
});
const act = (id: string): AguiEvent => ({ type: "ACTIVITY_SNAPSHOT", messageId: id, activityType: "A", content: { list: [] } });
const actDelta = (id: string, patch: unknown[]): AguiEvent => ({ type: "ACTIVITY_DELTA", messageId: id, activityType: "A", patch });

type Stream = AguiEvent[] | (() => SessionRecord[]);

/** A run whose response record says how the saving tool decoded its body. */
function withResponse(misDecoded: { as: "windows-1252"; repaired: boolean } | undefined): SessionRecord[] {
  const response: SessionRecord = { seq: 1, t: 0, x: 1, dir: "in", kind: "response", op: "run", status: 200, contentType: "text/event-stream", headers: {}, ms: 0, ...(misDecoded ? { misDecoded } : {}) };
  return [response, ...recordsOf([R, F]).map((r) => ({ ...r, seq: r.seq + 1 }))];
}

const CASES: Record<RuleId, { bad: Stream; good: Stream }> = {
  "frame/unparseable": {
    bad: () => recordsFromSse('data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\ndata: {oops\n\ndata: {"type":"RUN_FINISHED","threadId":"t","runId":"r"}\n\n'),
    good: () => recordsFromSse('data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\ndata: {"type":"RUN_FINISHED","threadId":"t","runId":"r"}\n\n'),
  },
  // A record read from a file, not through the decoder (which keeps such a frame raw).
  // 200,000 levels overflow the stack of any test pool (worker threads have 4 MB), so the case holds under Stryker too.
  "frame/unhandled": { bad: [R, { type: "STATE_SNAPSHOT", snapshot: JSON.parse("[".repeat(200_000) + "]".repeat(200_000)) }, F], good: [R, { type: "STATE_SNAPSHOT", snapshot: JSON.parse("[".repeat(900) + "]".repeat(900)) }, F] },
  "event/unknown-type": { bad: [R, { type: "FANCY_NEW_EVENT" }, F], good: [R, { type: "CUSTOM", name: "fancy", value: 1 }, F] },
  "schema/0.0.59": { bad: [R, { ...F, outcome: { type: "cancelled" } }], good: [R, { ...F, outcome: { type: "success" } }] },
  "schema/1.0.0": { bad: [R, tcs("c", "f", { parentMessageId: null }), tce("c"), tcr("c"), F], good: [R, tcs("c"), tce("c"), tcr("c"), F] },
  "event/null-subagent-run-id": { bad: [R, tms("a", { subagentRunId: null }), tme("a"), F], good: [R, tms("a"), tme("a"), F] },
  "event/empty-delta": { bad: [R, tms("a"), tmc("a", ""), tme("a"), F], good: [R, tms("a"), tmc("a", "x"), tme("a"), F] },
  "run/event-before-run-started": { bad: [tms("a"), tme("a"), F], good: [R, tms("a"), tme("a"), F] },
  "run/started-while-active": { bad: [R, R, F], good: [R, F, R, F] },
  "run/event-after-run-finished": { bad: [R, F, { type: "CUSTOM", name: "n", value: 1 }], good: [R, { type: "CUSTOM", name: "n", value: 1 }, F] },
  "run/event-after-run-error": { bad: [R, { type: "RUN_ERROR", message: "x" }, { type: "CUSTOM", name: "n", value: 1 }], good: [R, { type: "RUN_ERROR", message: "x" }, R, F] },
  "run/finished-with-open-message": { bad: [R, tms("a"), F], good: [R, tms("a"), tme("a"), F] },
  "run/finished-with-open-tool-call": { bad: [R, tcs("c"), F], good: [R, tcs("c"), tce("c"), tcr("c"), F] },
  "run/finished-with-open-step": { bad: [R, ss("plan"), F], good: [R, ss("plan"), sf("plan"), F] },
  "run/finished-with-open-subagent": { bad: [R, subS("s1"), F], good: [R, subS("s1"), subF("s1"), F] },
  "run/finished-with-open-reasoning": {
    bad: [R, { type: "REASONING_START", messageId: "rs" }, F],
    good: [R, { type: "REASONING_START", messageId: "rs" }, { type: "REASONING_END", messageId: "rs" }, F],
  },
  "run/bare-finished": { bad: [R, { type: "RUN_FINISHED" }], good: [R, F] },
  "run/incomplete": { bad: [R, tms("a"), tme("a")], good: [R, tms("a"), tme("a"), F] },
  "run/error": { bad: [R, { type: "RUN_ERROR", message: "boom" }], good: [R, F] },
  "text/already-open": { bad: [R, tms("a"), tms("a"), tme("a"), F], good: [R, tms("a"), tme("a"), tms("a"), tme("a"), F] },
  "text/not-open": { bad: [R, tmc("a"), F], good: [R, tms("a"), tmc("a"), tme("a"), F] },
  "tool/already-open": { bad: [R, tcs("c"), tcs("c"), tce("c"), tcr("c"), F], good: [R, tcs("c"), tce("c"), tcr("c"), F] },
  "tool/not-open": { bad: [R, tca("c", "{}"), F], good: [R, tcs("c"), tca("c", "{}"), tce("c"), tcr("c"), F] },
  "tool/restarted": { bad: [R, tcs("c"), tce("c"), tcs("c"), tce("c"), tcr("c"), F], good: [R, tcs("c"), tce("c"), tcs("d"), tce("d"), tcr("c"), tcr("d"), F] },
  "tool/parent-not-assistant": {
    bad: [withTools(), tcs("c", "f", { parentMessageId: "u1" }), tce("c"), tcr("c"), F],
    good: [withTools(), tms("a"), tme("a"), tcs("c", "f", { parentMessageId: "a" }), tce("c"), tcr("c"), F],
  },
  "tool/args-not-json": { bad: [R, tcs("c"), tca("c", '{"a":'), tce("c"), tcr("c"), F], good: [R, tcs("c"), tca("c", '{"a":'), tca("c", "1}"), tce("c"), tcs("d"), tce("d"), tcr("c"), tcr("d"), F] },
  "tool/result-for-unknown-call": { bad: [R, tcr("c9"), F], good: [R, tcs("c9"), tce("c9"), tcr("c9"), F] },
  "tool/placeholder-result": { bad: [R, tcs("c"), tce("c"), tcr("c", "Forwarded to client"), F], good: [R, tcs("c"), tce("c"), tcr("c", '{"ok":true}'), F] },
  "tool/frontend-call-unanswered": { bad: [withTools("pick"), tcs("c", "pick"), tce("c"), F], good: [withTools("pick"), tcs("c", "pick"), tce("c"), tcr("c"), F] },
  "tool/call-without-result": { bad: [withTools("pick"), tcs("c", "search"), tce("c"), F], good: [withTools("pick"), tcs("c", "search"), tce("c"), tcr("c"), F] },
  "reasoning/already-open": {
    bad: [R, { type: "REASONING_MESSAGE_START", messageId: "m", role: "reasoning" }, { type: "REASONING_MESSAGE_START", messageId: "m", role: "reasoning" }, { type: "REASONING_MESSAGE_END", messageId: "m" }, F],
    good: [R, { type: "REASONING_START", messageId: "m" }, { type: "REASONING_MESSAGE_START", messageId: "m", role: "reasoning" }, { type: "REASONING_MESSAGE_END", messageId: "m" }, { type: "REASONING_END", messageId: "m" }, F],
  },
  "reasoning/not-open": {
    bad: [R, { type: "REASONING_MESSAGE_CONTENT", messageId: "m", delta: "x" }, F],
    good: [R, { type: "REASONING_MESSAGE_START", messageId: "m", role: "reasoning" }, { type: "REASONING_MESSAGE_CONTENT", messageId: "m", delta: "x" }, { type: "REASONING_MESSAGE_END", messageId: "m" }, F],
  },
  "thinking/deprecated": {
    bad: [R, { type: "THINKING_START" }, { type: "THINKING_END" }, F],
    good: [R, { type: "REASONING_START", messageId: "m" }, { type: "REASONING_END", messageId: "m" }, F],
  },
  "step/already-active": { bad: [R, ss("s"), ss("s"), sf("s"), F], good: [R, ss("s"), sf("s"), ss("s"), sf("s"), F] },
  "step/not-started": { bad: [R, sf("s"), F], good: [R, ss("s"), sf("s"), F] },
  "subagent/already-active": { bad: [R, subS("s1"), subS("s1"), subF("s1"), F], good: [R, subS("s1"), subS("s2"), subF("s1"), subF("s2"), F] },
  "subagent/id-reused": { bad: [R, subS("s1"), subF("s1"), subS("s1"), subF("s1"), F], good: [R, subS("s1"), subF("s1"), subS("s2"), subF("s2"), F] },
  "subagent/parent-not-started": {
    bad: [R, subS("s2", { parentSubagentRunId: "s9" }), subF("s2"), F],
    good: [R, subS("s1"), subS("s2", { parentSubagentRunId: "s1" }), subF("s2"), subF("s1"), F],
  },
  "subagent/not-active": { bad: [R, subF("s1"), F], good: [R, subS("s1"), subF("s1"), F] },
  "subagent/owner-mismatch": {
    bad: [R, tms("a"), tmc("a", "x", { subagentRunId: "s1" }), tme("a"), F],
    good: [R, tms("a", { subagentRunId: "s1" }), tmc("a", "x", { subagentRunId: "s1" }), tme("a"), F],
  },
  "chunk/missing-id": {
    bad: [R, { type: "TEXT_MESSAGE_CHUNK", delta: "x" }, F],
    good: [R, { type: "TEXT_MESSAGE_CHUNK", messageId: "a", delta: "x" }, F],
  },
  "chunk/opener-mismatch": {
    bad: [R, { type: "TEXT_MESSAGE_CHUNK", messageId: "a", role: "assistant", delta: "x" }, { type: "TEXT_MESSAGE_CHUNK", role: "user", delta: "y" }, F],
    good: [R, { type: "TEXT_MESSAGE_CHUNK", messageId: "a", role: "assistant", delta: "x" }, { type: "TEXT_MESSAGE_CHUNK", role: "assistant", delta: "y" }, F],
  },
  "chunk/ambiguous": {
    bad: [R, { type: "TEXT_MESSAGE_CHUNK", messageId: "a", subagentRunId: "s1", delta: "x" }, { type: "TEXT_MESSAGE_CHUNK", messageId: "b", subagentRunId: "s2", delta: "y" }, { type: "TEXT_MESSAGE_CHUNK", delta: "z" }, F],
    good: [R, { type: "TEXT_MESSAGE_CHUNK", messageId: "a", subagentRunId: "s1", delta: "x" }, { type: "TEXT_MESSAGE_CHUNK", messageId: "b", subagentRunId: "s2", delta: "y" }, { type: "TEXT_MESSAGE_CHUNK", subagentRunId: "s1", delta: "z" }, F],
  },
  "message/duplicate-id": { bad: [R, tms("a"), tme("a"), tcs("c"), tce("c"), tcr("c", "ok", "a"), F], good: [R, tms("a"), tme("a"), tcs("c"), tce("c"), tcr("c", "ok", "t1"), F] },
  "message/activity-id-reused": { bad: [R, act("act"), tms("act"), tme("act"), F], good: [R, act("act"), tms("a"), tme("a"), F] },
  "activity/unknown-message": { bad: [R, actDelta("nope", [{ op: "add", path: "/x", value: 1 }]), F], good: [R, act("act"), actDelta("act", [{ op: "add", path: "/x", value: 1 }]), F] },
  "activity/not-activity": { bad: [R, tms("a"), tme("a"), actDelta("a", [{ op: "add", path: "/x", value: 1 }]), F], good: [R, act("a"), actDelta("a", [{ op: "add", path: "/x", value: 1 }]), F] },
  "state/patch-failed": { bad: [R, { type: "STATE_DELTA", delta: [{ op: "remove", path: "/nope" }] }, F], good: [R, { type: "STATE_DELTA", delta: [{ op: "add", path: "/nope", value: 1 }] }, F] },
  "event/stripped-by-client": { bad: [R, { ...F, finishReason: "stop" }], good: [R, { ...F, result: { finishReason: "stop" } }] },
  "import/truncated-value": {
    bad: [R, { type: "STATE_SNAPSHOT", snapshot: { a: { b: { c: { d: "[Truncated depth]" } } } } }, F],
    good: [R, { type: "STATE_SNAPSHOT", snapshot: { a: { b: { c: { d: "Truncated depth" } } } } }, F],
  },
  "import/body-repaired": { bad: () => withResponse({ as: "windows-1252", repaired: true }), good: () => withResponse(undefined) },
  "import/body-mis-decoded": { bad: () => withResponse({ as: "windows-1252", repaired: false }), good: () => withResponse({ as: "windows-1252", repaired: true }) },
  "activity/patch-failed": { bad: [R, act("act"), actDelta("act", [{ op: "remove", path: "/nope" }]), F], good: [R, act("act"), actDelta("act", [{ op: "add", path: "/list/-", value: 1 }]), F] },
};

function fold(stream: Stream) {
  const replay = createReplay({ checkSchema: true });
  replay.append(typeof stream === "function" ? stream() : recordsOf(stream));
  return replay.findingsUpTo();
}

describe("protocol rules", () => {
  it("every rule id has a case", () => {
    expect(Object.keys(CASES).sort()).toEqual([...RULE_IDS].sort());
  });

  for (const rule of RULE_IDS) {
    it(`${rule}: triggered by its stream, silent on the close variant`, () => {
      const bad = fold(CASES[rule].bad);
      expect(bad.map((f) => f.rule)).toContain(rule);
      const finding = bad.find((f) => f.rule === rule)!;
      expect(finding.severity).toBe(RULES[rule].severity);
      expect(finding.message.length).toBeGreaterThan(10);
      expect(finding.seq).toBeGreaterThan(0);

      const good = fold(CASES[rule].good);
      expect(good.map((f) => f.rule)).not.toContain(rule);
      expect(good.filter((f) => f.severity === "error")).toEqual([]);
    });
  }

  it("a frontend call does not also count as a call without result", () => {
    const rules = fold(CASES["tool/frontend-call-unanswered"].bad).map((f) => f.rule);
    expect(rules).not.toContain("tool/call-without-result");
  });

  it("a call awaited by an interrupt is not unanswered", () => {
    const rules = fold([R, tcs("c", "rm"), tce("c"), { ...F, outcome: { type: "interrupt", interrupts: [{ id: "i", reason: "tool_call", toolCallId: "c" }] } }]).map((f) => f.rule);
    expect(rules).toEqual([]);
  });

  it("recorded schema issues are used as they are, without checking again", () => {
    const records = recordsOf([R, F]);
    (records[1] as SessionRecord & { issues?: unknown }).issues = [{ version: "0.0.59", path: "runId", message: "made up" }];
    const replay = createReplay({ checkSchema: false });
    replay.append(records);
    expect(replay.findingsUpTo()).toEqual([{ rule: "schema/0.0.59", severity: "error", seq: 2, message: "RUN_FINISHED does not match AG-UI 0.0.59: runId: made up", path: "runId" }]);
  });

  it("a failed patch names the op index, the path and the reason", () => {
    const [finding] = fold([R, { type: "STATE_DELTA", delta: [{ op: "add", path: "/a", value: 1 }, { op: "replace", path: "/b~1c", value: 1 }] }, F]);
    expect(finding).toMatchObject({ rule: "state/patch-failed", seq: 2, opIndex: 1, path: "/b~1c" });
    expect(finding.message).toMatch(/op 1 at "\/b~1c".*does not exist/);
  });
});

describe("docs/replay-rules.md", () => {
  const doc = readFileSync(join(import.meta.dirname, "../docs/replay-rules.md"), "utf8");
  it("lists every rule id with its severity", () => {
    for (const rule of RULE_IDS) {
      const row = doc.split("\n").find((line) => line.startsWith(`| \`${rule}\` |`));
      expect(row, rule).toBeDefined();
      expect(row).toContain(`| ${RULES[rule].severity} |`);
    }
  });
});
