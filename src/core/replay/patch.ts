import jsonpatch from "fast-json-patch";
import type { Operation } from "fast-json-patch";
import { cloneJson } from "./json";

// RFC 6902 with fast-json-patch's mutating form (the non-mutating one deep-clones the whole
// document per delta). Each op is validated against the document as the client's
// applyPatch(state, delta, true, false) does, so the same deltas fail. Op values are cloned
// first: the mutating form stores them by reference, and a later op would then write into
// the recorded event.

export type PatchOutcome =
  | { ok: true; doc: unknown; ops: number }
  | {
      ok: false;
      opIndex?: number;
      path?: string;
      reason: string;
      /** The document may be partly patched: the caller must restore it. */
      dirty: boolean;
    };

type Op = { op?: unknown; path?: unknown; from?: unknown; value?: unknown };

const PatchError = jsonpatch.JsonPatchError;
const VALID_OPS = new Set(["add", "remove", "replace", "move", "copy", "test"]);

/** `beforeOp` may replace the document before each op writes (copy on write: see copy-on-write.ts). */
export function applyPatchInPlace(doc: unknown, ops: unknown, beforeOp?: (doc: unknown, op: Op) => unknown): PatchOutcome {
  if (!Array.isArray(ops)) return { ok: false, reason: "the patch is not an array of operations", dirty: false };
  let mutated = false;
  for (let i = 0; i < ops.length; i++) {
    const raw = ops[i] as Op;
    const isObject = raw !== null && typeof raw === "object" && !Array.isArray(raw);
    const op = isObject ? copyOp(raw) : raw;
    try {
      // fast-json-patch reads op.path before it validates, so a null op would throw a TypeError.
      // Stryker disable next-line StringLiteral: a non-object op fails validation before the path is looked at
      if (!isObject) validate(op as Op, i, doc, "");
      if (beforeOp) doc = beforeOp(doc, op as Op);
      doc = jsonpatch.applyOperation(doc, op as Operation, validate, true, true, i).newDocument;
    } catch (err) {
      return {
        ok: false,
        opIndex: i,
        path: typeof raw?.path === "string" ? raw.path : undefined,
        reason: describe(err),
        // A validation error is thrown before the op touches the document; anything else
        // (e.g. a move into its own child) may have half-applied it.
        dirty: mutated || !(err instanceof PatchError),
      };
    }
    // Stryker disable next-line OptionalChaining: a null op has failed validation and returned above
    if (raw?.op !== "test") mutated = true;
  }
  return { ok: true, doc, ops: ops.length };
}

function copyOp(raw: Op): Op {
  const op: Op = { op: raw.op, path: raw.path };
  if ("from" in raw) op.from = raw.from;
  if ("value" in raw) op.value = cloneJson(raw.value);
  return op;
}

function describe(err: unknown): string {
  // PatchError's message goes on with the op and the whole document; the first line is the reason.
  if (err instanceof PatchError) return `${err.message.split("\n", 1)[0]} (${err.name})`;
  return err instanceof Error ? err.message : String(err);
}

/**
 * fast-json-patch's own validator, minus two costs: it deep-clones the whole document to check
 * a move/copy `from`, and walks every value looking for `undefined` (JSON cannot hold one).
 */
function validate(operation: Op, index: number, document: unknown, existingPath: string): void {
  if (operation === null || typeof operation !== "object" || Array.isArray(operation)) {
    throw new PatchError("Operation is not an object", "OPERATION_NOT_AN_OBJECT", index, operation, document);
  }
  const { op, path } = operation;
  if (typeof op !== "string" || !VALID_OPS.has(op)) {
    throw new PatchError("Operation `op` property is not one of operations defined in RFC-6902", "OPERATION_OP_INVALID", index, operation, document);
  }
  if (typeof path !== "string") {
    throw new PatchError("Operation `path` property is not a string", "OPERATION_PATH_INVALID", index, operation, document);
  }
  if (path.length > 0 && path[0] !== "/") {
    throw new PatchError('Operation `path` property must start with "/"', "OPERATION_PATH_INVALID", index, operation, document);
  }
  if ((op === "move" || op === "copy") && typeof operation.from !== "string") {
    throw new PatchError("Operation `from` property is not present (applicable in `move` and `copy` operations)", "OPERATION_FROM_REQUIRED", index, operation, document);
  }
  if ((op === "add" || op === "replace" || op === "test") && operation.value === undefined) {
    throw new PatchError("Operation `value` property is not present (applicable in `add`, `replace` and `test` operations)", "OPERATION_VALUE_REQUIRED", index, operation, document);
  }
  if (op === "add") {
    const depth = path.split("/").length;
    const existing = existingPath.split("/").length;
    if (depth !== existing + 1 && depth !== existing) {
      throw new PatchError("Cannot perform an `add` operation at the desired path", "OPERATION_PATH_CANNOT_ADD", index, operation, document);
    }
  } else if (op === "replace" || op === "remove") {
    if (path !== existingPath) {
      throw new PatchError("Cannot perform the operation at a path that does not exist", "OPERATION_PATH_UNRESOLVABLE", index, operation, document);
    }
  } else if (op === "move" || op === "copy") {
    if (!pointerExists(document, operation.from as string)) {
      throw new PatchError("Cannot perform the operation from a path that does not exist", "OPERATION_FROM_UNRESOLVABLE", index, operation, document);
    }
  }
}

function pointerExists(doc: unknown, pointer: string): boolean {
  if (pointer === "") return true;
  if (pointer[0] !== "/") return false;
  const keys = pointer.split("/");
  let node = doc;
  for (let i = 1; i < keys.length; i++) {
    if (node === null || typeof node !== "object") return false;
    let key = keys[i];
    if (key.indexOf("~") !== -1) key = key.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node) && !/^(0|[1-9][0-9]*)$/.test(key)) return false;
    node = (node as Record<string, unknown>)[key];
    if (node === undefined) return false;
  }
  return true;
}
