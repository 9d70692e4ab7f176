import type { AguiEvent } from "./events";
import { MAX_DEPTH, nestsDeeperThan } from "./limits";

/** JSON text shorter than this cannot nest deeper than MAX_DEPTH: every level is a pair of brackets. */
const SHALLOW_TEXT = 2 * (MAX_DEPTH + 1);

export type DecodeResult = { ok: true; event: AguiEvent } | { ok: false; error: string };

/** Lenient decode of one frame's data text: JSON, an object, a string `type`. Nothing more is demanded. */
export function decodeEventText(data: string): DecodeResult {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (err) {
    return { ok: false, error: `invalid JSON: ${(err as Error).message}` };
  }
  return checkEventShape(value, data.length);
}

/**
 * Any object with a string `type`, no deeper than MAX_DEPTH (deeper values break stringify, clone
 * and storage). `sourceLength`, when given, is the length of the JSON text the value was parsed
 * from: each level of nesting takes two of its characters, so a text shorter than
 * 2 × (MAX_DEPTH + 1) cannot nest too deep, and the walk is skipped.
 */
export function checkEventShape(value: unknown, sourceLength?: number): DecodeResult {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, error: `not an event: expected a JSON object, got ${describe(value)}` };
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type !== "string" || type.length === 0) {
    return { ok: false, error: "not an event: missing string field \"type\"" };
  }
  if ((sourceLength === undefined || sourceLength >= SHALLOW_TEXT) && nestsDeeperThan(value)) {
    return { ok: false, error: `nested more than ${MAX_DEPTH} levels deep: kept as raw text, since deeper values overflow the stack when copied, stored or written out` };
  }
  return { ok: true, event: value as AguiEvent };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}
