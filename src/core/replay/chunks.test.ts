import { describe, expect, it } from "vitest";
import type { AguiEvent } from "../protocol/events";
import type { SessionRecord } from "../session/record";
import { createReplay } from "./replay";

// *_CHUNK expansion, seen through the replay's messages and findings. Expected values are what
// @ag-ui/client 1.0.0's own pipeline gives for the same events (checked by the oracle tests in
// test/replay-oracle.test.ts for the fixtures; spelled out here so each rule has its own test).

const R: AguiEvent = { type: "RUN_STARTED", threadId: "t", runId: "r" };
const F: AguiEvent = { type: "RUN_FINISHED", threadId: "t", runId: "r" };

function fold(events: AguiEvent[]) {
  const records: SessionRecord[] = events.map((event, i) => ({ seq: i + 1, t: 0, x: 1, dir: "in", kind: "event", event }));
  const replay = createReplay();
  replay.append(records);
  const findings = replay.findingsUpTo();
  return { messages: JSON.parse(JSON.stringify(replay.messagesAt(replay.lastSeq))), rules: findings.map((f) => f.rule), findings, replay };
}

describe("TEXT_MESSAGE_CHUNK", () => {
  it("keeps the role the chunk gives (a user message stays a user message)", () => {
    const { messages, rules } = fold([R, { type: "TEXT_MESSAGE_CHUNK", messageId: "u1", role: "user", delta: "hi" }, { type: "TEXT_MESSAGE_CHUNK", messageId: "u1", role: "user", delta: "!" }, F]);
    expect(messages).toEqual([{ id: "u1", role: "user", content: "hi!" }]);
    expect(rules).toEqual([]);
  });

  it("defaults the role to assistant and keeps a name", () => {
    const { messages, rules } = fold([R, { type: "TEXT_MESSAGE_CHUNK", messageId: "a1", name: "bot", delta: "x" }, { type: "TEXT_MESSAGE_CHUNK", messageId: "a1", name: "bot", delta: "y" }, F]);
    expect(messages).toEqual([{ id: "a1", role: "assistant", name: "bot", content: "xy" }]);
    expect(rules).toEqual([]);
  });

  it("a chunk with no messageId continues the open stream", () => {
    const { messages, rules } = fold([R, { type: "TEXT_MESSAGE_CHUNK", messageId: "a1", delta: "x" }, { type: "TEXT_MESSAGE_CHUNK", delta: "y" }, F]);
    expect(messages).toEqual([{ id: "a1", role: "assistant", content: "xy" }]);
    expect(rules).toEqual([]);
  });

  it("a new messageId closes the open stream and starts another", () => {
    const { messages, rules } = fold([R, { type: "TEXT_MESSAGE_CHUNK", messageId: "a1", delta: "x" }, { type: "TEXT_MESSAGE_CHUNK", messageId: "a2", delta: "y" }, F]);
    expect(rules).toEqual([]);
    expect(messages).toEqual([
      { id: "a1", role: "assistant", content: "x" },
      { id: "a2", role: "assistant", content: "y" },
    ]);
  });

  it("a first chunk without messageId is reported and dropped", () => {
    const { messages, findings } = fold([R, { type: "TEXT_MESSAGE_CHUNK", delta: "lost" }, F]);
    expect(messages).toEqual([]);
    expect(findings).toEqual([expect.objectContaining({ rule: "chunk/missing-id", seq: 2, message: "the first TEXT_MESSAGE_CHUNK of a stream has no messageId", path: "messageId" })]);
  });

  it("a continuation that disagrees with its opener's role is reported", () => {
    const { findings } = fold([R, { type: "TEXT_MESSAGE_CHUNK", messageId: "a1", role: "assistant", delta: "x" }, { type: "TEXT_MESSAGE_CHUNK", messageId: "a1", role: "user", delta: "y" }, F]);
    expect(findings).toEqual([expect.objectContaining({ rule: "chunk/opener-mismatch", seq: 3, message: 'TEXT_MESSAGE_CHUNK for "a1" says role "user", its opener said "assistant"', path: "role" })]);
    const named = fold([R, { type: "TEXT_MESSAGE_CHUNK", messageId: "a1", name: "x", delta: "x" }, { type: "TEXT_MESSAGE_CHUNK", messageId: "a1", name: "y", delta: "y" }, F]).findings;
    expect(named.map((f) => [f.rule, f.path])).toEqual([["chunk/opener-mismatch", "name"]]);
  });
});

