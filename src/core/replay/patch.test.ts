import { describe, expect, it } from "vitest";
import { applyPatchInPlace } from "./patch";

function patch(doc: unknown, ops: unknown) {
  return applyPatchInPlace(doc, ops);
}

describe("applyPatchInPlace", () => {
  it("unescapes ~1 to / and ~0 to ~ in pointers", () => {
    const doc = { "a/b": 1, "m~n": { "x~/y": 2 } };
    const r = patch(doc, [
      { op: "replace", path: "/a~1b", value: 10 },
      { op: "replace", path: "/m~0n/x~0~1y", value: 20 },
      { op: "add", path: "/new~1key", value: 3 },
    ]);
    expect(r.ok).toBe(true);
    expect(doc).toEqual({ "a/b": 10, "m~n": { "x~/y": 20 }, "new/key": 3 });
  });

  it("appends with the array index -", () => {
    const doc = { list: [1] };
    expect(patch(doc, [{ op: "add", path: "/list/-", value: 2 }, { op: "add", path: "/list/-", value: 3 }]).ok).toBe(true);
    expect(doc.list).toEqual([1, 2, 3]);
  });

  it("moves, copies and tests", () => {
    const doc: Record<string, unknown> = { a: { deep: [1, 2] }, b: 1 };
    const r = patch(doc, [
      { op: "test", path: "/b", value: 1 },
      { op: "copy", from: "/a", path: "/c" },
      { op: "move", from: "/b", path: "/a/moved" },
      { op: "test", path: "/a", value: { deep: [1, 2], moved: 1 } },
    ]);
    expect(r.ok).toBe(true);
    expect(doc).toEqual({ a: { deep: [1, 2], moved: 1 }, c: { deep: [1, 2] } });
    // copy is by value: changing the copy leaves the source alone
    (doc.c as { deep: number[] }).deep.push(3);
    expect((doc.a as { deep: number[] }).deep).toEqual([1, 2]);
  });

  it("replaces the whole document through the root pointer", () => {
    const r = patch({ a: 1 }, [{ op: "replace", path: "", value: { b: 2 } }]);
    expect(r).toMatchObject({ ok: true, doc: { b: 2 } });
  });

  it("fails like the client's validating applyPatch does, naming the op and path", () => {
    const cases: [unknown, string][] = [
      [[{ op: "remove", path: "/missing" }], "OPERATION_PATH_UNRESOLVABLE"],
      [[{ op: "replace", path: "/missing", value: 1 }], "OPERATION_PATH_UNRESOLVABLE"],
      [[{ op: "add", path: "/x/y/z", value: 1 }], "OPERATION_PATH_CANNOT_ADD"],
      [[{ op: "test", path: "/a", value: 2 }], "TEST_OPERATION_FAILED"],
      [[{ op: "move", from: "/nope", path: "/b" }], "OPERATION_FROM_UNRESOLVABLE"],
      [[{ op: "add", path: "/list/5", value: 1 }], "OPERATION_VALUE_OUT_OF_BOUNDS"],
      [[{ op: "add", path: "/list/x", value: 1 }], "OPERATION_PATH_ILLEGAL_ARRAY_INDEX"],
      [[{ op: "frobnicate", path: "/a" }], "OPERATION_OP_INVALID"],
      [[{ op: "add", path: "a", value: 1 }], "OPERATION_PATH_INVALID"],
      [[{ op: "add", path: "/b" }], "OPERATION_VALUE_REQUIRED"],
      [["not an op"], "OPERATION_NOT_AN_OBJECT"],
    ];
    for (const [ops, code] of cases) {
      const doc = { a: 1, list: [0] };
      const r = patch(doc, ops);
      expect(r.ok, code).toBe(false);
      if (r.ok) continue;
      expect(r.reason).toContain(code);
      expect(r.reason).not.toContain("\n");
      expect(r.opIndex).toBe(0);
      expect(r.dirty).toBe(false);
      expect(doc).toEqual({ a: 1, list: [0] });
    }
  });

  it("reports a patch that is not an array without an op index", () => {
    const r = patch({}, { op: "add" });
    expect(r).toMatchObject({ ok: false, dirty: false });
    expect(r.ok || r.opIndex).toBeUndefined();
  });

  it("marks a failure after an applied op as dirty, and after tests only as clean", () => {
    const dirty = patch({ a: 1 }, [{ op: "replace", path: "/a", value: 2 }, { op: "remove", path: "/zz" }]);
    expect(dirty).toMatchObject({ ok: false, opIndex: 1, path: "/zz", dirty: true });
    const clean = patch({ a: 1 }, [{ op: "test", path: "/a", value: 1 }, { op: "remove", path: "/zz" }]);
    expect(clean).toMatchObject({ ok: false, opIndex: 1, dirty: false });
  });

  it("does not alias op values into the document", () => {
    const value = { nested: { n: 1 } };
    const ops = [{ op: "add", path: "/v", value }];
    const frozen = JSON.stringify(ops);
    const doc: Record<string, { nested: { n: number } }> = {};
    expect(patch(doc, ops).ok).toBe(true);
    expect(doc.v).not.toBe(value);
    // a later op writing into the added value must not reach the event's op
    expect(patch(doc, [{ op: "replace", path: "/v/nested/n", value: 2 }]).ok).toBe(true);
    expect(JSON.stringify(ops)).toBe(frozen);
  });

  it("refuses to touch __proto__", () => {
    const r = patch({}, [{ op: "add", path: "/__proto__/polluted", value: true }]);
    expect(r.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
