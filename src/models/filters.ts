import type { SessionRecord } from "../core/session/record";
import { eventFamily, type EventFamily } from "../core/protocol/events";
import { recordSeverity } from "../core/severity";
import { searchNeedle, searchText } from "../core/search/search-text";

export type RecordFamily = EventFamily | "wire";

export const FAMILIES: RecordFamily[] = ["lifecycle", "text", "tool", "state", "messages", "activity", "reasoning", "step", "subagent", "custom", "unknown", "wire"];

export interface TimelineFilter {
  /** Families hidden; empty = everything shown. */
  hidden: ReadonlySet<RecordFamily>;
  text: string;
  runId: string | null;
  threadId: string | null;
  /** Only rows with a severity: errors, warnings, bad frames, failed patches. */
  errorsOnly?: boolean;
}

export const NO_FILTER: TimelineFilter = { hidden: new Set(), text: "", runId: null, threadId: null };

export function familyOf(r: SessionRecord): RecordFamily {
  if (r.kind === "event") return eventFamily(r.event.type);
  if (r.kind === "bad-frame") return "unknown";
  return "wire";
}

export function isFiltering(f: TimelineFilter): boolean {
  return f.hidden.size > 0 || f.text.trim() !== "" || f.runId !== null || f.threadId !== null || !!f.errorsOnly;
}

/**
 * `flagged`: seqs the session's findings mark (see flaggedByFindings), which "errors only" keeps
 * beside the rows flagged on their own. A set the caller may still fill before the first match.
 */
export function matcher(f: TimelineFilter, flagged: ReadonlySet<number> = new Set()): (r: SessionRecord) => boolean {
  const needle = searchNeedle(f.text);
  return (r) => {
    if (f.errorsOnly && !flagged.has(r.seq) && recordSeverity(r) === undefined) return false;
    if (f.hidden.size && f.hidden.has(familyOf(r))) return false;
    if (f.runId !== null && r.runId !== f.runId) return false;
    if (f.threadId !== null && r.threadId !== f.threadId) return false;
    if (needle && !searchText(r).toLowerCase().includes(needle)) return false;
    return true;
  };
}

/**
 * Coalescing: consecutive TEXT_MESSAGE_CONTENT / TOOL_CALL_ARGS / REASONING_MESSAGE_CONTENT of the
 * same message collapse into one row (the first seq stands for the group; the count is kept).
 */
export function coalesceKey(r: SessionRecord): string | null {
  if (r.kind !== "event") return null;
  const e = r.event;
  if (e.type === "TEXT_MESSAGE_CONTENT" || e.type === "REASONING_MESSAGE_CONTENT") return `${e.type}:${String(e.messageId)}`;
  if (e.type === "TOOL_CALL_ARGS") return `${e.type}:${String(e.toolCallId)}`;
  return null;
}
