import { checkEventShape } from "../../protocol/decode";
import { checkEventSchema, type SchemaIssue } from "../../protocol/schema";
import { capRaw } from "../../protocol/limits";
import type { RecordDraft } from "../record";

type AguiEventLike = { type: string };

export interface StreamIds {
  x: number;
  agentId?: string;
  threadId?: string;
  runId?: string;
}

/**
 * Event records for sources that hold events as JSON values (NDJSON, arrays, other tools'
 * exports): the value kept as it is, schema issues beside it, a non-event kept as a bad frame.
 * Like the frame recorder, a RUN_STARTED's runId tags the records after it.
 */
export function createEventRecorder(ids: StreamIds, push: (draft: RecordDraft) => void) {
  let runId = ids.runId;
  let count = 0;
  const tags = () => ({
    x: ids.x,
    ...(ids.agentId !== undefined ? { agentId: ids.agentId } : {}),
    ...(ids.threadId !== undefined ? { threadId: ids.threadId } : {}),
    ...(runId !== undefined ? { runId } : {}),
  });
  /** An event record, built field by field in the order the spread above gives (a spread per event was most of an import's time). */
  const eventDraft = (event: AguiEventLike, issues: SchemaIssue[]): RecordDraft => {
    const d: Record<string, unknown> = { dir: "in", kind: "event", x: ids.x };
    if (ids.agentId !== undefined) d.agentId = ids.agentId;
    if (ids.threadId !== undefined) d.threadId = ids.threadId;
    if (runId !== undefined) d.runId = runId;
    d.event = event;
    if (issues.length) d.issues = issues;
    return d as unknown as RecordDraft;
  };
  return {
    count: () => count,
    /**
     * A parsed value; `text` is the source text, kept only if the value is no event. `parsed`:
     * the value is JSON.parse(text) exactly, so the text's length bounds its nesting.
     */
    value(value: unknown, text?: string, parsed = false) {
      count++;
      const decoded = checkEventShape(value, parsed ? text?.length : undefined);
      if (!decoded.ok) {
        push({ dir: "in", kind: "bad-frame", ...tags(), ...capRaw(text ?? textOf(value)), error: decoded.error });
        return;
      }
      const event = decoded.event;
      if (event.type === "RUN_STARTED" && typeof event.runId === "string") runId = event.runId;
      const issues = checkEventSchema(event);
      push(eventDraft(event, issues));
    },
    /** Source text that is not JSON at all. */
    bad(text: string, error: string) {
      count++;
      push({ dir: "in", kind: "bad-frame", ...tags(), ...capRaw(text), error });
    },
  };
}

/** A value's JSON text; a value too deep for JSON.stringify says so instead of throwing. */
function textOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch (err) {
    return `(not writable as JSON text: ${err instanceof Error ? err.message : String(err)})`;
  }
}