describe("open chunk streams are closed by", () => {
  it("MESSAGES_SNAPSHOT: a later chunk with the same id starts a new message", () => {
    const { messages } = fold([
      R,
      { type: "TEXT_MESSAGE_CHUNK", messageId: "m1", delta: "a" },
      { type: "MESSAGES_SNAPSHOT", messages: [{ id: "x", role: "user", content: "q" }] },
      { type: "TEXT_MESSAGE_CHUNK", messageId: "m1", delta: "b" },
      F,
    ]);
    expect(messages).toEqual([
      { id: "x", role: "user", content: "q" },
      { id: "m1", role: "assistant", content: "b" },
    ]);
  });

  it("MESSAGES_SNAPSHOT: a later id-less chunk has no stream to continue", () => {
    const { rules } = fold([
      R,
      { type: "TEXT_MESSAGE_CHUNK", messageId: "m1", delta: "a" },
      { type: "MESSAGES_SNAPSHOT", messages: [] },
      { type: "TEXT_MESSAGE_CHUNK", delta: "b" },
      F,
    ]);
    expect(rules).toContain("chunk/missing-id");
  });

  it("an explicit event of the same lane", () => {
    const { rules } = fold([
      R,
      { type: "TEXT_MESSAGE_CHUNK", messageId: "m1", delta: "a" },
      { type: "STATE_SNAPSHOT", snapshot: {} },
      { type: "TEXT_MESSAGE_CHUNK", delta: "b" },
      F,
    ]);
    expect(rules).toContain("chunk/missing-id");
  });

  it("but not by an event of another lane", () => {
    const { messages, rules } = fold([
      R,
      { type: "SUBAGENT_STARTED", subagentRunId: "s1", name: "helper" },
      { type: "TEXT_MESSAGE_CHUNK", messageId: "m1", delta: "a" },
      { type: "STATE_SNAPSHOT", snapshot: {}, subagentRunId: "s1" },
      { type: "TEXT_MESSAGE_CHUNK", delta: "b" },
      { type: "SUBAGENT_FINISHED", subagentRunId: "s1" },
      F,
    ]);
    expect(rules).not.toContain("chunk/missing-id");
    expect(messages).toEqual([{ id: "m1", role: "assistant", content: "ab" }]);
  });
});

describe("TOOL_CALL_CHUNK and REASONING_MESSAGE_CHUNK", () => {
  it("open a tool call under its parent message and append arguments", () => {
    const { messages, rules } = fold([
      R,
      { type: "TEXT_MESSAGE_CHUNK", messageId: "a1", delta: "calling" },
      { type: "TOOL_CALL_CHUNK", toolCallId: "c1", toolCallName: "search", parentMessageId: "a1", delta: '{"q":' },
      { type: "TOOL_CALL_CHUNK", toolCallId: "c1", delta: '"x"}' },
      F,
    ]);
    expect(messages).toEqual([{ id: "a1", role: "assistant", content: "calling", toolCalls: [{ id: "c1", type: "function", function: { name: "search", arguments: '{"q":"x"}' } }] }]);
    // (the run ends with the call unanswered, which is all it reports)
    expect(rules).toEqual(["tool/frontend-call-unanswered"]);
  });

  it("a first tool chunk without a name is reported and dropped", () => {
    const { messages, findings } = fold([R, { type: "TOOL_CALL_CHUNK", toolCallId: "c1", delta: "{}" }, F]);
    expect(messages).toEqual([]);
    expect(findings).toEqual([expect.objectContaining({ rule: "chunk/missing-id", message: 'the first TOOL_CALL_CHUNK of tool call "c1" has no toolCallName', path: "toolCallName" })]);
    const noId = fold([R, { type: "TOOL_CALL_CHUNK", toolCallName: "f", delta: "{}" }, F]).findings;
    expect(noId).toEqual([expect.objectContaining({ rule: "chunk/missing-id", message: "the first TOOL_CALL_CHUNK of a stream has no toolCallId", path: "toolCallId" })]);
  });

  it("a reasoning chunk becomes a reasoning message", () => {
    const { messages, rules } = fold([R, { type: "REASONING_MESSAGE_CHUNK", messageId: "th", delta: "hmm" }, { type: "REASONING_MESSAGE_CHUNK", messageId: "th", delta: "…" }, F]);
    expect(messages).toEqual([{ id: "th", role: "reasoning", content: "hmm…" }]);
    expect(rules).toEqual([]);
  });
});

