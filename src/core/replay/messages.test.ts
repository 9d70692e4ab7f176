import { describe, expect, it } from "vitest";
import type { Message } from "../protocol/events";
import { Conversation } from "./conversation";
import * as msg from "./messages";
import type { RuleId } from "./rules";

// The message rules one at a time, on a Conversation.

function setup(list: Message[] = []) {
  const conv = new Conversation(list);
  const findings: { rule: RuleId; message: string }[] = [];
  const report = (rule: RuleId, message: string) => void findings.push({ rule, message });
  return { conv, findings, report, all: () => conv.snapshot() };
}

const call = (id: string, name = "f", args = "") => ({ id, type: "function", function: { name, arguments: args } });

describe("text and reasoning messages", () => {
  it("opens a message once; a second start only merges its metadata, key by key", () => {
    const { conv, report, all } = setup();
    msg.openMessage(conv, { type: "TEXT_MESSAGE_START", messageId: "m", name: "bot", metadata: { a: 1, b: 1 } }, "assistant", report);
    msg.openMessage(conv, { type: "TEXT_MESSAGE_START", messageId: "m", name: "other" }, "assistant", report);
    expect(all()).toEqual([{ id: "m", role: "assistant", content: "", name: "bot", metadata: { a: 1, b: 1 } }]);
    const before = conv.at(0);
    msg.openMessage(conv, { type: "TEXT_MESSAGE_START", messageId: "m" }, "assistant", report);
    expect(conv.at(0)).toBe(before);
    msg.openMessage(conv, { type: "TEXT_MESSAGE_START", messageId: "m", metadata: { b: 2 } }, "assistant", report);
    expect(all()[0].metadata).toEqual({ a: 1, b: 2 });
  });

  it("a reasoning message takes no name; a tagged one keeps its subagent, a null tag is dropped", () => {
    const { conv, report, all } = setup();
    msg.openMessage(conv, { type: "REASONING_MESSAGE_START", messageId: "r", name: "x", subagentRunId: "s1" }, "reasoning", report);
    msg.openMessage(conv, { type: "TEXT_MESSAGE_START", messageId: "m", subagentRunId: null }, "assistant", report);
    expect(all()).toEqual([
      { id: "r", role: "reasoning", content: "", subagentRunId: "s1" },
      { id: "m", role: "assistant", content: "" },
    ]);
  });

  it("appends content to a message that had none as text, and merges metadata at the end", () => {
    const { conv, report, all } = setup([{ id: "m", role: "assistant" } as Message]);
    msg.appendContent(conv, { type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: "hi" }, report);
    msg.appendContent(conv, { type: "TEXT_MESSAGE_CONTENT", messageId: "nope", delta: "x" }, report);
    const before = conv.at(0);
    msg.closeMessage(conv, { type: "TEXT_MESSAGE_END", messageId: "m" }, report);
    expect(conv.at(0)).toBe(before);
    msg.closeMessage(conv, { type: "TEXT_MESSAGE_END", messageId: "m", metadata: { done: true } }, report);
    expect(all()).toEqual([{ id: "m", role: "assistant", content: "hi", metadata: { done: true } }]);
  });

  it("leaves an activity message alone when text events target its id, and says so", () => {
    const act: Message = { id: "a", role: "activity", activityType: "A", content: { x: 1 } } as Message;
    const { conv, report, findings, all } = setup([act]);
    msg.openMessage(conv, { type: "TEXT_MESSAGE_START", messageId: "a", metadata: { m: 1 } }, "assistant", report);
    msg.appendContent(conv, { type: "TEXT_MESSAGE_CONTENT", messageId: "a", delta: "x" }, report);
    msg.closeMessage(conv, { type: "TEXT_MESSAGE_END", messageId: "a", metadata: { m: 1 } }, report);
    expect(all()).toEqual([act]);
    expect(findings.map((f) => f.message)).toEqual([
      'TEXT_MESSAGE_START targets "a", which is an activity message; ignored',
      'TEXT_MESSAGE_CONTENT targets "a", which is an activity message; ignored',
      'TEXT_MESSAGE_END targets "a", which is an activity message; ignored',
    ]);
  });
});

