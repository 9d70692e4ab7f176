import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES, RULE_IDS, type Finding, type RuleId } from "../src/core/replay";
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

/** What each rule's bad case reports, word for word: the finding is what a user reads. */
const SAYS: Record<RuleId, Omit<Finding, "rule" | "severity">> = {
  "frame/unparseable": {"seq":2,"message":"frame not decoded: invalid JSON: Expected property name or '}' in JSON at position 1"},
  "frame/unhandled": {"seq":2,"message":"the fold could not apply this record: Maximum call stack size exceeded"},
  "event/unknown-type": {"seq":2,"message":"unknown event type \"FANCY_NEW_EVENT\"; ignored","path":"type"},
  "schema/0.0.59": {"seq":2,"message":"RUN_FINISHED does not match AG-UI 0.0.59: outcome.type: Invalid discriminator value. Expected 'success' | 'interrupt'","path":"outcome.type"},
  "schema/1.0.0": {"seq":2,"message":"TOOL_CALL_START does not match AG-UI 1.0.0: parentMessageId: Invalid input: expected string, received null","path":"parentMessageId"},
  "event/null-subagent-run-id": {"seq":2,"message":"TEXT_MESSAGE_START has subagentRunId: null; omit the field instead","path":"subagentRunId"},
  "event/empty-delta": {"seq":3,"message":"TEXT_MESSAGE_CONTENT with an empty delta","path":"delta"},
  "run/event-before-run-started": {"seq":1,"message":"the stream starts with TEXT_MESSAGE_START, not RUN_STARTED"},
  "run/started-while-active": {"seq":2,"message":"RUN_STARTED while the previous run is still open"},
  "run/event-after-run-finished": {"seq":3,"message":"CUSTOM after RUN_FINISHED; start a new run with RUN_STARTED first"},
  "run/event-after-run-error": {"seq":3,"message":"CUSTOM after RUN_ERROR; only a new RUN_STARTED may follow"},
  "run/finished-with-open-message": {"seq":3,"message":"RUN_FINISHED while text messages are still open: a"},
  "run/finished-with-open-tool-call": {"seq":3,"message":"RUN_FINISHED while tool calls are still open: c"},
  "run/finished-with-open-step": {"seq":3,"message":"RUN_FINISHED while steps are still open: plan"},
  "run/finished-with-open-subagent": {"seq":3,"message":"RUN_FINISHED while subagents are still open: s1"},
  "run/finished-with-open-reasoning": {"seq":3,"message":"RUN_FINISHED while reasoning messages or spans are still open: rs"},
  "run/bare-finished": {"seq":2,"message":"RUN_FINISHED without threadId and runId: the runtime's closer after a stop"},
  "run/incomplete": {"seq":4,"message":"run r has no RUN_FINISHED or RUN_ERROR"},
  "run/error": {"seq":2,"message":"run r failed: boom"},
  "text/already-open": {"seq":3,"message":"TEXT_MESSAGE_START: text message \"a\" is already open"},
  "text/not-open": {"seq":2,"message":"TEXT_MESSAGE_CONTENT: no open text message \"a\""},
  "tool/already-open": {"seq":3,"message":"TOOL_CALL_START: tool call \"c\" is already open"},
  "tool/not-open": {"seq":2,"message":"TOOL_CALL_ARGS: no open tool call \"c\""},
  "tool/restarted": {"seq":4,"message":"TOOL_CALL_START for tool call \"c\", which is already in the conversation"},
  "tool/parent-not-assistant": {"seq":2,"message":"TOOL_CALL_START \"c\" names parent \"u1\", a user message; attached to a new assistant message \"c\"","path":"parentMessageId"},
  "tool/args-not-json": {"seq":4,"message":"tool call \"c\" ended with arguments that are not JSON: Unexpected end of JSON input"},
  "tool/result-for-unknown-call": {"seq":2,"message":"TOOL_CALL_RESULT for tool call \"c9\", which no assistant message holds","path":"toolCallId"},
  "tool/placeholder-result": {"seq":4,"message":"TOOL_CALL_RESULT for \"c\" carries the placeholder \"Forwarded to client\"","path":"content"},
  "tool/frontend-call-unanswered": {"seq":4,"message":"run ended awaiting the client's result for tool call \"c\" (pick)"},
  "tool/call-without-result": {"seq":4,"message":"run ended with tool call \"c\" (search) unanswered, and \"search\" is not a tool the client declared"},
  "reasoning/already-open": {"seq":3,"message":"REASONING_MESSAGE_START: reasoning message \"m\" is already open"},
  "reasoning/not-open": {"seq":2,"message":"REASONING_MESSAGE_CONTENT: no open reasoning message \"m\""},
  "thinking/deprecated": {"seq":2,"message":"THINKING_START is deprecated (REASONING_* replaces THINKING_*); shown as reasoning"},
  "step/already-active": {"seq":3,"message":"STEP_STARTED: step \"s\" is already active"},
  "step/not-started": {"seq":2,"message":"STEP_FINISHED for step \"s\", which was not started"},
  "subagent/already-active": {"seq":3,"message":"SUBAGENT_STARTED: subagent \"s1\" is already active"},
  "subagent/id-reused": {"seq":4,"message":"SUBAGENT_STARTED: subagent \"s1\" already finished in this run; ids are per invocation"},
  "subagent/parent-not-started": {"seq":2,"message":"SUBAGENT_STARTED \"s2\" names parent \"s9\", which has not started in this run","path":"parentSubagentRunId"},
  "subagent/not-active": {"seq":2,"message":"SUBAGENT_FINISHED: no active subagent \"s1\""},
  "subagent/owner-mismatch": {"seq":3,"message":"TEXT_MESSAGE_CONTENT is tagged subagent \"s1\" but text message \"a\" belongs to the parent agent","path":"subagentRunId"},
  "chunk/missing-id": {"seq":2,"message":"the first TEXT_MESSAGE_CHUNK of a stream has no messageId","path":"messageId"},
  "chunk/opener-mismatch": {"seq":3,"message":"TEXT_MESSAGE_CHUNK for \"a\" says role \"user\", its opener said \"assistant\"","path":"role"},
  "chunk/ambiguous": {"seq":4,"message":"TEXT_MESSAGE_CHUNK has neither an id nor a subagentRunId while 2 subagent lanes have one open"},
  "message/duplicate-id": {"seq":6,"message":"TOOL_CALL_RESULT adds message \"a\", an id already in the conversation","path":"messageId"},
  "message/activity-id-reused": {"seq":3,"message":"TEXT_MESSAGE_START targets \"act\", which is an activity message; ignored"},
  "activity/unknown-message": {"seq":2,"message":"ACTIVITY_DELTA for \"nope\", which is not in the conversation","path":"messageId"},
  "activity/not-activity": {"seq":4,"message":"ACTIVITY_DELTA for \"a\", a assistant message","path":"messageId"},
  "event/stripped-by-client": {"seq":2,"message":"@ag-ui/client 1.0.0 removes \"finishReason\" from RUN_FINISHED: the reference client never shows it","path":"finishReason"},
  "import/truncated-value": {"seq":2,"message":"STATE_SNAPSHOT holds \"[Truncated depth]\" at snapshot.a.b.c.d: the exporter cut this value; the replay shows the mark, not what the agent sent","path":"snapshot.a.b.c.d"},
  "import/body-repaired": {"seq":1,"message":"the body was saved as UTF-8 read as windows-1252; repaired on import"},
  "import/body-mis-decoded": {"seq":1,"message":"the body looks like UTF-8 read as windows-1252 but does not turn back; kept as saved"},
  "state/patch-failed": {"seq":2,"message":"STATE_DELTA rejected: op 0 at \"/nope\" Cannot perform the operation at a path that does not exist (OPERATION_PATH_UNRESOLVABLE); state unchanged","path":"/nope","opIndex":0},
  "activity/patch-failed": {"seq":3,"message":"ACTIVITY_DELTA for \"act\" rejected: op 0 at \"/nope\" Cannot perform the operation at a path that does not exist (OPERATION_PATH_UNRESOLVABLE)","path":"/nope","opIndex":0},
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

  it("each rule's finding names the record, the field and what happened", () => {
    for (const rule of RULE_IDS) {
      const { rule: _rule, severity: _severity, ...finding } = fold(CASES[rule].bad).find((f) => f.rule === rule)!;
      expect(finding, rule).toEqual(SAYS[rule]);
    }
  });

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
