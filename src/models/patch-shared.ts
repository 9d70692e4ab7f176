import type { Operation } from "fast-json-patch";
import { copyAlong, setOwn } from "../core/replay/copy-on-write";

// The state a seek answer describes as operations on the state the page holds (the worker sends
// them instead of a 200 KB copy when it knows what the page holds). Applied copy-on-write: `base`
// is left as it is, and every object off the changed paths is base's own, so the state tree, which
// skips unchanged objects by identity, redraws only what the record changed.

/** `base` with `ops` applied (the add, remove and replace that jsonpatch.compare writes), copied only along their paths. */
export function patchShared(base: unknown, ops: readonly Operation[]): unknown {
  if (ops.length === 0) return base;
  if (base === null || typeof base !== "object") throw new Error("patchShared: the state held is not an object");
  const copies = new WeakSet<object>();
  let root: object = base;
  for (const op of ops) {
    const keys = op.path.split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    if (keys.length === 0) throw new Error(`patchShared: an operation on the whole state (${op.op})`);
    // The root and every container down to the target's parent are now this batch's own copies.
    root = copyAlong(root, op.path, copies) as object;
    let parent = root as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) {
      const child = Object.prototype.hasOwnProperty.call(parent, key) ? parent[key] : undefined;
      if (child === null || typeof child !== "object") throw new Error(`patchShared: ${op.path} does not lead through objects`);
      parent = child as Record<string, unknown>;
    }
    const last = keys[keys.length - 1];
    if (op.op === "remove") {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (op.op === "add" && Array.isArray(parent)) {
      parent.splice(last === "-" ? parent.length : Number(last), 0, op.value);
    } else if (op.op === "add" || op.op === "replace") {
      setOwn(parent, last, op.value);
    } else {
      throw new Error(`patchShared: unexpected operation ${op.op}`);
    }
  }
  return root;
}
