import { describe, expect, it } from "vitest";
import type { AguiEvent } from "../protocol/events";
import { StreamVerifier } from "./verify";
import type { FindingDetail, RuleId } from "./rules";

function verify(events: AguiEvent[]) {
  const findings: { rule: RuleId; message: string; path?: string }[] = [];
  const v = new StreamVerifier((rule: RuleId, message: string, detail?: FindingDetail) => void findings.push({ rule, message, ...(detail?.path ? { path: detail.path } : {}) }));
  for (const e of events) v.check(e);
  return findings;
}

const R: AguiEvent = { type: "RUN_STARTED", threadId: "t", runId: "r" };
const F: AguiEvent = { type: "RUN_FINISHED", threadId: "t", runId: "r" };
const E: AguiEvent = { type: "RUN_ERROR", message: "x" };

describe("StreamVerifier run order", () => {
  it("reports only the first stray event after a terminal, and a new RUN_STARTED starts clean", () => {
    expect(verify([R, F, { type: "CUSTOM", name: "a", value: 1 }, { type: "CUSTOM", name: "b", value: 1 }, R, { type: "TEXT_MESSAGE_START", messageId: "m" }, { type: "TEXT_MESSAGE_END", messageId: "m" }, F, { type: "STEP_STARTED", stepName: "s" }])).toEqual([
      { rule: "run/event-after-run-finished", message: "CUSTOM after RUN_FINISHED; start a new run with RUN_STARTED first" },
      { rule: "run/event-after-run-finished", message: "STEP_STARTED after RUN_FINISHED; start a new run with RUN_STARTED first" },
    ]);
    expect(verify([R, E, { type: "RUN_FINISHED" }, { type: "CUSTOM", name: "a", value: 1 }])).toEqual([{ rule: "run/event-after-run-error", message: "RUN_FINISHED after RUN_ERROR; only a new RUN_STARTED may follow" }]);
    // RUN_ERROR after RUN_FINISHED is allowed; after it only RUN_STARTED
    expect(verify([R, F, E, R, F])).toEqual([]);
  });

  it("a stream may open with RUN_ERROR; any other first event is reported", () => {
    expect(verify([E])).toEqual([]);
    expect(verify([{ type: "CUSTOM", name: "n", value: 1 }, R, F])).toEqual([{ rule: "run/event-before-run-started", message: "the stream starts with CUSTOM, not RUN_STARTED" }]);
  });

  it("a RUN_STARTED over an open run is reported once and starts that run clean", () => {
    expect(verify([R, { type: "TEXT_MESSAGE_START", messageId: "m" }, R, { type: "TEXT_MESSAGE_START", messageId: "m" }, { type: "TEXT_MESSAGE_END", messageId: "m" }, F])).toEqual([
      { rule: "run/started-while-active", message: "RUN_STARTED while the previous run is still open" },
    ]);
  });

  it("lists everything still open at RUN_FINISHED, steps with their subagent", () => {
    const open: AguiEvent[] = [
      R,
      { type: "STEP_STARTED", stepName: "plan" },
      { type: "STEP_STARTED", stepName: "sub", subagentRunId: "s1" },
      { type: "SUBAGENT_STARTED", subagentRunId: "s1", name: "x" },
      { type: "TEXT_MESSAGE_START", messageId: "m1" },
      { type: "TEXT_MESSAGE_START", messageId: "m2" },
      { type: "REASONING_START", messageId: "rs" },
      { type: "REASONING_MESSAGE_START", messageId: "rm", role: "reasoning" },
      { type: "TOOL_CALL_START", toolCallId: "c", toolCallName: "f" },
      F,
    ];
    expect(verify(open).map((f) => f.message)).toEqual([
      "RUN_FINISHED while steps are still open: plan, sub (subagent s1)",
      "RUN_FINISHED while text messages are still open: m1, m2",
      "RUN_FINISHED while reasoning messages or spans are still open: rm, rs",
      "RUN_FINISHED while tool calls are still open: c",
      "RUN_FINISHED while subagents are still open: s1",
    ]);
  });
});

