import { computed, signal } from "@preact/signals";
import { compare, getValueByPointer, type Operation } from "fast-json-patch";

export interface PathChange {
  op: Operation["op"];
  path: string;
  before: unknown;
  after: unknown;
}

const clone = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/** The patch from `a` to `b` (fast-json-patch's compare); undefined counts as {}. */
export function diffOps(a: unknown, b: unknown): Operation[] {
  return compare(asDoc(a), asDoc(b));
}

function asDoc(v: unknown): object {
  // compare works on objects and arrays; a scalar state is wrapped so its change still shows at "/value"
  if (v === undefined || v === null) return {};
  return typeof v === "object" ? (clone(v) as object) : { value: v };
}

/** Before → after for every path the change from `a` to `b` touches. */
export function beforeAfter(a: unknown, b: unknown): PathChange[] {
  const docA = asDoc(a);
  return diffOps(a, b).map((op) => ({
    op: op.op,
    path: op.path,
    before: op.op === "add" ? undefined : read(docA, op.path),
    after: op.op === "remove" ? undefined : (op as { value?: unknown }).value,
  }));
}

function read(doc: object, path: string): unknown {
  try {
    return getValueByPointer(doc, path);
  } catch {
    return undefined;
  }
}

export interface Comparison {
  a: number;
  b: number;
  state: Operation[];
  messages: Operation[];
}

/** State and messages diff between the points right after seq `a` and seq `b`. */
export function comparePoints(at: (seq: number) => { state: unknown; messages: unknown[] }, a: number, b: number): Comparison {
  const pa = at(a);
  const pb = at(b);
  return { a, b, state: diffOps(pa.state, pb.state), messages: compare(clone(pa.messages) ?? [], clone(pb.messages) ?? []) };
}

/** Two chosen points (events, or the ends of two runs) and their diff, recomputed when either moves. */
export function createComparePicks(at: (seq: number) => { state: unknown; messages: unknown[] }, version?: { value: number }) {
  const a = signal<number | null>(null);
  const b = signal<number | null>(null);
  const result = computed<Comparison | null>(() => {
    version?.value;
    return a.value === null || b.value === null ? null : comparePoints(at, a.value, b.value);
  });
  return { a, b, result, clear: () => ((a.value = null), (b.value = null)) };
}

export type ComparePicks = ReturnType<typeof createComparePicks>;
