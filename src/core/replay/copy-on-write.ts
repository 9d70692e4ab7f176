// Copy on write for a state that deltas patch in place: before an operation writes, the objects on
// its way down from the root (and from its `from`, for move) are replaced by shallow copies made
// for this batch, so the state as it was before the batch stays whole and shares every object the
// batch did not touch. Much cheaper than a deep clone of a 200 KB state per delta, and a diff of
// the two then skips the shared objects by identity.

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is object => v !== null && typeof v === "object";

/** `doc` with the containers on `pointer`'s path copied, unless `copies` says this batch made them. */
export function copyAlong(doc: unknown, pointer: unknown, copies: WeakSet<object>): unknown {
  if (!isObject(doc) || typeof pointer !== "string") return doc;
  const root = own(doc, copies);
  const keys = pointer.split("/").slice(1);
  let parent = root;
  // Down to the parent of the target: the target itself is replaced or removed there, not written into.
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i].replace(/~1/g, "/").replace(/~0/g, "~");
    const child = Object.prototype.hasOwnProperty.call(parent, key) ? parent[key] : undefined;
    if (!isObject(child)) break;
    const copy = own(child, copies);
    // Stryker disable next-line ConditionalExpression: setting the same object again changes nothing
    if (copy !== child) setOwn(parent, key, copy);
    parent = copy;
  }
  return root;
}

/** What an operation writes into, copied: its path, and the place a move takes its value from. */
export function copyForOp(doc: unknown, op: { path?: unknown; from?: unknown; op?: unknown }, copies: WeakSet<object>): unknown {
  const out = copyAlong(doc, op.path, copies);
  return op.op === "move" ? copyAlong(out, op.from, copies) : out;
}

function own(v: object, copies: WeakSet<object>): Obj {
  if (copies.has(v)) return v as Obj;
  let copy: Obj;
  if (Array.isArray(v)) copy = v.slice() as unknown as Obj;
  else {
    copy = {};
    for (const k of Object.keys(v)) setOwn(copy, k, (v as Obj)[k]);
  }
  copies.add(copy);
  return copy;
}

/** Sets an own data property: a "__proto__" key is data, not the prototype. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
