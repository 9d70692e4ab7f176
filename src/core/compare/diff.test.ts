import { describe, expect, it } from "vitest";
import type { AguiEvent } from "../protocol/events";
import { digestSession, type RunDigest } from "./beats";
import { compareRuns, pairedIds, type Difference } from "./diff";
import { DEFAULT_RULES, EXACT_RULES, judge, parseRules } from "./rules";
import { compareSessions, RunSelectionError } from "./sessions";
import { run, session } from "./test-util";

// Each kind of beat, changed one way, gives exactly the difference that names the change.

const digest = (runId: string, ...middle: AguiEvent[]): RunDigest => digestSession(session({ runId }, ...run(runId, ...middle))).runs[0];
const kinds = (diffs: Difference[]) => diffs.map((d) => [d.kind, d.path ?? "", d.before, d.after]);

function differ(make: (runId: string, variant: boolean) => AguiEvent[]): Difference[] {
  return compareRuns(digest("run-aaaaaa", ...make("run-aaaaaa", false)), digest("run-bbbbbb", ...make("run-bbbbbb", true))).differences;
}

describe("differences by beat kind", () => {
  it("reasoning text", () => {
    const diffs = differ((id, v) => [
      { type: "REASONING_START", messageId: `${id}-r` },
      { type: "REASONING_MESSAGE_START", messageId: `${id}-rm`, role: "reasoning" },
      { type: "REASONING_MESSAGE_CONTENT", messageId: `${id}-rm`, delta: v ? "Plan B." : "Plan A." },
      { type: "REASONING_MESSAGE_END", messageId: `${id}-rm` },
      { type: "REASONING_END", messageId: `${id}-r` },
    ]);
    expect(kinds(diffs)).toEqual([["text", "", "Plan A.", "Plan B."]]);
    expect(diffs[0]).toMatchObject({ beatKind: "reasoning", message: 'reasoning message text differs: "Plan A." → "Plan B."' });
  });

  it("activity content after its deltas", () => {
    const diffs = differ((id, v) => [
      { type: "ACTIVITY_SNAPSHOT", messageId: `${id}-act`, activityType: "search", content: { status: "running", hits: 0 } },
      { type: "ACTIVITY_DELTA", messageId: `${id}-act`, activityType: "search", patch: [{ op: "replace", path: "/hits", value: v ? 4 : 3 }] },
    ]);
    expect(kinds(diffs)).toEqual([["activity", "/hits", 3, 4]]);
    expect(diffs[0].message).toBe('activity "search" /hits 3 → 4');
    expect(judge(diffs, DEFAULT_RULES).failures).toEqual([]);
    // Activity content counts by shape, even under exact: a changed number is a note.
    expect(judge(diffs, EXACT_RULES).failures).toEqual([]);
  });

  it("custom event values, and a changed type fails", () => {
    const diffs = differ((_id, v) => [{ type: "CUSTOM", name: "progress", value: { pct: v ? "100" : 100 } }]);
    expect(kinds(diffs)).toEqual([["custom", "/pct", 100, "100"]]);
    expect(judge(diffs, DEFAULT_RULES).failures).toHaveLength(1);
  });

  it("tool results by JSON Patch, named after their call", () => {
    const diffs = differ((id, v) => [
      { type: "TOOL_CALL_START", toolCallId: `${id}-t`, toolCallName: "lookup" },
      { type: "TOOL_CALL_END", toolCallId: `${id}-t` },
      { type: "TOOL_CALL_RESULT", messageId: `${id}-r`, toolCallId: `${id}-t`, content: JSON.stringify({ found: v ? 2 : 1, id: `${id}-t` }) },
    ]);
    expect(kinds(diffs)).toEqual([["tool-result", "/found", 1, 2]]);
    expect(diffs[0].message).toBe('tool result of "lookup" /found 1 → 2');
    expect(judge(diffs, DEFAULT_RULES).failures).toEqual([]);
    expect(judge(diffs, parseRules({ toolResults: "exact" })).failures).toHaveLength(1);
    expect(judge(diffs, parseRules({ preset: "exact", toolResults: "any" })).failures).toEqual([]);
  });

  it("tool arguments that are not JSON compare as text", () => {
    const diffs = differ((id, v) => [
      { type: "TOOL_CALL_START", toolCallId: `${id}-t`, toolCallName: "f" },
      { type: "TOOL_CALL_ARGS", toolCallId: `${id}-t`, delta: v ? "not json" : "not json either" },
      { type: "TOOL_CALL_END", toolCallId: `${id}-t` },
    ]).filter((d) => d.kind !== "findings");
    expect(kinds(diffs)).toEqual([["tool-args", "", "not json either", "not json"]]);
    expect(diffs[0].message).toBe('tool call "f" argument (whole) "not json either" → "not json"');
  });

  it("the outcome: an interrupt instead of a success, and an error", () => {
    const interrupted = (id: string): AguiEvent[] => [{ type: "RUN_STARTED", threadId: "thread-one", runId: id }, { type: "RUN_FINISHED", threadId: "thread-one", runId: id, outcome: { type: "interrupt", interrupts: [{ id: `${id}-i`, reason: "approval" }] } }];
    const a = digest("run-aaaaaa");
    const b = digestSession(session({ runId: "run-bbbbbb" }, ...interrupted("run-bbbbbb"))).runs[0];
    const diffs = compareRuns(a, b).differences;
    expect(diffs.map((d) => d.kind)).toEqual(["outcome"]);
    expect(diffs[0].message).toBe("the run ended successfully, now with an interrupt (approval)");
    expect(judge(diffs, parseRules({ preset: "exact" })).failures).toHaveLength(1);
    const failed = digestSession(session({ runId: "run-cccccc" }, { type: "RUN_STARTED", threadId: "thread-one", runId: "run-cccccc" }, { type: "RUN_ERROR", message: "quota" })).runs[0];
    const errorDiffs = compareRuns(a, failed).differences;
    expect(errorDiffs.find((d) => d.kind === "outcome")?.message).toBe("the run ended successfully, now with RUN_ERROR (quota)");
    // Two runs that both interrupt, with their own interrupt ids, are equal.
    const b2 = digestSession(session({ runId: "run-dddddd" }, ...interrupted("run-dddddd"))).runs[0];
    expect(compareRuns(b, b2).differences).toEqual([]);
  });

  it("a beat removed names what it followed; state paths changed at an aligned update", () => {
    const diffs = differ((id, v) => [
      { type: "STATE_SNAPSHOT", snapshot: { a: 1, b: 1 } },
      { type: "TEXT_MESSAGE_START", messageId: `${id}-m`, role: "assistant" },
      { type: "TEXT_MESSAGE_END", messageId: `${id}-m` },
      ...(v ? [] : [{ type: "STEP_STARTED", stepName: "check" }, { type: "STEP_FINISHED", stepName: "check" }]),
      { type: "STATE_DELTA", delta: v ? [{ op: "replace", path: "/b", value: 2 }] : [{ op: "replace", path: "/a", value: 2 }] },
    ]);
    expect(diffs.map((d) => [d.kind, d.path ?? d.name, d.op ?? ""])).toEqual([
      ["beat-removed", "check", ""],
      ["state-paths", "/a", "remove"],
      ["state-paths", "/b", "add"],
      ["state", "/b", "replace"],
      ["state", "/a", "replace"],
    ]);
    expect(diffs[0].message).toBe('step "check" removed (after the assistant message)');
    expect(diffs[1].message).toBe("state path /a is no longer changed by state update #2");
    expect(diffs[2].message).toBe("state path /b is now changed by state update #2");
  });

  it("messages snapshots by their roles", () => {
    const diffs = differ((_id, v) => [{ type: "MESSAGES_SNAPSHOT", messages: [{ id: "m1", role: "user", content: "hi" }, { id: "m2", role: v ? "assistant" : "system", content: "x" }] }]);
    expect(kinds(diffs)).toEqual([["messages", "/1", "system", "assistant"]]);
    expect(judge(diffs, DEFAULT_RULES).failures).toHaveLength(1);
  });

  it("findings: any change fails under findings=all, none under ignore", () => {
    const diffs = differ((id, v) => (v ? [{ type: "TEXT_MESSAGE_CONTENT", messageId: `${id}-x`, delta: "" }] : []));
    expect(diffs.map((d) => d.kind)).toContain("findings");
    const findings = diffs.filter((d) => d.kind === "findings");
    expect(judge(findings, parseRules({ findings: "all" })).failures).toHaveLength(findings.length);
    expect(judge(findings, parseRules({ findings: "ignore" })).failures).toEqual([]);
  });
});

