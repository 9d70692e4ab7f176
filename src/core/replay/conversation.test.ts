import { describe, expect, it } from "vitest";
import type { Message } from "../protocol/events";
import { Conversation } from "./conversation";

const text = (id: string, content = ""): Message => ({ id, role: "assistant", content });
const withCalls = (id: string, ...calls: string[]): Message => ({ id, role: "assistant", toolCalls: calls.map((c) => ({ id: c, type: "function", function: { name: "f", arguments: "" } })) });

describe("Conversation lookups", () => {
  it("finds messages by id and tool call holders, first match wins", () => {
    const conv = new Conversation([text("a"), withCalls("b", "c1"), text("a"), withCalls("d", "c1", "c2")]);
    expect(conv.indexOf("a")).toBe(0);
    expect(conv.indexOf("d")).toBe(3);
    expect(conv.indexOf("zz")).toBe(-1);
    expect(conv.holderOf("c1")).toBe(1);
    expect(conv.holderOf("c2")).toBe(3);
    expect(conv.holderOf("nope")).toBe(-1);
  });

  it("answers -1 for an id that is not a string, even when a message lacks an id", () => {
    const conv = new Conversation([{ role: "assistant", content: "" } as unknown as Message, null as unknown as Message, withCalls("b", "c1")]);
    expect(conv.indexOf(undefined)).toBe(-1);
    expect(conv.indexOf(1)).toBe(-1);
    expect(conv.holderOf(undefined)).toBe(-1);
    expect(conv.holderOf(null)).toBe(-1);
    expect(conv.indexOf("b")).toBe(2);
    expect(conv.holderOf("c1")).toBe(2);
  });

  it("skips tool calls without a string id", () => {
    const odd = { id: "m", role: "assistant", toolCalls: [null, { id: 7 }, { id: "ok", type: "function", function: { name: "f", arguments: "" } }] } as unknown as Message;
    const conv = new Conversation([odd]);
    expect(conv.holderOf("ok")).toBe(0);
    expect(conv.holderOf("7")).toBe(-1);
  });

  it("keeps its indexes right through pushes made after a lookup", () => {
    const conv = new Conversation();
    expect(conv.indexOf("a")).toBe(-1);
    conv.push(text("a"));
    conv.push(withCalls("b", "c1"));
    conv.push(text("a"));
    expect(conv.indexOf("a")).toBe(0);
    expect(conv.indexOf("b")).toBe(1);
    expect(conv.holderOf("c1")).toBe(1);
    expect(conv.length).toBe(3);
  });

  it("a replacement with the same id adds its new tool calls to the index", () => {
    const conv = new Conversation([text("a"), text("b")]);
    expect(conv.holderOf("c1")).toBe(-1);
    conv.replace(1, withCalls("b", "c1"));
    expect(conv.holderOf("c1")).toBe(1);
    // a later holder does not take the call from the first one
    conv.push(withCalls("z", "c1"));
    conv.replace(2, withCalls("z", "c1", "c2"));
    expect(conv.holderOf("c1")).toBe(1);
    expect(conv.holderOf("c2")).toBe(2);
    expect(conv.at(1)).toEqual(withCalls("b", "c1"));
  });

  it("a replacement that adds a call a later message holds makes it the first holder", () => {
    const conv = new Conversation([text("a"), text("b"), withCalls("c", "c1")]);
    expect(conv.holderOf("c1")).toBe(2);
    conv.replace(1, withCalls("b", "c1"));
    expect(conv.holderOf("c1")).toBe(1);
  });

  it("a replacement under another id moves the id lookups with it", () => {
    const conv = new Conversation([text("a"), text("b")]);
    expect(conv.indexOf("b")).toBe(1);
    conv.replace(1, text("c"));
    expect(conv.indexOf("b")).toBe(-1);
    expect(conv.indexOf("c")).toBe(1);
  });

  it("an insertion shifts the indexes of the messages after it; past the end it appends", () => {
    const conv = new Conversation([text("a"), withCalls("b", "c1")]);
    expect(conv.indexOf("b")).toBe(1);
    conv.insert(1, text("new"));
    expect(conv.indexOf("new")).toBe(1);
    expect(conv.indexOf("b")).toBe(2);
    expect(conv.holderOf("c1")).toBe(2);
    conv.insert(3, text("end"));
    expect(conv.indexOf("end")).toBe(3);
    conv.insert(10, text("far"));
    expect(conv.all().map((m) => m.id)).toEqual(["a", "new", "b", "end", "far"]);
    expect(conv.indexOf("far")).toBe(4);
  });

  it("a reset replaces the list and every lookup", () => {
    const conv = new Conversation([text("a")]);
    expect(conv.indexOf("a")).toBe(0);
    conv.reset([text("x"), text("a")]);
    expect(conv.indexOf("a")).toBe(1);
    expect(conv.indexOf("x")).toBe(0);
  });

  it("hands out a copy of the list, sharing the messages", () => {
    const m = text("a");
    const conv = new Conversation([m]);
    const snap = conv.snapshot();
    conv.push(text("b"));
    expect(snap).toEqual([m]);
    expect(snap[0]).toBe(m);
  });
});
