import { describe, expect, it } from "vitest";
import jsonpatch from "fast-json-patch";
import { patchShared } from "./patch-shared";
import { rng } from "../../test/rng";

// (the default import: fast-json-patch is CommonJS)

/** A small deterministic generator of JSON values, so the cases are many and the same each run. */
function value(r: () => number, depth: number): unknown {
  const k = r();
  if (depth <= 0 || k < 0.35) return [null, true, 0, 1.5, "a", "b/c", "~x", ""][Math.floor(r() * 8)];
  if (k < 0.65) return Array.from({ length: Math.floor(r() * 5) }, () => value(r, depth - 1));
  const out: Record<string, unknown> = {};
  for (const key of ["a", "b", "c/d", "e~f", "__proto__", "constructor"].filter(() => r() < 0.5)) Object.defineProperty(out, key, { value: value(r, depth - 1), enumerable: true, writable: true, configurable: true });
  return out;
}

/** `base` changed in a few places, as a record would. */
function edited(base: unknown, r: () => number): unknown {
  if (base === null || typeof base !== "object" || r() < 0.15) return r() < 0.5 ? base : value(r, 2);
  const copy: any = Array.isArray(base) ? base.slice() : Object.defineProperties({}, Object.getOwnPropertyDescriptors(base));
  const keys = Object.keys(copy);
  if (Array.isArray(copy) && r() < 0.3) copy.push(value(r, 2));
  if (Array.isArray(copy) && r() < 0.3) copy.pop();
  for (const key of keys) if (r() < 0.4) Object.defineProperty(copy, key, { value: edited(copy[key], r), enumerable: true, writable: true, configurable: true });
  if (!Array.isArray(copy) && r() < 0.3) delete copy[keys[0]];
  if (!Array.isArray(copy) && r() < 0.3) Object.defineProperty(copy, "new", { value: value(r, 1), enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Every object in `next` that holds nothing changed is `base`'s own object at the same path. */
function sharedWhereEqual(base: unknown, next: unknown, path = ""): void {
  if (base === null || next === null || typeof base !== "object" || typeof next !== "object") return;
  if (JSON.stringify(base) === JSON.stringify(next)) {
    expect(next, `unchanged at ${path || "(root)"} keeps its identity`).toBe(base);
    return;
  }
  for (const key of Object.keys(next)) {
    if (Object.prototype.hasOwnProperty.call(base, key)) sharedWhereEqual((base as any)[key], (next as any)[key], `${path}/${key}`);
  }
}

describe("patchShared", () => {
  it("turns the held state into the new one, leaves the held one alone, and shares what did not change", () => {
    const r = rng(7);
    let cases = 0;
    for (let i = 0; i < 600; i++) {
      const base = { root: value(r, 4), list: [value(r, 3), value(r, 3)] };
      // (through JSON: what the fold holds is JSON, and an edit may leave an array hole)
      const next = JSON.parse(JSON.stringify(edited(base, r)) ?? "null");
      if (next === null || typeof next !== "object" || Array.isArray(next)) continue;
      const ops = jsonpatch.compare(base, next);
      const before = JSON.stringify(base);
      const got = patchShared(base, ops);
      // (key order may differ where a key was removed and added again: JSON objects are unordered)
      expect(got).toEqual(next);
      expect(JSON.stringify(base)).toBe(before);
      if (ops.length) expect(got).not.toBe(base);
      sharedWhereEqual(base, got);
      cases++;
    }
    expect(cases).toBeGreaterThan(400);
  });

  it("keeps __proto__ and constructor as own data keys, never the prototype", () => {
    const base = JSON.parse('{"__proto__":{"a":1},"constructor":{"b":2},"x":{"y":1}}');
    const next = JSON.parse('{"__proto__":{"a":2},"constructor":{"b":2},"x":{"y":1},"n":{"__proto__":{"polluted":true}}}');
    const got = patchShared(base, jsonpatch.compare(base, next)) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(got, "__proto__")?.value).toEqual({ a: 2 });
    expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(got.x).toBe(base.x);
    expect(got.constructor).toBe(base.constructor);
    expect(JSON.stringify(got)).toBe(JSON.stringify(next));
  });

  it("grows and shrinks arrays as RFC 6902 says, '-' included", () => {
    const base = { a: [1, 2, 3], b: [{ k: 1 }] };
    expect(patchShared(base, [{ op: "add", path: "/a/1", value: 9 }])).toEqual({ a: [1, 9, 2, 3], b: [{ k: 1 }] });
    expect(patchShared(base, [{ op: "add", path: "/a/-", value: 4 }])).toEqual({ a: [1, 2, 3, 4], b: [{ k: 1 }] });
    expect(patchShared(base, [{ op: "remove", path: "/a/0" }])).toEqual({ a: [2, 3], b: [{ k: 1 }] });
    expect(patchShared(base, [{ op: "replace", path: "/b/0/k", value: 2 }, { op: "add", path: "/b/0/j", value: 3 }])).toEqual({ a: [1, 2, 3], b: [{ k: 2, j: 3 }] });
    expect(patchShared(base, [{ op: "remove", path: "/b/0/k" }])).toEqual({ a: [1, 2, 3], b: [{}] });
    expect(base).toEqual({ a: [1, 2, 3], b: [{ k: 1 }] });
    // Several operations on one path copy it once: the second sees the first.
    const twice = patchShared(base, [{ op: "add", path: "/a/-", value: 4 }, { op: "add", path: "/a/-", value: 5 }]) as { a: number[]; b: unknown };
    expect(twice.a).toEqual([1, 2, 3, 4, 5]);
    expect(twice.b).toBe(base.b);
    // Escaped keys
    expect(patchShared({ "a/b": { "c~d": 1 } }, [{ op: "replace", path: "/a~1b/c~0d", value: 2 }])).toEqual({ "a/b": { "c~d": 2 } });
  });

  it("no operations: the held state itself", () => {
    const base = { a: 1 };
    expect(patchShared(base, [])).toBe(base);
  });

  it("says what is wrong instead of guessing", () => {
    expect(() => patchShared(3, [{ op: "replace", path: "/a", value: 1 }])).toThrow(/not an object/);
    expect(() => patchShared({ a: 1 }, [{ op: "replace", path: "", value: 1 }])).toThrow(/whole state/);
    expect(() => patchShared({ a: 1 }, [{ op: "replace", path: "/a/b", value: 1 }])).toThrow(/\/a\/b does not lead through objects/);
    expect(() => patchShared({ a: {} }, [{ op: "replace", path: "/z/b", value: 1 }])).toThrow(/does not lead/);
    expect(() => patchShared({ a: 1 }, [{ op: "move", from: "/a", path: "/b" }])).toThrow(/unexpected operation move/);
  });
});
