import { describe, expect, it } from "vitest";
import { share } from "./share";
import { stateChange } from "./state-change";
import { LazyMessages } from "./lazy-messages";

describe("share: the next value, reusing the previous one's unchanged parts", () => {
  it("keeps the identity of every subtree that did not change, and the value of the new one", () => {
    const prev = { items: [{ id: 1, tags: ["a"] }, { id: 2, tags: ["b"] }], users: { u1: { name: "A" } }, n: 1 };
    const next = JSON.parse(JSON.stringify(prev));
    next.items[1].tags.push("c");
    const want = JSON.parse(JSON.stringify(next));
    const got = share(prev, next);
    expect(got).toEqual(want);
    expect(got).not.toBe(prev);
    expect(got.items[0]).toBe(prev.items[0]);
    expect(got.users).toBe(prev.users);
    expect(got.items[1]).not.toBe(prev.items[1]);
    expect(got.items[1].tags).not.toBe(prev.items[1].tags);
    // the previous value is left as it was
    expect(prev.items[1].tags).toEqual(["b"]);
  });

  it("an equal value is the previous one; keys added, removed or retyped are changes", () => {
    const prev = { a: [1, 2], b: { c: null }, d: "x" };
    expect(share(prev, JSON.parse(JSON.stringify(prev)))).toBe(prev);
    expect(share(prev, { a: [1, 2], b: { c: null } })).toEqual({ a: [1, 2], b: { c: null } });
    expect(share(prev, { a: [1, 2], b: { c: null }, d: "x", e: 1 })).not.toBe(prev);
    expect(share(prev, { a: { 0: 1, 1: 2 }, b: { c: null }, d: "x" })).toEqual({ a: { 0: 1, 1: 2 }, b: { c: null }, d: "x" });
    expect(share([1, 2], [1, 2, 3])).toEqual([1, 2, 3]);
    expect(share(undefined, { a: 1 })).toEqual({ a: 1 });
    const proto = JSON.parse('{"__proto__": {"x": 1}}');
    const again = JSON.parse('{"__proto__": {"x": 1}, "y": 2}');
    const got = share(proto, again) as Record<string, unknown>;
    expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
    expect(Object.keys(got)).toEqual(["__proto__", "y"]);
  });
});

describe("stateChange: what one record changed", () => {
  it("lists the changed paths with their ancestors (not the root) and the before → after rows", () => {
    const before = { a: 1, b: { c: 2, d: [1] } };
    const after = { a: 1, b: { c: 3, d: [1, 2] } };
    const change = stateChange(before, after);
    expect(new Set(change.paths)).toEqual(new Set(["/b/c", "/b/d/1", "/b/d", "/b"]));
    expect(change.changes).toEqual(
      expect.arrayContaining([
        { op: "replace", path: "/b/c", before: 2, after: 3 },
        { op: "add", path: "/b/d/1", before: undefined, after: 2 },
      ]),
    );
    expect(change.count).toBe(2);
    expect(before).toEqual({ a: 1, b: { c: 2, d: [1] } });
    expect(stateChange(before, before)).toEqual({ paths: [], changes: [], count: 0 });
  });
});

describe("LazyMessages: a held list kept in part and grown, decoded only when read", () => {
  it("equals the list it stands for, from decoded messages or JSON text, through any number of keeps", () => {
    const m = (id: string, content = id) => ({ id, role: "assistant" as const, content });
    const text = LazyMessages.fromJson(JSON.stringify([m("a"), m("b"), m("c")]));
    const kept = text.keep(2, [m("c", "c2")]).keep(3, [m("d")]).keep(1, [m("e")]);
    const grown = text.keep(3, [m("d")]).keep(4, []);
    expect(kept.get()).toEqual([m("a"), m("e")]);
    expect(grown.get()).toEqual([m("a"), m("b"), m("c"), m("d")]);
    expect(grown.get()).toBe(grown.get());
    expect(text.get()).toEqual([m("a"), m("b"), m("c")]);
    expect(LazyMessages.of([m("x")]).keep(0, [m("y")]).get()).toEqual([m("y")]);
    expect(LazyMessages.of([m("x"), m("z")]).keep(5, []).get()).toEqual([m("x"), m("z")]);
  });

  it("a window that slides on drops the held list's front; a long chain of moves unread still equals its list", () => {
    const m = (id: string) => ({ id, role: "assistant" as const, content: id });
    const held = LazyMessages.fromJson(JSON.stringify([m("a"), m("b"), m("c")]));
    expect(held.keep(2, [m("d")], 1).get()).toEqual([m("b"), m("c"), m("d")]);
    expect(held.keep(1, [m("x"), m("y")], 2).keep(2, [m("z")], 1).get()).toEqual([m("x"), m("y"), m("z")]);
    // 200 moves, each sliding a window of 3 on by one, never read in between.
    let window = LazyMessages.of([m("0"), m("1"), m("2")]);
    for (let i = 3; i < 203; i++) window = window.keep(2, [m(String(i))], 1);
    expect(window.get()).toEqual([m("200"), m("201"), m("202")]);
  });
});