describe("tool calls", () => {
  it("a restart renames the call, or merges its metadata, and otherwise leaves the message as it was", () => {
    const { conv, report, findings, all } = setup([{ id: "a", role: "assistant", toolCalls: [call("c", "f", "{}")] } as Message]);
    const before = conv.at(0);
    msg.startToolCall(conv, { type: "TOOL_CALL_START", toolCallId: "c", toolCallName: "f" }, report);
    expect(conv.at(0)).toBe(before);
    msg.startToolCall(conv, { type: "TOOL_CALL_START", toolCallId: "c", toolCallName: "g" }, report);
    expect(all()[0].toolCalls).toEqual([call("c", "g", "{}")]);
    msg.startToolCall(conv, { type: "TOOL_CALL_START", toolCallId: "c", toolCallName: "g", metadata: { k: 1 } }, report);
    expect(all()[0].toolCalls).toEqual([{ ...call("c", "g", "{}"), metadata: { k: 1 } }]);
    expect(findings.map((f) => f.rule)).toEqual(["tool/restarted", "tool/restarted", "tool/restarted"]);
  });

  it("a call under a parent that is not an assistant message gets a new assistant message named for the call; an unknown parent lends its id", () => {
    const { conv, report, all } = setup([{ id: "u", role: "user", content: "q" } as Message]);
    msg.startToolCall(conv, { type: "TOOL_CALL_START", toolCallId: "c1", toolCallName: "f", parentMessageId: "u", subagentRunId: "s1" }, report);
    msg.startToolCall(conv, { type: "TOOL_CALL_START", toolCallId: "c2", toolCallName: "f", parentMessageId: "ghost" }, report);
    expect(all()).toEqual([
      { id: "u", role: "user", content: "q" },
      { id: "c1", role: "assistant", toolCalls: [call("c1")], subagentRunId: "s1" },
      { id: "ghost", role: "assistant", toolCalls: [call("c2")] },
    ]);
  });

  it("a call whose new message's id already exists gets no subagent tag from the event", () => {
    const { conv, report, all } = setup([{ id: "c1", role: "user", content: "q" } as Message]);
    msg.startToolCall(conv, { type: "TOOL_CALL_START", toolCallId: "c1", toolCallName: "f", subagentRunId: "s1" }, report);
    expect(all()[1]).toEqual({ id: "c1", role: "assistant", toolCalls: [call("c1")] });
  });

  it("appends arguments, reads them back, and merges metadata at the end", () => {
    const { conv, report, all } = setup();
    msg.startToolCall(conv, { type: "TOOL_CALL_START", toolCallId: "c", toolCallName: "f" }, report);
    msg.appendToolArgs(conv, { type: "TOOL_CALL_ARGS", toolCallId: "c", delta: '{"a"' });
    msg.appendToolArgs(conv, { type: "TOOL_CALL_ARGS", toolCallId: "c", delta: ":1}", metadata: { m: 1 } });
    msg.appendToolArgs(conv, { type: "TOOL_CALL_ARGS", toolCallId: "nope", delta: "x" });
    expect(msg.toolCallArgs(conv, "c")).toBe('{"a":1}');
    expect(msg.toolCallArgs(conv, "nope")).toBeUndefined();
    const before = conv.at(0);
    msg.endToolCall(conv, { type: "TOOL_CALL_END", toolCallId: "c" });
    expect(conv.at(0)).toBe(before);
    msg.endToolCall(conv, { type: "TOOL_CALL_END", toolCallId: "c", metadata: { n: 2 } });
    msg.endToolCall(conv, { type: "TOOL_CALL_END", toolCallId: "nope", metadata: { n: 2 } });
    expect(all()).toEqual([{ id: "c", role: "assistant", toolCalls: [{ ...call("c", "f", '{"a":1}'), metadata: { m: 1, n: 2 } }] }]);
  });

  it("reads the arguments of the right call among several, skipping empty slots", () => {
    const { conv } = setup([{ id: "a", role: "assistant", toolCalls: [null, call("x", "f", "X"), call("y", "f", "Y")] } as unknown as Message]);
    expect(msg.toolCallArgs(conv, "y")).toBe("Y");
    expect(msg.toolCallArgs(conv, "x")).toBe("X");
  });
});

