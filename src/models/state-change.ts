import jsonpatch, { type Operation } from "fast-json-patch";
import { changedPaths } from "./diff";

// (the default import: the package is CommonJS, and Node's ESM loader gives no named exports)

// What one record changed in the state: the paths to highlight (and their ancestors) and the
// before → after rows the state panel lists. Pure, so the page's worker computes it beside the
// seek and only this crosses to the page, not the state before as well.

export interface PathChange {
  op: Operation["op"];
  path: string;
  before: unknown;
  after: unknown;
}

export interface StateChange {
  /** Changed JSON Pointers and their ancestors, the root left out (it always "changes"). */
  paths: string[];
  /** The first SHOWN_CHANGES before → after rows. */
  changes: PathChange[];
  /** All of them. */
  count: number;
}

export const SHOWN_CHANGES = 200;
export const NO_CHANGE: StateChange = { paths: [], changes: [], count: 0 };

function asDoc(v: unknown): object {
  // compare works on objects and arrays; a scalar state is wrapped so its change still shows at "/value"
  if (v === undefined || v === null) return {};
  return typeof v === "object" ? (v as object) : { value: v };
}

/** The change from `before` to `after` (neither is modified). */
export function stateChange(before: unknown, after: unknown): StateChange {
  return stateChangeOps(before, after).change;
}

/**
 * The change, and the operations that turn `before` into `after` when both are objects (or both
 * arrays): the worker sends those instead of the whole state to a page that holds `before`.
 */
export function stateChangeOps(before: unknown, after: unknown): { change: StateChange; ops?: Operation[] } {
  if (before === after) return { change: NO_CHANGE, ops: [] };
  const paths = changedPaths(before, after);
  paths.delete("");
  if (!paths.size) return { change: NO_CHANGE };
  const docA = asDoc(before);
  const docB = asDoc(after);
  const ops = jsonpatch.compare(docA, docB);
  const patchable = docA === before && docB === after && Array.isArray(before) === Array.isArray(after);
  return { change: changeOf(paths, docA, ops), ops: patchable ? ops : undefined };
}

function changeOf(paths: Set<string>, docA: object, ops: Operation[]): StateChange {
  return {
    paths: [...paths],
    changes: ops.slice(0, SHOWN_CHANGES).map((op) => ({
      op: op.op,
      path: op.path,
      before: op.op === "add" ? undefined : read(docA, op.path),
      after: op.op === "remove" ? undefined : (op as { value?: unknown }).value,
    })),
    count: ops.length,
  };
}

function read(doc: object, path: string): unknown {
  try {
    return jsonpatch.getValueByPointer(doc, path);
  } catch {
    return undefined;
  }
}
