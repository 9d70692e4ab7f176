import { describe, expect, it } from "vitest";
import type { AguiEvent } from "../protocol/events";
import { maskContent, maskMessages, maskValues, redactEvent, redactInput } from "./redact-content";

const R = "[redacted]";

describe("maskValues", () => {
  it("replaces leaves by type and keeps structure", () => {
    expect(maskValues({ s: "x", n: 7, b: true, f: false, z: null, u: undefined, a: ["y", 2, [false]], o: { deep: "v" } })).toEqual({ s: R, n: 0, b: false, f: false, z: null, u: undefined, a: [R, 0, [false]], o: { deep: R } });
    expect(maskValues("top")).toBe(R);
    expect(maskValues(3.5)).toBe(0);
    expect(maskValues(null)).toBeNull();
    expect(maskValues(undefined)).toBeUndefined();
  });
});

describe("maskContent", () => {
  it("masks a string, and the text, data, url and source value of each part", () => {
    expect(maskContent("hello")).toBe(R);
    expect(
      maskContent([
        { type: "text", text: "hi" },
        { type: "image", url: "https://x/y.png" },
        { type: "binary", data: "QUJD", mimeType: "image/png" },
        { type: "image", source: { type: "data", value: "QUJD", mimeType: "image/png" } },
        { type: "image", source: { type: "url", value: 5 } },
        { type: "image", source: "inline" },
        { type: "other", text: 3 },
        "raw",
        null,
      ]),
    ).toEqual([
      { type: "text", text: R },
      { type: "image", url: R },
      { type: "binary", data: R, mimeType: "image/png" },
      { type: "image", source: { type: "data", value: R, mimeType: "image/png" } },
      { type: "image", source: { type: "url", value: 5 } },
      { type: "image", source: "inline" },
      { type: "other", text: 3 },
      "raw",
      null,
    ]);
  });

  it("leaves other values alone and does not touch its input", () => {
    expect(maskContent(undefined)).toBeUndefined();
    expect(maskContent({ text: "x" })).toEqual({ text: "x" });
    const parts = [{ type: "text", text: "keep" }];
    maskContent(parts);
    expect(parts[0].text).toBe("keep");
  });
});

describe("maskMessages", () => {
  it("masks content and tool-call arguments, keeping ids, roles and names", () => {
    const messages: unknown[] = [
      { id: "u", role: "user", content: "secret plan" },
      { id: "a", role: "assistant", toolCalls: [{ id: "c", type: "function", function: { name: "pay", arguments: '{"card":"4111"}' } }, { id: "d", type: "function" }, null] },
      { id: "n", role: "assistant" },
      null,
      "loose text",
    ];
    expect(maskMessages(messages)).toEqual([
      { id: "u", role: "user", content: R },
      { id: "a", role: "assistant", toolCalls: [{ id: "c", type: "function", function: { name: "pay", arguments: "{}" } }, { id: "d", type: "function" }, null] },
      { id: "n", role: "assistant" },
      null,
      "loose text",
    ]);
    expect(Object.keys((maskMessages(messages) as object[])[2])).toEqual(["id", "role"]);
    expect((messages[0] as { content: string }).content).toBe("secret plan");
    expect(maskMessages("not a list")).toBe("not a list");
  });
});

describe("redactInput", () => {
  const input = { threadId: "t", messages: [{ id: "u", role: "user", content: "hi" }], state: { k: "v" } };

  it("masks messages, state, or both, as asked", () => {
    expect(redactInput(input, { messageText: true })).toEqual({ ...input, messages: [{ id: "u", role: "user", content: R }] });
    expect(redactInput(input, { stateValues: true })).toEqual({ ...input, state: { k: R } });
    expect(redactInput(input, {})).toEqual(input);
    expect(redactInput({ threadId: "t" }, { messageText: true, stateValues: true })).toEqual({ threadId: "t" });
  });

  it("leaves what is not an input object alone", () => {
    for (const v of [null, undefined, "s", 3, [input]]) expect(redactInput(v, { messageText: true, stateValues: true })).toEqual(v);
  });
});

