import jsonpatch from "fast-json-patch";

// Differences between two JSON values as RFC 6902 operations, each with the value it replaces,
// so a report can say "was X, now Y".

/** JSON Pointers of the leaves that differ between two states. */
export function changedPaths(before: unknown, after: unknown): string[] {
  return jsonDiff(before, after).map((op) => op.path);
}

export interface DiffOp {
  op: "add" | "remove" | "replace";
  path: string;
  before?: unknown;
  after?: unknown;
}

/** RFC 6902 operations from a to b (fast-json-patch's compare), each with the value it replaces. */
export function jsonDiff(a: unknown, b: unknown): DiffOp[] {
  const container = (v: unknown) => v !== null && typeof v === "object";
  if (!container(a) || !container(b) || Array.isArray(a) !== Array.isArray(b)) {
    if (JSON.stringify(a) === JSON.stringify(b)) return [];
    if (a === undefined) return [{ op: "add", path: "", after: b }];
    if (b === undefined) return [{ op: "remove", path: "", before: a }];
    return [{ op: "replace", path: "", before: a, after: b }];
  }
  return jsonpatch.compare(a as object, b as object).flatMap((op): DiffOp[] => {
    if (op.op !== "add" && op.op !== "remove" && op.op !== "replace") return [];
    const out: DiffOp = { op: op.op, path: op.path };
    if (op.op !== "add") out.before = jsonpatch.getValueByPointer(a, op.path);
    if (op.op !== "remove") out.after = (op as { value?: unknown }).value;
    return [out];
  });
}
