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

  it("fails like the client's validating applyPatch does, naming the op, the path and the reason", () => {
    const PATH_MISSING = "Cannot perform the operation at a path that does not exist (OPERATION_PATH_UNRESOLVABLE)";
    const FROM_MISSING = "Cannot perform the operation from a path that does not exist (OPERATION_FROM_UNRESOLVABLE)";
    const VALUE_MISSING = "Operation `value` property is not present (applicable in `add`, `replace` and `test` operations) (OPERATION_VALUE_REQUIRED)";
    const FROM_REQUIRED = "Operation `from` property is not present (applicable in `move` and `copy` operations) (OPERATION_FROM_REQUIRED)";
    const NOT_AN_OBJECT = "Operation is not an object (OPERATION_NOT_AN_OBJECT)";
    const cases: [unknown, string][] = [
      [{ op: "remove", path: "/missing" }, PATH_MISSING],
      [{ op: "replace", path: "/missing", value: 1 }, PATH_MISSING],
      [{ op: "add", path: "/x/y/z", value: 1 }, "Cannot perform an `add` operation at the desired path (OPERATION_PATH_CANNOT_ADD)"],
      [{ op: "test", path: "/a", value: 2 }, "Test operation failed (TEST_OPERATION_FAILED)"],
      [{ op: "move", from: "/nope", path: "/b" }, FROM_MISSING],
      [{ op: "copy", from: "/list/x", path: "/b" }, FROM_MISSING],
      [{ op: "copy", from: "/list/01", path: "/b" }, FROM_MISSING],
      [{ op: "copy", from: "/list/0x", path: "/b" }, FROM_MISSING],
      [{ op: "copy", from: "/list/1", path: "/b" }, FROM_MISSING],
      [{ op: "copy", from: "/a/deep", path: "/b" }, FROM_MISSING],
      [{ op: "copy", from: "a", path: "/b" }, FROM_MISSING],
      [{ op: "copy", from: "/s/0", path: "/b" }, FROM_MISSING],
      [{ op: "copy", from: "/list/length", path: "/b" }, FROM_MISSING],
      [{ op: "copy", path: "/b" }, FROM_REQUIRED],
      [{ op: "move", path: "/b" }, FROM_REQUIRED],
      [{ op: "add", path: "/list/5", value: 1 }, "The specified index MUST NOT be greater than the number of elements in the array (OPERATION_VALUE_OUT_OF_BOUNDS)"],
      [{ op: "add", path: "/list/x", value: 1 }, "Expected an unsigned base-10 integer value, making the new referenced value the array element with the zero-based index (OPERATION_PATH_ILLEGAL_ARRAY_INDEX)"],
      [{ op: "frobnicate", path: "/a" }, "Operation `op` property is not one of operations defined in RFC-6902 (OPERATION_OP_INVALID)"],
      [{ path: "/a", value: 1 }, "Operation `op` property is not one of operations defined in RFC-6902 (OPERATION_OP_INVALID)"],
      [{ op: "add", path: "a", value: 1 }, 'Operation `path` property must start with "/" (OPERATION_PATH_INVALID)'],
      [{ op: "add", path: 5, value: 1 }, "Operation `path` property is not a string (OPERATION_PATH_INVALID)"],
      [{ op: "add", path: "/b" }, VALUE_MISSING],
      [{ op: "replace", path: "/a" }, VALUE_MISSING],
      [{ op: "test", path: "/a" }, VALUE_MISSING],
      ["not an op", NOT_AN_OBJECT],
      [[1], NOT_AN_OBJECT],
      // fast-json-patch itself would read null.path and throw a TypeError
      [null, NOT_AN_OBJECT],
    ];
    for (const [op, reason] of cases) {
      const doc = { a: 1, list: [0], s: "abc" };
      const r = patch(doc, [op]);
      const path = op !== null && typeof (op as { path?: unknown }).path === "string" ? (op as { path: string }).path : undefined;
      expect(r, JSON.stringify(op)).toEqual({ ok: false, opIndex: 0, path, reason, dirty: false });
      expect(doc).toEqual({ a: 1, list: [0], s: "abc" });
    }
  });

  it("reads a multi-digit array index in a move or copy source", () => {
    const list = Array.from({ length: 12 }, (_, i) => i);
    expect(patch({ list }, [{ op: "copy", from: "/list/10", path: "/b" }])).toMatchObject({ ok: true, doc: { b: 10 } });
  });

  it("passes on the message of an error that is not a validation error, and marks the document dirty", () => {
    // fast-json-patch throws a TypeError for a move into the value's own child, after it took the value out
    expect(patch({ a: {} }, [{ op: "move", from: "/a", path: "/a/b" }])).toEqual({ ok: false, opIndex: 0, path: "/a/b", reason: "Cannot set properties of undefined (setting 'b')", dirty: true });
  });

  it("finds move and copy sources through escaped keys, array items and the root", () => {
    const doc: Record<string, unknown> = { "m/n": 2, "m~1": 3, list: [{ k: 4 }] };
    expect(patch(doc, [{ op: "copy", from: "/m~1n", path: "/b" }, { op: "copy", from: "/m~01", path: "/c" }, { op: "copy", from: "/list/0/k", path: "/d" }]).ok).toBe(true);
    expect(doc).toMatchObject({ b: 2, c: 3, d: 4 });
    const root = patch({ a: 1 }, [{ op: "copy", from: "", path: "/self" }]);
    expect(root).toMatchObject({ ok: true, doc: { a: 1, self: { a: 1 } } });
  });

  it("copies an op's from and value only when the op has them", () => {
    const ops = [{ op: "add", path: "/a", value: null }, { op: "remove", path: "/a" }];
    const doc: Record<string, unknown> = {};
    expect(patch(doc, ops)).toEqual({ ok: true, doc: {}, ops: 2 });
    const moved = patch({ a: 1 }, [{ op: "move", from: "/a", path: "/b", value: "ignored" }]);
    expect(moved).toEqual({ ok: true, doc: { b: 1 }, ops: 1 });
  });

  it("reports a patch that is not an array without an op index", () => {
    const r = patch({}, { op: "add" });
    expect(r).toEqual({ ok: false, reason: "the patch is not an array of operations", dirty: false });
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