describe("redactEvent", () => {
  const ev = (e: Record<string, unknown>) => e as AguiEvent;
  const text = { messageText: true };
  const state = { stateValues: true };

  it("masks every kind of text delta", () => {
    for (const type of ["TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_CHUNK", "REASONING_MESSAGE_CONTENT", "REASONING_MESSAGE_CHUNK", "THINKING_TEXT_MESSAGE_CONTENT"]) {
      expect(redactEvent(ev({ type, messageId: "m", delta: "words" }), text), type).toStrictEqual({ type, messageId: "m", delta: R });
    }
    // a chunk without a delta has nothing to mask
    const bare = ev({ type: "TEXT_MESSAGE_CHUNK", messageId: "m" });
    expect(redactEvent(bare, text)).toBe(bare);
  });

  it("empties tool-call argument fragments and masks tool results", () => {
    expect(redactEvent(ev({ type: "TOOL_CALL_ARGS", toolCallId: "c", delta: '{"a":1}' }), text)).toStrictEqual({ type: "TOOL_CALL_ARGS", toolCallId: "c", delta: "" });
    expect(redactEvent(ev({ type: "TOOL_CALL_CHUNK", toolCallId: "c", delta: '{"a"' }), text)).toStrictEqual({ type: "TOOL_CALL_CHUNK", toolCallId: "c", delta: "" });
    expect(redactEvent(ev({ type: "TOOL_CALL_RESULT", toolCallId: "c", messageId: "r", content: "balance" }), text)).toStrictEqual({ type: "TOOL_CALL_RESULT", toolCallId: "c", messageId: "r", content: R });
    const noContent = ev({ type: "TOOL_CALL_RESULT", toolCallId: "c", messageId: "r" });
    expect(redactEvent(noContent, text)).toBe(noContent);
  });

  it("masks snapshot messages but not state when only text is asked", () => {
    expect(redactEvent(ev({ type: "MESSAGES_SNAPSHOT", messages: [{ id: "a", role: "assistant", content: "x" }] }), text)).toStrictEqual({ type: "MESSAGES_SNAPSHOT", messages: [{ id: "a", role: "assistant", content: R }] });
    const snap = ev({ type: "STATE_SNAPSHOT", snapshot: { a: "b" } });
    expect(redactEvent(snap, text)).toBe(snap);
    const delta = ev({ type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: "x" });
    expect(redactEvent(delta, state)).toBe(delta);
  });

  it("masks state snapshots and delta values, keeping ops and paths", () => {
    expect(redactEvent(ev({ type: "STATE_SNAPSHOT", snapshot: { a: "b", n: 2 } }), state)).toStrictEqual({ type: "STATE_SNAPSHOT", snapshot: { a: R, n: 0 } });
    expect(redactEvent(ev({ type: "STATE_DELTA", delta: [{ op: "add", path: "/a", value: { x: "y" } }, { op: "remove", path: "/b" }, null, "junk"] }), state)).toStrictEqual({
      type: "STATE_DELTA",
      delta: [{ op: "add", path: "/a", value: { x: R } }, { op: "remove", path: "/b" }, null, "junk"],
    });
    const notList = ev({ type: "STATE_DELTA", delta: "oops" });
    expect(redactEvent(notList, state)).toBe(notList);
    const noSnapshot = ev({ type: "STATE_SNAPSHOT" });
    expect(redactEvent(noSnapshot, state)).toBe(noSnapshot);
  });

  it("masks the input a RUN_STARTED carries, and nothing without a choice", () => {
    const started = ev({ type: "RUN_STARTED", threadId: "t", runId: "r", input: { messages: [{ id: "u", role: "user", content: "hi" }], state: { k: "v" } } });
    expect(redactEvent(started, text)).toStrictEqual({ ...started, input: { messages: [{ id: "u", role: "user", content: R }], state: { k: "v" } } });
    expect(redactEvent(started, state)).toStrictEqual({ ...started, input: { messages: [{ id: "u", role: "user", content: "hi" }], state: { k: R } } });
    expect(redactEvent(started, {})).toBe(started);
    const bare = ev({ type: "RUN_STARTED", threadId: "t", runId: "r" });
    expect(redactEvent(bare, text)).toBe(bare);
  });

  it("touches only the fields of the event types it names", () => {
    const both = { messageText: true, stateValues: true };
    const others: AguiEvent[] = [
      { type: "ACTIVITY_SNAPSHOT", messageId: "a", activityType: "A", content: { text: "kept" } },
      { type: "CUSTOM", name: "n", value: 1, delta: "kept", snapshot: { s: "kept" }, input: { messages: [{ id: "u", role: "user", content: "kept" }] } },
      { type: "ACTIVITY_DELTA", messageId: "a", activityType: "A", patch: [{ op: "add", path: "/x", value: "kept" }] },
    ];
    for (const event of others) expect(redactEvent(event, both)).toBe(event);
    const content: AguiEvent = { type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: "kept" };
    expect(redactEvent(content, { stateValues: true })).toBe(content);
  });
});

describe("maskMessages and tool calls", () => {
  it("leaves a tool call without a function as it is", () => {
    const odd = { id: "c", type: "function" };
    expect(maskMessages([{ id: "a", role: "assistant", toolCalls: [odd, null] }])).toEqual([{ id: "a", role: "assistant", toolCalls: [odd, null] }]);
  });
});