describe("tool results", () => {
  it("go right after the calling assistant message and its earlier results, with their role and tag", () => {
    const { conv, report, findings, all } = setup([
      { id: "a", role: "assistant", toolCalls: [call("c1"), call("c2")] } as Message,
      { id: "t1", role: "tool", toolCallId: "c1", content: "1" } as Message,
      { id: "u", role: "user", content: "next" } as Message,
    ]);
    msg.addToolResult(conv, { type: "TOOL_CALL_RESULT", messageId: "t2", toolCallId: "c2", content: "2", role: "tool", subagentRunId: "s" }, report);
    msg.addToolResult(conv, { type: "TOOL_CALL_RESULT", messageId: "t9", toolCallId: "c9", content: "9" }, report);
    expect(all().map((m) => m.id)).toEqual(["a", "t1", "t2", "u", "t9"]);
    expect(all()[2]).toEqual({ id: "t2", toolCallId: "c2", role: "tool", content: "2", subagentRunId: "s" });
    expect(findings).toEqual([{ rule: "tool/result-for-unknown-call", message: 'TOOL_CALL_RESULT for tool call "c9", which no assistant message holds' }]);
  });

  it("go after the first assistant holding the call, even when another role holds it earlier", () => {
    const { conv, report, all } = setup([
      { id: "odd", role: "user", toolCalls: [call("c")] } as unknown as Message,
      { id: "x", role: "user", content: "" } as Message,
      { id: "a", role: "assistant", toolCalls: [call("d"), call("c")] } as Message,
      { id: "b", role: "assistant", toolCalls: [call("c")] } as Message,
    ]);
    msg.addToolResult(conv, { type: "TOOL_CALL_RESULT", messageId: "t", toolCallId: "c", content: "ok" }, report);
    expect(all().map((m) => m.id)).toEqual(["odd", "x", "a", "t", "b"]);
    // held by no assistant at all
    const lone = setup([{ id: "odd", role: "user", toolCalls: [call("c")] } as unknown as Message]);
    msg.addToolResult(lone.conv, { type: "TOOL_CALL_RESULT", messageId: "t", toolCallId: "c", content: "ok" }, lone.report);
    expect(lone.all().map((m) => m.id)).toEqual(["odd", "t"]);
    expect(lone.findings.map((f) => f.rule)).toEqual(["tool/result-for-unknown-call"]);
  });
});

describe("encrypted values", () => {
  it("land on the tool call or the message named, never on an activity", () => {
    const { conv, all } = setup([
      { id: "a", role: "assistant", toolCalls: [call("c")] } as Message,
      { id: "act", role: "activity", activityType: "A", content: {} } as Message,
    ]);
    msg.setEncryptedValue(conv, { type: "REASONING_ENCRYPTED_VALUE", subtype: "tool-call", entityId: "c", encryptedValue: "E1" });
    msg.setEncryptedValue(conv, { type: "REASONING_ENCRYPTED_VALUE", subtype: "tool-call", entityId: "nope", encryptedValue: "E0" });
    msg.setEncryptedValue(conv, { type: "REASONING_ENCRYPTED_VALUE", subtype: "message", entityId: "a", encryptedValue: "E2" });
    msg.setEncryptedValue(conv, { type: "REASONING_ENCRYPTED_VALUE", subtype: "message", entityId: "act", encryptedValue: "E3" });
    msg.setEncryptedValue(conv, { type: "REASONING_ENCRYPTED_VALUE", subtype: "message", entityId: "nope", encryptedValue: "E4" });
    expect(all()).toEqual([
      { id: "a", role: "assistant", toolCalls: [{ ...call("c"), encryptedValue: "E1" }], encryptedValue: "E2" },
      { id: "act", role: "activity", activityType: "A", content: {} },
    ]);
  });
});