describe("StreamVerifier ids and owners", () => {
  it("opens, continues and closes each kind by id, reporting a second open and a continuation with nothing open", () => {
    const f = verify([
      R,
      { type: "REASONING_START", messageId: "s" },
      { type: "REASONING_START", messageId: "s" },
      { type: "REASONING_END", messageId: "s" },
      { type: "REASONING_END", messageId: "s" },
      { type: "TOOL_CALL_START", toolCallId: "c", toolCallName: "f" },
      { type: "TOOL_CALL_ARGS", toolCallId: "c", delta: "{}" },
      { type: "TOOL_CALL_END", toolCallId: "c" },
      { type: "TOOL_CALL_END", toolCallId: "c" },
      { type: "REASONING_MESSAGE_END", messageId: "nope" },
      F,
    ]);
    expect(f.map((x) => x.message)).toEqual([
      'REASONING_START: reasoning span "s" is already open',
      'REASONING_END: no open reasoning span "s"',
      'TOOL_CALL_END: no open tool call "c"',
      'REASONING_MESSAGE_END: no open reasoning message "nope"',
    ]);
    expect(f.map((x) => x.rule)).toEqual(["reasoning/already-open", "reasoning/not-open", "tool/not-open", "reasoning/not-open"]);
  });

  it("a tool result's message belongs to the subagent that sent it", () => {
    const f = verify([
      R,
      { type: "TOOL_CALL_RESULT", messageId: "res", toolCallId: "c", content: "ok", subagentRunId: "s1" },
      { type: "TOOL_CALL_START", toolCallId: "d", toolCallName: "f", parentMessageId: "res", subagentRunId: "s2" },
      { type: "TOOL_CALL_END", toolCallId: "d" },
      F,
    ]);
    expect(f.map((x) => x.message)).toEqual(['TOOL_CALL_START "d" is tagged subagent "s2" but its parent message "res" belongs to subagent "s1"']);
  });

  it("reports a null subagentRunId on any event", () => {
    expect(verify([R, { type: "CUSTOM", name: "n", value: 1, subagentRunId: null }, F])).toEqual([{ rule: "event/null-subagent-run-id", message: "CUSTOM has subagentRunId: null; omit the field instead", path: "subagentRunId" }]);
  });

  it("holds each message, call and reasoning to the subagent that opened it; untagged continuations are fine", () => {
    const f = verify([
      R,
      { type: "TEXT_MESSAGE_START", messageId: "m", subagentRunId: "s1" },
      { type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: "x" },
      { type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: "x", subagentRunId: "s1" },
      { type: "TEXT_MESSAGE_END", messageId: "m", subagentRunId: "s2" },
      { type: "REASONING_MESSAGE_START", messageId: "r", role: "reasoning" },
      { type: "REASONING_MESSAGE_END", messageId: "r", subagentRunId: "s3" },
      // an id reopened later keeps its first owner
      { type: "TEXT_MESSAGE_START", messageId: "m", subagentRunId: "s4" },
      F,
    ]);
    expect(f).toEqual([
      { rule: "subagent/owner-mismatch", message: 'TEXT_MESSAGE_END is tagged subagent "s2" but text message "m" belongs to subagent "s1"', path: "subagentRunId" },
      { rule: "subagent/owner-mismatch", message: 'REASONING_MESSAGE_END is tagged subagent "s3" but reasoning message "r" belongs to the parent agent', path: "subagentRunId" },
      { rule: "subagent/owner-mismatch", message: 'TEXT_MESSAGE_START is tagged subagent "s4" but text message "m" belongs to subagent "s1"', path: "subagentRunId" },
      { rule: "run/finished-with-open-message", message: "RUN_FINISHED while text messages are still open: m" },
    ]);
  });

  it("a tool call inherits its parent message's owner, and a restart under another parent's owner is reported", () => {
    const f = verify([
      R,
      { type: "TEXT_MESSAGE_START", messageId: "p1", subagentRunId: "s1" },
      { type: "TEXT_MESSAGE_END", messageId: "p1" },
      { type: "TEXT_MESSAGE_START", messageId: "p0" },
      { type: "TEXT_MESSAGE_END", messageId: "p0" },
      { type: "TOOL_CALL_START", toolCallId: "c", toolCallName: "f", parentMessageId: "p1" },
      { type: "TOOL_CALL_END", toolCallId: "c", subagentRunId: "s1" },
      { type: "TOOL_CALL_START", toolCallId: "d", toolCallName: "f", parentMessageId: "p1", subagentRunId: "s2" },
      { type: "TOOL_CALL_END", toolCallId: "d" },
      { type: "TOOL_CALL_START", toolCallId: "c", toolCallName: "f", parentMessageId: "p0" },
      { type: "TOOL_CALL_END", toolCallId: "c" },
      { type: "TOOL_CALL_START", toolCallId: "e", toolCallName: "f", parentMessageId: "unknown" },
      { type: "TOOL_CALL_END", toolCallId: "e", subagentRunId: "s9" },
      F,
    ]);
    expect(f).toEqual([
      { rule: "subagent/owner-mismatch", message: 'TOOL_CALL_START "d" is tagged subagent "s2" but its parent message "p1" belongs to subagent "s1"', path: "subagentRunId" },
      { rule: "subagent/owner-mismatch", message: 'TOOL_CALL_START "c" belongs to subagent "s1" but its parent message "p0" belongs to the parent agent', path: "parentMessageId" },
      { rule: "subagent/owner-mismatch", message: 'TOOL_CALL_END is tagged subagent "s9" but tool call "e" belongs to the parent agent', path: "subagentRunId" },
    ]);
  });

  it("takes owners from replayed history: a snapshot overrides, a run's input only fills gaps", () => {
    const history = [
      { id: "a", role: "assistant", content: "", subagentRunId: "s1", toolCalls: [{ id: "c", type: "function", function: { name: "f", arguments: "" } }, null] },
      { id: "r", role: "reasoning", content: "" },
      { id: "act", role: "activity", activityType: "A", content: {} },
      null,
      { id: 5 },
    ];
    const f = verify([
      { ...R, input: { messages: history } },
      { type: "TEXT_MESSAGE_START", messageId: "a", subagentRunId: "s2" },
      { type: "TEXT_MESSAGE_END", messageId: "a", subagentRunId: "s2" },
      { type: "TOOL_CALL_START", toolCallId: "c", toolCallName: "f", subagentRunId: "s2" },
      { type: "TOOL_CALL_END", toolCallId: "c", subagentRunId: "s2" },
      { type: "REASONING_MESSAGE_START", messageId: "r", role: "reasoning", subagentRunId: "s3" },
      { type: "REASONING_MESSAGE_END", messageId: "r", subagentRunId: "s3" },
      { type: "TEXT_MESSAGE_START", messageId: "act", subagentRunId: "s4" },
      { type: "TEXT_MESSAGE_END", messageId: "act", subagentRunId: "s4" },
      F,
    ]);
    expect(f.map((x) => x.message)).toEqual([
      'TEXT_MESSAGE_START is tagged subagent "s2" but text message "a" belongs to subagent "s1"',
      'TEXT_MESSAGE_END is tagged subagent "s2" but text message "a" belongs to subagent "s1"',
      'TOOL_CALL_START is tagged subagent "s2" but tool call "c" belongs to subagent "s1"',
      'TOOL_CALL_END is tagged subagent "s2" but tool call "c" belongs to subagent "s1"',
      'REASONING_MESSAGE_START is tagged subagent "s3" but reasoning message "r" belongs to the parent agent',
      'REASONING_MESSAGE_END is tagged subagent "s3" but reasoning message "r" belongs to the parent agent',
    ]);
    // a MESSAGES_SNAPSHOT names the owner even of an id already known
    const g = verify([
      R,
      { type: "TEXT_MESSAGE_START", messageId: "a", subagentRunId: "s1" },
      { type: "TEXT_MESSAGE_END", messageId: "a" },
      { type: "MESSAGES_SNAPSHOT", messages: [{ id: "a", role: "assistant", content: "", subagentRunId: "s2" }] },
      { type: "TEXT_MESSAGE_START", messageId: "a", subagentRunId: "s2" },
      { type: "TEXT_MESSAGE_END", messageId: "a" },
      F,
    ]);
    expect(g).toEqual([]);
    // a run's input does not override an owner already known
    const h = verify([
      { type: "MESSAGES_SNAPSHOT", messages: [{ id: "a", role: "assistant", content: "", subagentRunId: "s1" }] },
      { ...R, input: { messages: [{ id: "a", role: "assistant", content: "", subagentRunId: "s9" }] } },
      { type: "TEXT_MESSAGE_START", messageId: "a", subagentRunId: "s9" },
      { type: "TEXT_MESSAGE_END", messageId: "a" },
      F,
    ]);
    expect(h.map((x) => x.message)).toEqual(["the stream starts with MESSAGES_SNAPSHOT, not RUN_STARTED", 'TEXT_MESSAGE_START is tagged subagent "s9" but text message "a" belongs to subagent "s1"']);
  });

  it("tracks steps per owner, and names the owner a step was finished under by mistake", () => {
    const f = verify([
      R,
      { type: "STEP_STARTED", stepName: "s", subagentRunId: "a1" },
      { type: "STEP_STARTED", stepName: "s", subagentRunId: "a1" },
      { type: "STEP_STARTED", stepName: "s" },
      { type: "STEP_FINISHED", stepName: "s" },
      { type: "STEP_FINISHED", stepName: "s" },
      { type: "STEP_FINISHED", stepName: "s", subagentRunId: "a1" },
      { type: "STEP_FINISHED", stepName: "z" },
      F,
    ]);
    expect(f.map((x) => x.message)).toEqual([
      'STEP_STARTED: step "s" is already active in subagent "a1"',
      'STEP_FINISHED for step "s" by the parent agent, but that step is open under subagent "a1"',
      'STEP_FINISHED for step "z", which was not started',
    ]);
    expect(f.map((x) => x.rule)).toEqual(["step/already-active", "step/not-started", "step/not-started"]);
  });

  it("tracks subagents: a parent must have started, an id is used once per run, an end needs a start", () => {
    const f = verify([
      R,
      { type: "SUBAGENT_STARTED", subagentRunId: "p", name: "x" },
      { type: "SUBAGENT_STARTED", subagentRunId: "c", name: "x", parentSubagentRunId: "p" },
      { type: "SUBAGENT_FINISHED", subagentRunId: "p" },
      { type: "SUBAGENT_STARTED", subagentRunId: "c2", name: "x", parentSubagentRunId: "p" },
      { type: "SUBAGENT_STARTED", subagentRunId: "c3", name: "x", parentSubagentRunId: null },
      { type: "SUBAGENT_ERROR", subagentRunId: "c", message: "x" },
      { type: "SUBAGENT_ERROR", subagentRunId: "c", message: "x" },
      { type: "SUBAGENT_FINISHED" },
      { type: "SUBAGENT_STARTED", name: "x" },
      { type: "SUBAGENT_FINISHED", subagentRunId: "c2" },
      { type: "SUBAGENT_FINISHED", subagentRunId: "c3" },
      F,
    ]);
    expect(f.map((x) => x.message)).toEqual(['SUBAGENT_ERROR: no active subagent "c"']);
  });
});
