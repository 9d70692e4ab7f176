import { describe, expect, it } from "vitest";
import { cloneJson, isRecord, str } from "./json";

describe("cloneJson", () => {
  it("copies deeply: nothing in the copy is shared with the source", () => {
    const source = { a: [1, { b: "x" }], n: null, t: true };
    const copy = cloneJson(source);
    expect(copy).toEqual(source);
    expect(copy.a).not.toBe(source.a);
    expect(copy.a[1]).not.toBe(source.a[1]);
  });

  it("copies own keys only", () => {
    const proto = { inherited: 1 };
    const source = Object.assign(Object.create(proto) as Record<string, unknown>, { own: 2 });
    expect(Object.keys(cloneJson(source))).toEqual(["own"]);
  });

  it("keeps an own __proto__ key as a plain, writable, deletable key without touching the prototype", () => {
    const source = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const copy = cloneJson(source);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__", "a"]);
    expect(Object.getOwnPropertyDescriptor(copy, "__proto__")?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // a later patch may replace or remove the key like any other
    copy.__proto__ = 5;
    expect(Object.getOwnPropertyDescriptor(copy, "__proto__")?.value).toBe(5);
    expect(delete copy.__proto__).toBe(true);
    expect(Object.keys(copy)).toEqual(["a"]);
  });
});

describe("small JSON guards", () => {
  it("isRecord is true for plain objects only", () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord([])).toBe(false);
    expect(isRecord(null)).toBe(false);
    expect(isRecord("x")).toBe(false);
  });

  it("str keeps strings and drops anything else", () => {
    expect(str("x")).toBe("x");
    expect(str("")).toBe("");
    expect(str(1)).toBeUndefined();
    expect(str({})).toBeUndefined();
  });
});
