import { describe, expect, it } from "vitest";
import type { AguiEvent } from "../protocol/events";
import { cloneLanes, expandChunks, type Lanes } from "./chunks";
import type { RuleId } from "./rules";

// The events each chunk expands to, exactly: lane tags, metadata and rawEvent included.
// (chunks.test.ts shows the same expansion through the replay's messages.)

function expander() {
  const lanes: Lanes = new Map();
  const findings: { rule: RuleId; message: string }[] = [];
  const report = (rule: RuleId, message: string) => void findings.push({ rule, message });
  const push = (event: AguiEvent): AguiEvent[] => {
    const out: AguiEvent[] = [];
    expandChunks(event, lanes, out, report);
    return out;
  };
  return { lanes, findings, push };
}

describe("expandChunks", () => {
  it("tags a subagent's stream on every event it makes, metadata on each, and closes it when the subagent finishes", () => {
    const { push, findings } = expander();
    expect(push({ type: "TEXT_MESSAGE_CHUNK", messageId: "a", subagentRunId: "s1", delta: "x", metadata: { m: 1 } })).toEqual([
      { type: "TEXT_MESSAGE_START", messageId: "a", role: "assistant", subagentRunId: "s1", metadata: { m: 1 } },
      { type: "TEXT_MESSAGE_CONTENT", messageId: "a", delta: "x", subagentRunId: "s1", metadata: { m: 1 } },
    ]);
    // untagged and id-less: the only open text stream is s1's, and its events stay s1's
    expect(push({ type: "TEXT_MESSAGE_CHUNK", delta: "y" })).toEqual([{ type: "TEXT_MESSAGE_CONTENT", messageId: "a", delta: "y", subagentRunId: "s1" }]);
    const finished: AguiEvent = { type: "SUBAGENT_FINISHED", subagentRunId: "s1" };
    expect(push(finished)).toEqual([{ type: "TEXT_MESSAGE_END", messageId: "a", subagentRunId: "s1" }, finished]);
    expect(findings).toEqual([]);
  });

  it("makes parent-agent events without a subagentRunId, a name only when given, and ends them at RUN_FINISHED", () => {
    const { push } = expander();
    expect(push({ type: "TEXT_MESSAGE_CHUNK", messageId: "a", delta: "x" })).toEqual([
      { type: "TEXT_MESSAGE_START", messageId: "a", role: "assistant" },
      { type: "TEXT_MESSAGE_CONTENT", messageId: "a", delta: "x" },
    ]);
    const run: AguiEvent = { type: "RUN_FINISHED", threadId: "t", runId: "r" };
    expect(push(run)).toEqual([{ type: "TEXT_MESSAGE_END", messageId: "a" }, run]);
  });

  it("a subagent event without an id, or another event tagged with the subagent, leaves its lane open", () => {
    const { push, lanes } = expander();
    push({ type: "TEXT_MESSAGE_CHUNK", messageId: "a", delta: "x" });
    push({ type: "TEXT_MESSAGE_CHUNK", messageId: "b", subagentRunId: "s1", delta: "x" });
    const anonymous: AguiEvent = { type: "SUBAGENT_FINISHED" };
    expect(push(anonymous)).toEqual([anonymous]);
    const raw: AguiEvent = { type: "RAW", event: {}, subagentRunId: "s1" };
    expect(push(raw)).toEqual([raw]);
    expect([...lanes.keys()]).toEqual([undefined, "s1"]);
    const error: AguiEvent = { type: "SUBAGENT_ERROR", subagentRunId: "s1", message: "x" };
    expect(push(error)).toEqual([{ type: "TEXT_MESSAGE_END", messageId: "b", subagentRunId: "s1" }, error]);
  });

  it("opens a tool call with its name and parent, appends arguments, and keeps no parent it was not given", () => {
    const { push } = expander();
    expect(push({ type: "TOOL_CALL_CHUNK", toolCallId: "c", toolCallName: "f", parentMessageId: "p", delta: '{"a"' })).toEqual([
      { type: "TOOL_CALL_START", toolCallId: "c", toolCallName: "f", parentMessageId: "p" },
      { type: "TOOL_CALL_ARGS", toolCallId: "c", delta: '{"a"' },
    ]);
    expect(push({ type: "TOOL_CALL_CHUNK", toolCallId: "c", delta: ":1}" })).toEqual([{ type: "TOOL_CALL_ARGS", toolCallId: "c", delta: ":1}" }]);
    expect(push({ type: "TOOL_CALL_CHUNK", toolCallId: "d", toolCallName: "g" })).toEqual([
      { type: "TOOL_CALL_END", toolCallId: "c" },
      { type: "TOOL_CALL_START", toolCallId: "d", toolCallName: "g" },
    ]);
  });

  it("a text chunk in a lane where a tool call is open closes the call and opens a message", () => {
    const { push } = expander();
    push({ type: "TOOL_CALL_CHUNK", toolCallId: "x", toolCallName: "f" });
    expect(push({ type: "TEXT_MESSAGE_CHUNK", messageId: "x", delta: "hi" })).toEqual([
      { type: "TOOL_CALL_END", toolCallId: "x" },
      { type: "TEXT_MESSAGE_START", messageId: "x", role: "assistant" },
      { type: "TEXT_MESSAGE_CONTENT", messageId: "x", delta: "hi" },
    ]);
  });

  it("opens a reasoning message with the reasoning role and closes it tagged", () => {
    const { push } = expander();
    expect(push({ type: "REASONING_MESSAGE_CHUNK", messageId: "r", subagentRunId: "s2", delta: "t" })).toEqual([
      { type: "REASONING_MESSAGE_START", messageId: "r", role: "reasoning", subagentRunId: "s2" },
      { type: "REASONING_MESSAGE_CONTENT", messageId: "r", delta: "t", subagentRunId: "s2" },
    ]);
    const run: AguiEvent = { type: "RUN_ERROR", message: "x" };
    expect(push(run)).toEqual([{ type: "REASONING_MESSAGE_END", messageId: "r", subagentRunId: "s2" }, run]);
  });

  it("carries rawEvent as an empty-delta content, and metadata-only chunks as one content event at most", () => {
    const { push } = expander();
    // an opener with metadata only: the start carries it, no content event
    expect(push({ type: "TEXT_MESSAGE_CHUNK", messageId: "a", metadata: { k: 1 } })).toEqual([{ type: "TEXT_MESSAGE_START", messageId: "a", role: "assistant", metadata: { k: 1 } }]);
    expect(push({ type: "TEXT_MESSAGE_CHUNK", messageId: "a", rawEvent: { raw: true } })).toEqual([{ type: "TEXT_MESSAGE_CONTENT", messageId: "a", delta: "", rawEvent: { raw: true } }]);
    expect(push({ type: "TEXT_MESSAGE_CHUNK", messageId: "a", metadata: { k: 2 } })).toEqual([{ type: "TEXT_MESSAGE_CONTENT", messageId: "a", delta: "", metadata: { k: 2 } }]);
    // a chunk with nothing in it changes nothing
    expect(push({ type: "TEXT_MESSAGE_CHUNK", messageId: "a" })).toEqual([]);
    push({ type: "TOOL_CALL_CHUNK", toolCallId: "c", toolCallName: "f", subagentRunId: "s1" });
    expect(push({ type: "TOOL_CALL_CHUNK", toolCallId: "c", metadata: { k: 3 } })).toEqual([{ type: "TOOL_CALL_ARGS", toolCallId: "c", delta: "", metadata: { k: 3 }, subagentRunId: "s1" }]);
    push({ type: "REASONING_MESSAGE_CHUNK", messageId: "r", subagentRunId: "s2" });
    expect(push({ type: "REASONING_MESSAGE_CHUNK", messageId: "r", metadata: { k: 4 } })).toEqual([{ type: "REASONING_MESSAGE_CONTENT", messageId: "r", delta: "", metadata: { k: 4 }, subagentRunId: "s2" }]);
  });

  it("finds a chunk's stream by kind and id across lanes, and reports a tag only when it disagrees", () => {
    const { push, findings } = expander();
    push({ type: "TEXT_MESSAGE_CHUNK", messageId: "a", subagentRunId: "s1", delta: "x" });
    push({ type: "TOOL_CALL_CHUNK", toolCallId: "b", toolCallName: "f", subagentRunId: "s3" });
    // "b" in s2 is a new text stream, not s3's tool call nor s1's message
    expect(push({ type: "TEXT_MESSAGE_CHUNK", messageId: "b", subagentRunId: "s2", delta: "y" })).toEqual([
      { type: "TEXT_MESSAGE_START", messageId: "b", role: "assistant", subagentRunId: "s2" },
      { type: "TEXT_MESSAGE_CONTENT", messageId: "b", delta: "y", subagentRunId: "s2" },
    ]);
    // "a" untagged continues s1's stream, without a finding
    expect(push({ type: "TEXT_MESSAGE_CHUNK", messageId: "a", delta: "z" })).toEqual([{ type: "TEXT_MESSAGE_CONTENT", messageId: "a", delta: "z", subagentRunId: "s1" }]);
    expect(findings).toEqual([]);
    // tagged with its own lane: no finding either
    push({ type: "TEXT_MESSAGE_CHUNK", messageId: "a", subagentRunId: "s1", delta: "w" });
    expect(findings).toEqual([]);
    push({ type: "TEXT_MESSAGE_CHUNK", messageId: "a", delta: "v", subagentRunId: "s9" });
    expect(findings).toEqual([{ rule: "subagent/owner-mismatch", message: 'TEXT_MESSAGE_CHUNK for "a" is tagged subagent "s9" but its stream belongs to subagent "s1"' }]);
  });

  it("an id-less, untagged chunk continues the parent's stream of its kind before any subagent's", () => {
    const { push, findings } = expander();
    push({ type: "TEXT_MESSAGE_CHUNK", messageId: "p", delta: "x" });
    push({ type: "TEXT_MESSAGE_CHUNK", messageId: "s", subagentRunId: "s1", delta: "x" });
    expect(push({ type: "TEXT_MESSAGE_CHUNK", delta: "y" })).toEqual([{ type: "TEXT_MESSAGE_CONTENT", messageId: "p", delta: "y" }]);
    expect(findings).toEqual([]);
  });

  it("an id-less, untagged chunk picks the one subagent stream of its kind, whatever other kinds are open", () => {
    const { push, findings } = expander();
    push({ type: "TOOL_CALL_CHUNK", toolCallId: "c", toolCallName: "f" });
    push({ type: "TEXT_MESSAGE_CHUNK", messageId: "s", subagentRunId: "s1", delta: "x" });
    expect(push({ type: "TEXT_MESSAGE_CHUNK", delta: "y" })).toEqual([{ type: "TEXT_MESSAGE_CONTENT", messageId: "s", delta: "y", subagentRunId: "s1" }]);
    expect(findings).toEqual([]);
  });

  it("drops an ambiguous chunk without touching the open streams", () => {
    const { push, findings, lanes } = expander();
    push({ type: "TEXT_MESSAGE_CHUNK", messageId: "a", subagentRunId: "s1", delta: "x" });
    push({ type: "TEXT_MESSAGE_CHUNK", messageId: "b", subagentRunId: "s2", delta: "x" });
    expect(push({ type: "TEXT_MESSAGE_CHUNK", delta: "z" })).toEqual([]);
    expect(findings.map((f) => f.rule)).toEqual(["chunk/ambiguous"]);
    expect([...lanes.values()].map((p) => p.id)).toEqual(["a", "b"]);
  });

  it("cloneLanes copies each pending stream, so a seek's fold cannot change the checkpoint's", () => {
    const { push, lanes } = expander();
    push({ type: "TEXT_MESSAGE_CHUNK", messageId: "a", subagentRunId: "s1", delta: "x" });
    const copy = cloneLanes(lanes);
    expect(copy).toEqual(lanes);
    copy.get("s1")!.id = "changed";
    expect(lanes.get("s1")!.id).toBe("a");
  });
});