describe("which events close which chunk streams", () => {
  const OWN = ["TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "TOOL_CALL_START", "TOOL_CALL_ARGS", "TOOL_CALL_END", "TOOL_CALL_RESULT", "STATE_SNAPSHOT", "STATE_DELTA", "CUSTOM", "STEP_STARTED", "STEP_FINISHED", "REASONING_START", "REASONING_MESSAGE_START", "REASONING_MESSAGE_CONTENT", "REASONING_MESSAGE_END", "REASONING_END"];
  const ALL = ["RUN_STARTED", "RUN_FINISHED", "RUN_ERROR", "MESSAGES_SNAPSHOT"];
  const NONE = ["ACTIVITY_SNAPSHOT", "RAW", "SUBAGENT_STARTED"];

  /** Rules found after: a chunk stream open in the parent lane, `type` (untagged), an id-less chunk. */
  const afterParent = (type: string) =>
    fold([R, { type: "TEXT_MESSAGE_CHUNK", messageId: "p1", delta: "a" }, { type, messageId: "zz", toolCallId: "zz", stepName: "s", name: "n", subagentRunId: undefined } as AguiEvent, { type: "TEXT_MESSAGE_CHUNK", delta: "b" }]).rules;
  /** Same with the stream open in subagent lane s1 and the id-less chunk tagged s1. */
  const afterSubagent = (type: string) =>
    fold([
      R,
      { type: "SUBAGENT_STARTED", subagentRunId: "s1", name: "helper" },
      { type: "TEXT_MESSAGE_CHUNK", messageId: "k1", delta: "a", subagentRunId: "s1" },
      { type, messageId: "zz", toolCallId: "zz", stepName: "s", name: "n" } as AguiEvent,
      { type: "TEXT_MESSAGE_CHUNK", delta: "b", subagentRunId: "s1" },
    ]).rules;

  for (const type of OWN) {
    it(`${type} closes its own lane only`, () => {
      expect(afterParent(type)).toContain("chunk/missing-id");
      expect(afterSubagent(type)).not.toContain("chunk/missing-id");
    });
  }
  for (const type of ALL) {
    it(`${type} closes every lane`, () => {
      expect(afterSubagent(type)).toContain("chunk/missing-id");
    });
  }
  for (const type of NONE) {
    it(`${type} closes none`, () => {
      expect(afterParent(type)).not.toContain("chunk/missing-id");
    });
  }

  it("SUBAGENT_FINISHED and SUBAGENT_ERROR close that subagent's lane", () => {
    for (const type of ["SUBAGENT_FINISHED", "SUBAGENT_ERROR"]) {
      const rules = fold([
        R,
        { type: "SUBAGENT_STARTED", subagentRunId: "s1", name: "helper" },
        { type: "TEXT_MESSAGE_CHUNK", messageId: "k1", delta: "a", subagentRunId: "s1" },
        { type, subagentRunId: "s1", message: "x" },
        { type: "TEXT_MESSAGE_CHUNK", delta: "b", subagentRunId: "s1" },
      ]).rules;
      expect(rules, type).toContain("chunk/missing-id");
    }
  });
});

describe("chunk lanes", () => {
  it("an id-less chunk with no tag continues the only open subagent stream of its kind", () => {
    const { messages, rules } = fold([
      R,
      { type: "SUBAGENT_STARTED", subagentRunId: "s1", name: "helper" },
      { type: "TEXT_MESSAGE_CHUNK", messageId: "k1", delta: "a", subagentRunId: "s1" },
      { type: "TEXT_MESSAGE_CHUNK", delta: "b" },
      { type: "SUBAGENT_FINISHED", subagentRunId: "s1" },
      F,
    ]);
    expect(rules).toEqual([]);
    expect(messages).toEqual([{ id: "k1", role: "assistant", content: "ab", subagentRunId: "s1" }]);
  });

  it("an id-less, untagged chunk is ambiguous when two subagent lanes are open", () => {
    const { messages, rules } = fold([
      R,
      { type: "SUBAGENT_STARTED", subagentRunId: "s1", name: "one" },
      { type: "SUBAGENT_STARTED", subagentRunId: "s2", name: "two" },
      { type: "TEXT_MESSAGE_CHUNK", messageId: "k1", delta: "a", subagentRunId: "s1" },
      { type: "TEXT_MESSAGE_CHUNK", messageId: "k2", delta: "c", subagentRunId: "s2" },
      { type: "TEXT_MESSAGE_CHUNK", delta: "?" },
    ]);
    expect(rules).toContain("chunk/ambiguous");
    expect(fold([
      R,
      { type: "SUBAGENT_STARTED", subagentRunId: "s1", name: "one" },
      { type: "SUBAGENT_STARTED", subagentRunId: "s2", name: "two" },
      { type: "TEXT_MESSAGE_CHUNK", messageId: "k1", delta: "a", subagentRunId: "s1" },
      { type: "TEXT_MESSAGE_CHUNK", messageId: "k2", delta: "c", subagentRunId: "s2" },
      { type: "TEXT_MESSAGE_CHUNK", delta: "?" },
    ]).findings.find((f) => f.rule === "chunk/ambiguous")?.message).toBe("TEXT_MESSAGE_CHUNK has neither an id nor a subagentRunId while 2 subagent lanes have one open");
    expect(messages.map((m: { content: string }) => m.content)).toEqual(["a", "c"]);
  });

  it("a chunk whose id belongs to another lane's stream is reported, and continues that stream", () => {
    const { messages, rules } = fold([
      R,
      { type: "SUBAGENT_STARTED", subagentRunId: "s1", name: "one" },
      { type: "SUBAGENT_STARTED", subagentRunId: "s2", name: "two" },
      { type: "TEXT_MESSAGE_CHUNK", messageId: "k1", delta: "a", subagentRunId: "s1" },
      { type: "TEXT_MESSAGE_CHUNK", messageId: "k1", delta: "b", subagentRunId: "s2" },
    ]);
    expect(rules).toContain("subagent/owner-mismatch");
    const found = fold([
      R,
      { type: "SUBAGENT_STARTED", subagentRunId: "s1", name: "one" },
      { type: "TEXT_MESSAGE_CHUNK", messageId: "k1", delta: "a" },
      { type: "TEXT_MESSAGE_CHUNK", messageId: "k1", delta: "b", subagentRunId: "s1" },
    ]).findings.find((f) => f.rule === "subagent/owner-mismatch");
    expect(found).toMatchObject({ message: 'TEXT_MESSAGE_CHUNK for "k1" is tagged subagent "s1" but its stream belongs to the parent agent', path: "subagentRunId" });
    expect(messages).toHaveLength(1);
    expect(messages[0].content).toBe("ab");
  });

  it("a metadata-only continuation reaches its message", () => {
    const { replay } = fold([R, { type: "TEXT_MESSAGE_CHUNK", messageId: "a1", delta: "x" }, { type: "TEXT_MESSAGE_CHUNK", messageId: "a1", metadata: { k: 1 } }, F]);
    expect(replay.messagesAt(replay.lastSeq)).toEqual([expect.objectContaining({ id: "a1", content: "x", metadata: { k: 1 } })]);
  });

  it("a tool chunk that disagrees with its opener's name is reported", () => {
    const { rules } = fold([
      R,
      { type: "TOOL_CALL_CHUNK", toolCallId: "c1", toolCallName: "search", delta: "{" },
      { type: "TOOL_CALL_CHUNK", toolCallId: "c1", toolCallName: "other", delta: "}" },
      F,
    ]);
    expect(rules).toContain("chunk/opener-mismatch");
  });
});