describe("input messages and snapshots", () => {
  it("a run's input adds only new ids, without null tags", () => {
    const { conv, all } = setup([{ id: "u", role: "user", content: "old" } as Message]);
    msg.addInputMessages(conv, [{ id: "u", role: "user", content: "new" }, { id: "v", role: "user", content: "q", subagentRunId: null }]);
    msg.addInputMessages(conv, "not a list");
    expect(all()).toEqual([{ id: "u", role: "user", content: "old" }, { id: "v", role: "user", content: "q" }]);
  });

  it("a snapshot replaces in place, drops the rest, appends the new, and keeps reasoning and activity it says nothing about", () => {
    const { conv, all } = setup([
      { id: "a", role: "user", content: "1" } as Message,
      { id: "r", role: "reasoning", content: "think" } as Message,
      { id: "act", role: "activity", activityType: "A", content: {} } as Message,
      { id: "b", role: "assistant", content: "2" } as Message,
    ]);
    msg.applyMessagesSnapshot(conv, [{ id: "b", role: "assistant", content: "2!", subagentRunId: null }, { id: "c", role: "user", content: "3" }], undefined);
    expect(all()).toEqual([
      { id: "r", role: "reasoning", content: "think" },
      { id: "act", role: "activity", activityType: "A", content: {} },
      { id: "b", role: "assistant", content: "2!" },
      { id: "c", role: "user", content: "3" },
    ]);
    msg.applyMessagesSnapshot(conv, "not a list", undefined);
    expect(all()).toHaveLength(4);
  });

  it("a snapshot holding reasoning or activity speaks for that kind", () => {
    const start = () =>
      setup([
        { id: "r", role: "reasoning", content: "think" } as Message,
        { id: "act", role: "activity", activityType: "A", content: {} } as Message,
      ]);
    const r = start();
    msg.applyMessagesSnapshot(r.conv, [{ id: "r2", role: "reasoning", content: "" }], undefined);
    expect(r.all().map((m) => m.id)).toEqual(["act", "r2"]);
    const a = start();
    msg.applyMessagesSnapshot(a.conv, [{ id: "act2", role: "activity", activityType: "B", content: {} }], undefined);
    expect(a.all().map((m) => m.id)).toEqual(["r", "act2"]);
  });

  it("follows the client's authoritativeActivityTypes metadata: a list speaks for those types, null for all, anything odd for none", () => {
    const acts = () =>
      setup([
        { id: "a1", role: "activity", activityType: "A", content: {} } as Message,
        { id: "b1", role: "activity", activityType: "B", content: {} } as Message,
      ]);
    const ids = (metadata: unknown, incoming: unknown[] = []) => {
      const s = acts();
      msg.applyMessagesSnapshot(s.conv, incoming, metadata);
      return s.all().map((m) => m.id);
    };
    expect(ids({ "@ag-ui/client": { authoritativeActivityTypes: ["A"] } })).toEqual(["b1"]);
    expect(ids({ "@ag-ui/client": { authoritativeActivityTypes: null } })).toEqual([]);
    expect(ids({ "@ag-ui/client": { authoritativeActivityTypes: [1] } })).toEqual(["a1", "b1"]);
    expect(ids({ "@ag-ui/client": "odd" })).toEqual(["a1", "b1"]);
    // without the key the snapshot's own content decides
    expect(ids({ "@ag-ui/client": {} })).toEqual(["a1", "b1"]);
    expect(ids({ "@ag-ui/client": {} }, [{ id: "c1", role: "activity", activityType: "C", content: {} }])).toEqual(["c1"]);
    expect(ids({ other: 1 }, [{ id: "c1", role: "activity", activityType: "C", content: {} }])).toEqual(["c1"]);
    expect(ids(Object.create({ "@ag-ui/client": { authoritativeActivityTypes: null } }))).toEqual(["a1", "b1"]);
  });
});

