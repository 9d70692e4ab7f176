import { describe, expect, it } from "vitest";
import jsonpatch, { type Operation } from "fast-json-patch";
import { applyPatchInPlace } from "./patch";
import { copyAlong, copyForOp } from "./copy-on-write";
import { cloneJson } from "./json";
import { rng } from "../../../test/rng";

// (the default import: fast-json-patch is CommonJS)

function value(r: () => number, depth: number): unknown {
  const k = r();
  if (depth <= 0 || k < 0.3) return [null, true, 7, "s", ""][Math.floor(r() * 5)];
  if (k < 0.6) return Array.from({ length: 1 + Math.floor(r() * 4) }, () => value(r, depth - 1));
  const out: Record<string, unknown> = {};
  for (const key of ["a", "b", "c/d", "e~f", "__proto__"]) if (r() < 0.6) Object.defineProperty(out, key, { value: value(r, depth - 1), enumerable: true, writable: true, configurable: true });
  return out;
}

const esc = (k: string) => k.replace(/~/g, "~0").replace(/\//g, "~1");

/** Every JSON Pointer in `doc` below the root, containers and leaves (fast-json-patch refuses a path through __proto__). */
function pointers(doc: unknown, base = ""): string[] {
  if (doc === null || typeof doc !== "object") return [];
  return Object.keys(doc).filter((k) => k !== "__proto__").flatMap((k) => [`${base}/${esc(k)}`, ...pointers((doc as Record<string, unknown>)[k], `${base}/${esc(k)}`)]);
}

/** A delta of several ops that are valid in turn (each chosen against the document the ones before it leave). */
function delta(doc: unknown, r: () => number): Operation[] {
  const scratch = cloneJson(doc);
  const ops: Operation[] = [];
  for (let i = 0; i < 1 + Math.floor(r() * 5); i++) {
    const all = pointers(scratch);
    if (!all.length) break;
    const at = all[Math.floor(r() * all.length)];
    const parent = at.slice(0, at.lastIndexOf("/"));
    const kind = r();
    let op: Operation;
    if (kind < 0.25) op = { op: "replace", path: at, value: value(r, 2) };
    else if (kind < 0.4) op = { op: "remove", path: at };
    else if (kind < 0.6) {
      const target = jsonpatch.getValueByPointer(scratch, parent || "");
      op = { op: "add", path: Array.isArray(target) ? `${parent}/${r() < 0.5 ? 0 : "-"}` : `${parent}/k${i}`, value: value(r, 2) };
    } else if (kind < 0.7) op = { op: "test", path: at, value: cloneJson(jsonpatch.getValueByPointer(scratch, at)) };
    else if (kind < 0.85) {
      // a move to a fresh key of the root: never into its own child
      op = { op: "move", from: at, path: `/m${i}` };
    } else op = { op: "copy", from: at, path: `/c${i}` };
    try {
      jsonpatch.applyOperation(scratch, cloneJson(op), true, true);
      ops.push(op);
    } catch {
      // not valid here (a move of the root's own key onto itself…): left out
    }
  }
  return ops;
}

describe("copy on write for in-place deltas", () => {
  it("leaves the state before whole, gives the same state after as a patch of a deep clone, and shares what no op wrote into", () => {
    const r = rng(11);
    let cases = 0;
    let moves = 0;
    for (let i = 0; i < 500; i++) {
      const before = { s: value(r, 4), list: [value(r, 3), { x: value(r, 2) }, [1, 2, 3]] };
      const ops = delta(before, r);
      if (!ops.length) continue;
      if (ops.some((o) => o.op === "move")) moves++;
      const frozen = JSON.stringify(before);
      const plain = applyPatchInPlace(cloneJson(before), ops);
      const copies = new WeakSet<object>();
      const cow = applyPatchInPlace(before, ops, (doc, op) => copyForOp(doc, op, copies));
      expect(cow.ok).toBe(true);
      expect(plain.ok).toBe(true);
      expect(JSON.stringify(before), "the state before is untouched").toBe(frozen);
      expect((cow as { doc: unknown }).doc).toEqual((plain as { doc: unknown }).doc);
      // Objects no op wrote into are the state before's own.
      const after = (cow as { doc: Record<string, unknown> }).doc;
      if (JSON.stringify(after.list) === JSON.stringify(before.list) && !ops.some((o) => o.path.startsWith("/list") || ("from" in o && o.op === "move" && o.from.startsWith("/list")))) expect(after.list).toBe(before.list);
      cases++;
    }
    expect(cases).toBeGreaterThan(300);
    expect(moves).toBeGreaterThan(20);
  });

  it("an insert that shifts an array, then a write at the shifted index, writes into a copy", () => {
    const before = { list: [{ n: 0 }, { n: 1 }] };
    const copies = new WeakSet<object>();
    const out = applyPatchInPlace(before, [{ op: "add", path: "/list/0", value: { n: -1 } }, { op: "replace", path: "/list/1/n", value: 99 }], (doc, op) => copyForOp(doc, op, copies));
    expect(out).toMatchObject({ ok: true, doc: { list: [{ n: -1 }, { n: 99 }, { n: 1 }] } });
    expect(before).toEqual({ list: [{ n: 0 }, { n: 1 }] });
    // the element not written into is shared
    expect((out as { doc: { list: unknown[] } }).doc.list[2]).toBe(before.list[1]);
  });

  it("a moved object written into later in the same delta is copied, not changed where the state before holds it", () => {
    const before = { a: { x: 1 }, b: {} as Record<string, unknown> };
    const copies = new WeakSet<object>();
    const out = applyPatchInPlace(before, [{ op: "move", from: "/a", path: "/b/moved" }, { op: "replace", path: "/b/moved/x", value: 2 }], (doc, op) => copyForOp(doc, op, copies));
    expect(out).toMatchObject({ ok: true, doc: { b: { moved: { x: 2 } } } });
    expect(before).toEqual({ a: { x: 1 }, b: {} });
  });

  it("keeps an own __proto__ key as data on the copies", () => {
    const before = JSON.parse('{"__proto__":{"deep":{"v":1}},"other":{"w":1},"keep":{"k":1}}');
    const copies = new WeakSet<object>();
    const out = applyPatchInPlace(before, [{ op: "replace", path: "/other/w", value: 2 }], (doc, op) => copyForOp(doc, op, copies)) as { ok: true; doc: Record<string, unknown> };
    expect(out.ok).toBe(true);
    expect(Object.getOwnPropertyDescriptor(out.doc, "__proto__")?.value).toBe(Object.getOwnPropertyDescriptor(before, "__proto__")?.value);
    expect(Object.getPrototypeOf(out.doc)).toBe(Object.prototype);
    expect(out.doc.keep).toBe(before.keep);
    expect(JSON.stringify(out.doc)).toBe('{"__proto__":{"deep":{"v":1}},"other":{"w":2},"keep":{"k":1}}');
    expect(JSON.stringify(before)).toBe('{"__proto__":{"deep":{"v":1}},"other":{"w":1},"keep":{"k":1}}');
  });

  it("copies each container once a batch, and again in a new batch", () => {
    const before = { a: { b: { c: 1 } } };
    const copies = new WeakSet<object>();
    const one = copyAlong(before, "/a/b/c", copies) as typeof before;
    expect(one).not.toBe(before);
    expect(one.a).not.toBe(before.a);
    expect(one.a.b).not.toBe(before.a.b);
    expect(one.a.b).toEqual(before.a.b);
    const again = copyAlong(one, "/a/b/c", copies) as typeof before;
    expect(again).toBe(one);
    expect(again.a.b).toBe(one.a.b);
    const next = copyAlong(one, "/a/b/c", new WeakSet()) as typeof before;
    expect(next.a.b).not.toBe(one.a.b);
    // The target itself is not copied: it is replaced or removed in its parent.
    const original = { a: { big: { x: 1 } } };
    const leafParent = copyAlong(original, "/a/big", new WeakSet()) as typeof original;
    expect(leafParent.a).not.toBe(original.a);
    expect(leafParent.a.big).toBe(original.a.big);
  });

  it("stops at a path that does not exist, and leaves a scalar document or a missing pointer alone", () => {
    const before = { a: [1] };
    const out = copyAlong(before, "/a/5/x", new WeakSet()) as typeof before;
    expect(out).toEqual(before);
    expect(out.a).not.toBe(before.a);
    expect(copyAlong(3, "/a", new WeakSet())).toBe(3);
    expect(copyAlong(null, "/a", new WeakSet())).toBe(null);
    // a null on the way stops the copying there
    const withNull = { a: null, b: {} };
    const past = copyAlong(withNull, "/a/x/y", new WeakSet()) as typeof withNull;
    expect(past).toEqual(withNull);
    expect(past.b).toBe(withNull.b);
    expect(copyAlong(before, undefined, new WeakSet())).toBe(before);
    expect(copyForOp(before, { op: "copy", from: "/a", path: "/b" }, new WeakSet())).not.toBe(before);
    // a move copies the containers of its from as well
    const two = { x: { y: { z: 1 } }, t: {} };
    const moved = copyForOp(two, { op: "move", from: "/x/y/z", path: "/t/z" }, new WeakSet()) as typeof two;
    expect(moved.x.y).not.toBe(two.x.y);
    const copied = copyForOp(two, { op: "copy", from: "/x/y/z", path: "/t/z" }, new WeakSet()) as typeof two;
    expect(copied.x).toBe(two.x);
  });
});
