import { describe, expect, it } from "vitest";
import type { AguiEvent } from "../protocol/events";
import type { EventRecord } from "../session/record";
import { checkWireEvent } from "./checks";
import type { FindingDetail, RuleId } from "./rules";

// Checks on an event as the wire delivered it, one event at a time.

function check(event: AguiEvent, options: { schema?: boolean; issues?: EventRecord["issues"] } = {}) {
  const findings: { rule: RuleId; message: string; detail?: FindingDetail }[] = [];
  const record: EventRecord = { seq: 1, t: 0, x: 1, dir: "in", kind: "event", event, ...(options.issues ? { issues: options.issues } : {}) };
  const fold = checkWireEvent(record, (rule, message, detail) => void findings.push({ rule, message, ...(detail ? { detail } : {}) }), options.schema ?? false);
  return { fold, findings };
}

describe("checkWireEvent", () => {
  it("an unknown type is reported and not folded; a known one is folded", () => {
    expect(check({ type: "FANCY" })).toEqual({ fold: false, findings: [{ rule: "event/unknown-type", message: 'unknown event type "FANCY"; ignored', detail: { path: "type" } }] });
    expect(check({ type: "CUSTOM", name: "n", value: 1 })).toEqual({ fold: true, findings: [] });
  });

  it("reports empty deltas of every kind, with the field", () => {
    expect(check({ type: "TOOL_CALL_ARGS", toolCallId: "c", delta: "" }).findings).toEqual([{ rule: "event/empty-delta", message: "TOOL_CALL_ARGS with an empty delta", detail: { path: "delta" } }]);
    expect(check({ type: "STATE_DELTA", delta: [] }).findings).toEqual([{ rule: "event/empty-delta", message: "STATE_DELTA with no operations", detail: { path: "delta" } }]);
    expect(check({ type: "ACTIVITY_DELTA", messageId: "m", activityType: "A", patch: [] }).findings).toEqual([{ rule: "event/empty-delta", message: "ACTIVITY_DELTA with no operations", detail: { path: "patch" } }]);
    // not empty, or not a delta
    expect(check({ type: "STATE_DELTA", delta: [{ op: "remove", path: "/a" }] }).findings).toEqual([]);
    expect(check({ type: "ACTIVITY_DELTA", messageId: "m", activityType: "A", patch: [{ op: "remove", path: "/a" }] }).findings).toEqual([]);
    expect(check({ type: "CUSTOM", name: "n", value: 1, delta: "", patch: [] }).findings.filter((f) => f.rule === "event/empty-delta")).toEqual([]);
    expect(check({ type: "CUSTOM", name: "n", value: 1, delta: [] }).findings.filter((f) => f.rule === "event/empty-delta")).toEqual([]);
    expect(check({ type: "STATE_SNAPSHOT", snapshot: {}, patch: [] }).findings.filter((f) => f.rule === "event/empty-delta")).toEqual([]);
  });

  it("names both deprecated THINKING_* openers, and nothing else", () => {
    expect(check({ type: "THINKING_TEXT_MESSAGE_START" }).findings).toEqual([{ rule: "thinking/deprecated", message: "THINKING_TEXT_MESSAGE_START is deprecated (REASONING_* replaces THINKING_*); shown as reasoning" }]);
    expect(check({ type: "THINKING_START" }).findings.map((f) => f.rule)).toEqual(["thinking/deprecated"]);
    expect(check({ type: "THINKING_END" }).findings).toEqual([]);
  });

  it("finds the placeholder result in a result event, a messages snapshot and a run's input", () => {
    const tool = (content: string) => ({ id: "t1", role: "tool", toolCallId: "c", content });
    expect(check({ type: "MESSAGES_SNAPSHOT", messages: [{ id: "u", role: "user", content: "Forwarded to client" }, tool("Forwarded to client"), tool("real")] }).findings).toEqual([
      { rule: "tool/placeholder-result", message: 'MESSAGES_SNAPSHOT holds tool message "t1" with the placeholder "Forwarded to client"' },
    ]);
    expect(check({ type: "RUN_STARTED", threadId: "t", runId: "r", input: { messages: [null, tool("Forwarded to client")] } }).findings).toEqual([
      { rule: "tool/placeholder-result", message: 'RUN_STARTED input holds tool message "t1" with the placeholder "Forwarded to client"' },
    ]);
    expect(check({ type: "RUN_STARTED", threadId: "t", runId: "r", input: { messages: "none" } }).findings).toEqual([]);
    expect(check({ type: "RUN_STARTED", threadId: "t", runId: "r", input: "none" }).findings).toEqual([]);
    expect(check({ type: "TOOL_CALL_RESULT", messageId: "m", toolCallId: "c", content: "Forwarded to client" }).findings).toEqual([
      { rule: "tool/placeholder-result", message: 'TOOL_CALL_RESULT for "c" carries the placeholder "Forwarded to client"', detail: { path: "content" } },
    ]);
    // the placeholder text elsewhere is no result
    expect(check({ type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: "Forwarded to client" }).findings).toEqual([]);
    expect(check({ type: "CUSTOM", name: "n", value: 1, content: "Forwarded to client", messages: [tool("Forwarded to client")], input: { messages: [tool("Forwarded to client")] } }).findings.filter((f) => f.rule === "tool/placeholder-result")).toEqual([]);
  });

  it("names every field the client strips, in one finding", () => {
    expect(check({ type: "CUSTOM", name: "n", value: 1, delta: "x", patch: [] }).findings).toEqual([
      { rule: "event/stripped-by-client", message: '@ag-ui/client 1.0.0 removes "delta", "patch" from CUSTOM: the reference client never shows them', detail: { path: "delta" } },
    ]);
  });

  it("finds a truncation mark at the root of a field, or nested in an array", () => {
    expect(check({ type: "CUSTOM", name: "n", value: "[Truncated depth]" }).findings).toEqual([
      { rule: "import/truncated-value", message: 'CUSTOM holds "[Truncated depth]" at value: the exporter cut this value; the replay shows the mark, not what the agent sent', detail: { path: "value" } },
    ]);
    expect(check({ type: "STATE_SNAPSHOT", snapshot: { list: [1, ["x", "[Truncated depth]"]] } }).findings).toEqual([
      { rule: "import/truncated-value", message: 'STATE_SNAPSHOT holds "[Truncated depth]" at snapshot.list.1.1: the exporter cut this value; the replay shows the mark, not what the agent sent', detail: { path: "snapshot.list.1.1" } },
    ]);
  });

  it("reports recorded schema issues per version, joined, and leaves the bare RUN_FINISHED's missing ids to its own rule", () => {
    const issues = [
      { version: "0.0.59" as const, path: "a", message: "bad a" },
      { version: "0.0.59" as const, path: "b", message: "bad b" },
      { version: "1.0.0" as const, path: "c", message: "bad c" },
    ];
    expect(check({ type: "CUSTOM", name: "n", value: 1 }, { issues }).findings).toEqual([
      { rule: "schema/0.0.59", message: "CUSTOM does not match AG-UI 0.0.59: a: bad a; b: bad b", detail: { path: "a" } },
      { rule: "schema/1.0.0", message: "CUSTOM does not match AG-UI 1.0.0: c: bad c", detail: { path: "c" } },
    ]);
    const bare = [
      { version: "0.0.59" as const, path: "threadId", message: "Required" },
      { version: "0.0.59" as const, path: "runId", message: "Required" },
      { version: "0.0.59" as const, path: "result", message: "odd" },
    ];
    expect(check({ type: "RUN_FINISHED" }, { issues: bare }).findings).toEqual([{ rule: "schema/0.0.59", message: "RUN_FINISHED does not match AG-UI 0.0.59: result: odd", detail: { path: "result" } }]);
    // with one id present, or for another type, a missing id is a schema issue like any other
    expect(check({ type: "RUN_FINISHED", threadId: "t" }, { issues: bare.slice(1, 2) }).findings.map((f) => f.rule)).toEqual(["schema/0.0.59"]);
    expect(check({ type: "RUN_FINISHED", runId: "r" }, { issues: bare.slice(0, 1) }).findings.map((f) => f.rule)).toEqual(["schema/0.0.59"]);
    expect(check({ type: "RUN_STARTED" }, { issues: bare.slice(0, 1) }).findings.map((f) => f.rule)).toEqual(["schema/0.0.59"]);
  });

  it("checks the schema itself only when asked and nothing was recorded", () => {
    const bad: AguiEvent = { type: "TEXT_MESSAGE_CONTENT", messageId: 5, delta: "x" };
    expect(check(bad).findings).toEqual([]);
    expect(check(bad, { schema: true }).findings.map((f) => f.rule)).toEqual(["schema/0.0.59", "schema/1.0.0"]);
    expect(check(bad, { schema: true, issues: [] }).findings).toEqual([]);
  });
});