describe("activity messages", () => {
  it("a snapshot creates, replaces (taking its owner, keeping metadata) or, with replace: false, only merges metadata", () => {
    const { conv, all } = setup();
    msg.applyActivitySnapshot(conv, { type: "ACTIVITY_SNAPSHOT", messageId: "a", activityType: "A", content: { v: 1 }, subagentRunId: "s1", metadata: { m: 1 } });
    msg.applyActivitySnapshot(conv, { type: "ACTIVITY_SNAPSHOT", messageId: "a", activityType: "B", content: { v: 2 }, replace: false, metadata: { n: 1 } });
    expect(all()).toEqual([{ id: "a", role: "activity", activityType: "A", content: { v: 1 }, subagentRunId: "s1", metadata: { m: 1, n: 1 } }]);
    msg.applyActivitySnapshot(conv, { type: "ACTIVITY_SNAPSHOT", messageId: "a", activityType: "B", content: { v: 3 } });
    expect(all()).toEqual([{ id: "a", role: "activity", activityType: "B", content: { v: 3 }, metadata: { m: 1, n: 1 } }]);
  });

  it("a snapshot over a message of another role replaces it only when replace is not false", () => {
    const keep = setup([{ id: "m", role: "assistant", content: "x" } as Message]);
    msg.applyActivitySnapshot(keep.conv, { type: "ACTIVITY_SNAPSHOT", messageId: "m", activityType: "A", content: {}, replace: false });
    expect(keep.all()).toEqual([{ id: "m", role: "assistant", content: "x" }]);
    const swap = setup([{ id: "m", role: "assistant", content: "x" } as Message]);
    msg.applyActivitySnapshot(swap.conv, { type: "ACTIVITY_SNAPSHOT", messageId: "m", activityType: "A", content: { v: 1 } });
    expect(swap.all()).toEqual([{ id: "m", role: "activity", activityType: "A", content: { v: 1 } }]);
  });

  it("a delta patches a copy of the content; a failed one keeps the content, merges metadata and says where it failed", () => {
    const content = { list: [1] };
    const { conv, report, findings, all } = setup([{ id: "a", role: "activity", activityType: "A", content } as Message]);
    msg.applyActivityDelta(conv, { type: "ACTIVITY_DELTA", messageId: "a", activityType: "A2", patch: [{ op: "add", path: "/list/-", value: 2 }] }, report);
    expect(all()).toEqual([{ id: "a", role: "activity", activityType: "A2", content: { list: [1, 2] } }]);
    expect(content).toEqual({ list: [1] });
    const before = conv.at(0);
    msg.applyActivityDelta(conv, { type: "ACTIVITY_DELTA", messageId: "a", activityType: "A2", patch: [{ op: "remove", path: "/nope" }] }, report);
    expect(conv.at(0)).toBe(before);
    msg.applyActivityDelta(conv, { type: "ACTIVITY_DELTA", messageId: "a", activityType: "A2", patch: { op: "x" }, metadata: { m: 1 } }, report);
    expect(all()).toEqual([{ id: "a", role: "activity", activityType: "A2", content: { list: [1, 2] }, metadata: { m: 1 } }]);
    expect(findings.map((f) => f.message)).toEqual([
      'ACTIVITY_DELTA for "a" rejected: op 0 at "/nope" Cannot perform the operation at a path that does not exist (OPERATION_PATH_UNRESOLVABLE)',
      'ACTIVITY_DELTA for "a" rejected: the patch is not an array of operations',
    ]);
  });

  it("a delta with no content or patch starts from an empty object and changes nothing", () => {
    const { conv, report, all } = setup([{ id: "a", role: "activity", activityType: "A" } as Message]);
    msg.applyActivityDelta(conv, { type: "ACTIVITY_DELTA", messageId: "a", activityType: "A" }, report);
    expect(all()).toEqual([{ id: "a", role: "activity", activityType: "A", content: {} }]);
  });
});

describe("odd entries", () => {
  it("a null entry in a snapshot or an input breaks nothing: the real messages still land", () => {
    const { conv, all } = setup([{ id: "a", role: "user", content: "1" } as Message]);
    msg.applyMessagesSnapshot(conv, [null, { id: "b", role: "user", content: "2" }], undefined);
    msg.addInputMessages(conv, [null, { id: "c", role: "user", content: "3" }]);
    expect(all().filter(Boolean).map((m) => m.id)).toEqual(["b", "c"]);
  });
});
