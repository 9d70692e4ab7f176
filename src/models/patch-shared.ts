import type { Operation } from "fast-json-patch";

// The state a seek answer describes as operations on the state the page holds (the worker sends
// them instead of a 200 KB copy when it knows what the page holds). Applied copy-on-write: `base`
// is left as it is, and every object off the changed paths is base's own, so the state tree, which
// skips unchanged objects by identity, redraws only what the record changed.

/** `base` with `ops` applied (the add, remove and replace that jsonpatch.compare writes), copied only along their paths. */
export function patchShared(base: unknown, ops: readonly Operation[]): unknown {
  if (ops.length === 0) return base;
  if (base === null || typeof base !== "object") throw new Error("patchShared: the state held is not an object");
  const copies = new WeakSet<object>();
  const own = (v: object): Record<string, unknown> => {
    if (copies.has(v)) return v as Record<string, unknown>;
    const copy = (Array.isArray(v) ? v.slice() : copyObject(v)) as Record<string, unknown>;
    copies.add(copy);
    return copy;
  };
  const root = own(base);
  for (const op of ops) {
    const keys = op.path.split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    if (keys.length === 0) throw new Error(`patchShared: an operation on the whole state (${op.op})`);
    let parent = root;
    for (const key of keys.slice(0, -1)) {
      const child = Object.prototype.hasOwnProperty.call(parent, key) ? parent[key] : undefined;
      if (child === null || typeof child !== "object") throw new Error(`patchShared: ${op.path} does not lead through objects`);
      const copy = own(child);
      if (copy !== child) setOwn(parent, key, copy);
      parent = copy;
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

function copyObject(v: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) setOwn(out, k, (v as Record<string, unknown>)[k]);
  return out;
}

/** (defineProperty: a "__proto__" key is data, not the prototype) */
function setOwn(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
