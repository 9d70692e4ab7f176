import { describe, expect, it } from "vitest";
import type { AguiEvent } from "../protocol/events";
import { isThinking, newThinkingIds, translateThinking } from "./thinking";

describe("THINKING_* as REASONING_*", () => {
  it("turns a whole thinking span into reasoning events with ids from the opening records' seqs", () => {
    const ids = newThinkingIds();
    expect(ids).toEqual({ span: null, message: null });
    const out = [
      translateThinking({ type: "THINKING_START", title: "plan", timestamp: 5 }, ids, 3),
      translateThinking({ type: "THINKING_TEXT_MESSAGE_START" }, ids, 4),
      translateThinking({ type: "THINKING_TEXT_MESSAGE_CONTENT", delta: "hm" }, ids, 5),
      translateThinking({ type: "THINKING_TEXT_MESSAGE_END" }, ids, 6),
      translateThinking({ type: "THINKING_END" }, ids, 7),
    ];
    expect(out).toEqual([
      // the title has no place in REASONING_START; other fields stay
      { type: "REASONING_START", messageId: "thinking-span-3", timestamp: 5 },
      { type: "REASONING_MESSAGE_START", messageId: "thinking-4", role: "reasoning" },
      { type: "REASONING_MESSAGE_CONTENT", messageId: "thinking-4", delta: "hm" },
      { type: "REASONING_MESSAGE_END", messageId: "thinking-4" },
      { type: "REASONING_END", messageId: "thinking-span-3" },
    ]);
    // both closed: the next continuation has no opener
    expect(ids).toEqual({ span: null, message: null });
  });

  it("names a continuation without an opener as an orphan of its own seq", () => {
    const ids = newThinkingIds();
    expect(translateThinking({ type: "THINKING_TEXT_MESSAGE_CONTENT", delta: "x" }, ids, 9)).toEqual({ type: "REASONING_MESSAGE_CONTENT", messageId: "thinking-orphan-9", delta: "x" });
    expect(translateThinking({ type: "THINKING_TEXT_MESSAGE_END" }, ids, 10)).toEqual({ type: "REASONING_MESSAGE_END", messageId: "thinking-orphan-10" });
    expect(translateThinking({ type: "THINKING_END" }, ids, 11)).toEqual({ type: "REASONING_END", messageId: "thinking-orphan-11" });
  });

  it("leaves every other event as it is, the same object", () => {
    const ids = { span: "thinking-span-1", message: "thinking-2" };
    const event: AguiEvent = { type: "REASONING_MESSAGE_CONTENT", messageId: "m", delta: "x" };
    expect(translateThinking(event, ids, 3)).toBe(event);
    expect(ids).toEqual({ span: "thinking-span-1", message: "thinking-2" });
  });

  it("tells THINKING_* types from the rest", () => {
    expect(isThinking("THINKING_START")).toBe(true);
    expect(isThinking("THINKING_TEXT_MESSAGE_END")).toBe(true);
    expect(isThinking("REASONING_START")).toBe(false);
    expect(isThinking("TEXT_MESSAGE_START")).toBe(false);
  });
});