describe("picking runs", () => {
  const two = [...session({ runId: "run-aaaaaa" }, ...run("run-aaaaaa")), ...session({ runId: "run-bbbbbb" }, ...run("run-bbbbbb")).map((r) => ({ ...r, seq: r.seq + 50, x: 2 }))];
  const one = session({ runId: "run-cccccc" }, ...run("run-cccccc"));

  it("one id from either file pairs it with the run at the same position on the other side", () => {
    expect(compareSessions(two, two, ["#2"]).runs.map((r) => [r.a.runId, r.b.runId])).toEqual([["run-bbbbbb", "run-bbbbbb"]]);
    expect(() => compareSessions(one, two, ["run-bbbbbb"])).toThrow(new RunSelectionError('the first file has no run #2 to compare with "run-bbbbbb"'));
    expect(() => compareSessions(one, two, ["run-zzzzzz"])).toThrow(/no run "run-zzzzzz" in either file \(first: run-cccccc; second: run-aaaaaa, run-bbbbbb\)/);
    expect(() => compareSessions(one, two, ["a", "b", "c"])).toThrow(/at most twice/);
  });
});

describe("pairedIds", () => {
  it("maps the run, its messages and calls, and keeps the tool name only when the agent called the same tool", () => {
    const calls = (id: string, name: string): AguiEvent[] => [
      { type: "TEXT_MESSAGE_START", messageId: `${id}-m`, role: "assistant" },
      { type: "TEXT_MESSAGE_END", messageId: `${id}-m` },
      { type: "TOOL_CALL_START", toolCallId: `${id}-c`, toolCallName: name },
      { type: "TOOL_CALL_END", toolCallId: `${id}-c` },
    ];
    const same = pairedIds(digest("run-aaaaaa", ...calls("run-aaaaaa", "confirm")), digest("run-bbbbbb", ...calls("run-bbbbbb", "confirm")));
    expect(Object.fromEntries(same)).toEqual({
      "run-aaaaaa": { id: "run-bbbbbb" },
      "run-aaaaaa-m": { id: "run-bbbbbb-m" },
      "run-aaaaaa-c": { id: "run-bbbbbb-c", toolName: "confirm" },
    });
    const renamed = pairedIds(digest("run-aaaaaa", ...calls("run-aaaaaa", "confirm")), digest("run-bbbbbb", ...calls("run-bbbbbb", "approve")));
    expect(renamed.get("run-aaaaaa-c")).toEqual({ id: "run-bbbbbb-c" });
  });
});
