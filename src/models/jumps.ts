import type { SessionRecord } from "../core/session/record";

export type JumpKind = "state" | "message" | "tool" | "type";

const STATE = new Set(["STATE_SNAPSHOT", "STATE_DELTA"]);
const MESSAGE = new Set(["TEXT_MESSAGE_START", "MESSAGES_SNAPSHOT", "TEXT_MESSAGE_CHUNK"]);
const TOOL = new Set(["TOOL_CALL_START", "TOOL_CALL_CHUNK", "TOOL_CALL_RESULT"]);

function matches(r: SessionRecord, kind: JumpKind, type: string | undefined): boolean {
  if (r.kind !== "event") return false;
  const t = r.event.type;
  if (kind === "state") return STATE.has(t);
  if (kind === "message") return MESSAGE.has(t);
  if (kind === "tool") return TOOL.has(t);
  return t === type;
}

/**
 * The seq of the next (dir 1) or previous (dir -1) record of a kind after/before `from`, among
 * `seqs` (the rows in view, in order); null when there is none. "type" uses the given event type.
 */
export function findJump(seqs: readonly number[], recordAt: (seq: number) => SessionRecord | undefined, from: number, dir: 1 | -1, kind: JumpKind, type?: string): number | null {
  if (dir === 1) {
    for (const s of seqs) if (s > from && matches(recordAt(s)!, kind, type)) return s;
  } else {
    for (let i = seqs.length - 1; i >= 0; i--) if (seqs[i] < from && matches(recordAt(seqs[i])!, kind, type)) return seqs[i];
  }
  return null;
}
