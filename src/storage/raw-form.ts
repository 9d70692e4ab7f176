import type { BadFrameRecord, SessionRecord } from "../core/session/record";

/** Most characters of raw text kept when a record IndexedDB refuses is stored in its place. */
export const STORED_RAW_CAP = 65_536;

/**
 * The record to store instead of one IndexedDB refused: a bad-frame in the same place (seq, t,
 * exchange, run, thread) keeping the record's raw text, capped, with the original length.
 * Plain strings and numbers only, so the store cannot refuse it too.
 */
export function rawFormOf(record: SessionRecord, error: unknown, cap = STORED_RAW_CAP): BadFrameRecord {
  const { text, length, encoding } = rawTextOf(record, cap);
  const reason = describe(error);
  const what = record.kind === "event" || record.kind === "bad-frame" ? "frame" : `${record.dir === "out" ? "outbound " : ""}${record.kind} record`;
  const kept = length > text.length ? `its first ${text.length} of ${length} characters` : `its ${length} characters`;
  const out: BadFrameRecord = {
    seq: record.seq,
    t: record.t,
    x: record.x,
    dir: "in",
    kind: "bad-frame",
    raw: text,
    error: `The browser's storage refused this ${what} (${reason}); stored as raw text, ${kept}.`,
  };
  if (encoding === "base64") out.rawEncoding = "base64";
  if (length > text.length) out.rawLength = length;
  if (record.threadId !== undefined) out.threadId = record.threadId;
  if (record.runId !== undefined) out.runId = record.runId;
  if (record.agentId !== undefined) out.agentId = record.agentId;
  if ((record.kind === "event" || record.kind === "bad-frame") && record.sse) out.sse = record.sse;
  return out;
}

function describe(error: unknown): string {
  const name = (error as { name?: unknown })?.name;
  const message = (error as { message?: unknown })?.message;
  return typeof name === "string" && typeof message === "string" ? `${name}: ${message}` : String(error);
}

/** The wire text where the record has it, else the record as JSON. */
function rawTextOf(record: SessionRecord, cap: number): { text: string; length: number; encoding?: "text" | "base64" } {
  if ((record.kind === "event" || record.kind === "bad-frame") && typeof record.raw === "string") {
    const length = record.kind === "bad-frame" && record.rawLength !== undefined ? record.rawLength : record.raw.length;
    return { text: record.raw.slice(0, cap), length, encoding: record.rawEncoding };
  }
  return boundedJson(record.kind === "event" ? record.event : record, cap);
}

/**
 * JSON text of a value, cut at `cap` characters, with the full length. Tries JSON.stringify
 * first; where that throws (nesting deeper than the call stack, a cycle) it walks the value
 * with its own stack, so depth costs heap rather than call frames.
 */
export function boundedJson(value: unknown, cap: number): { text: string; length: number } {
  try {
    const text = JSON.stringify(value) ?? "null";
    return { text: text.slice(0, cap), length: text.length };
  } catch {
    return walkJson(value, cap);
  }
}

type Step = { close: string; of: object } | { value: unknown; prefix: string };

function walkJson(root: unknown, cap: number): { text: string; length: number } {
  let text = "";
  let length = 0;
  const emit = (s: string) => {
    length += s.length;
    if (text.length < cap) text += s.slice(0, cap - text.length);
  };
  // Objects on the path from the root: meeting one again is a cycle (seen twice side by side is not).
  const path = new Set<object>();
  const stack: Step[] = [{ value: root, prefix: "" }];
  while (stack.length) {
    const step = stack.pop()!;
    if ("close" in step) {
      emit(step.close);
      path.delete(step.of);
      continue;
    }
    emit(step.prefix);
    const v = step.value;
    if (v === null || v === undefined || typeof v === "function" || typeof v === "symbol") emit("null");
    else if (typeof v === "number") emit(Number.isFinite(v) ? String(v) : "null");
    else if (typeof v === "bigint") emit(JSON.stringify(String(v)));
    else if (typeof v !== "object") emit(JSON.stringify(v));
    else if (path.has(v)) emit('"[Circular]"');
    else {
      path.add(v);
      const array = Array.isArray(v);
      const items: Step[] = array
        ? v.map((item, i) => ({ value: item, prefix: i ? "," : "" }))
        : Object.entries(v)
            .filter(([, item]) => item !== undefined && typeof item !== "function" && typeof item !== "symbol")
            .map(([k, item], i) => ({ value: item, prefix: `${i ? "," : ""}${JSON.stringify(k)}:` }));
      emit(array ? "[" : "{");
      stack.push({ close: array ? "]" : "}", of: v });
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
    }
  }
  return { text, length };
}
