import { EventSchemas as EventSchemas059 } from "ag-ui-core-0059";
import { EventSchemas as EventSchemas100 } from "@ag-ui/core/schemas";
import { isKnownEventType } from "./events";

// Schema conformance is a diagnostic attached to a record, never a gate: the runtime itself
// sends events (the bare RUN_FINISHED after a stop) that its own schema rejects.

export type SchemaVersion = "0.0.59" | "1.0.0";

export interface SchemaIssue {
  version: SchemaVersion;
  path: string;
  message: string;
}

interface ZodLikeIssue {
  path: (string | number | symbol)[];
  message: string;
}

interface ZodLikeSchema {
  safeParse(value: unknown): { success: boolean; error?: { issues: ZodLikeIssue[] } };
}

const SCHEMAS: [SchemaVersion, ZodLikeSchema][] = [
  ["0.0.59", EventSchemas059 as unknown as ZodLikeSchema],
  ["1.0.0", EventSchemas100 as unknown as ZodLikeSchema],
];

const THINKING_ONLY_IN_059 = /^THINKING_/;

/** The fields, all strings, of the streaming events that are most of any session's events. */
const PLAIN: Record<string, readonly string[]> = {
  TEXT_MESSAGE_CONTENT: ["messageId", "delta"],
  TOOL_CALL_ARGS: ["toolCallId", "delta"],
  TEXT_MESSAGE_END: ["messageId"],
  TOOL_CALL_END: ["toolCallId"],
};

/**
 * Whether both versions' schemas accept the event, told without running them: one of the
 * streaming events above holding exactly its type and its fields, all strings. Both schemas make
 * these loose objects whose only rule for these fields is "a string" (schema.test.ts checks that
 * the two agree); any other key or type goes to the schemas.
 */
function plainStreaming(event: { type: string }): boolean {
  const fields = Object.prototype.hasOwnProperty.call(PLAIN, event.type) ? PLAIN[event.type] : undefined;
  if (fields === undefined) return false;
  const values = event as unknown as Record<string, unknown>;
  // Every field a string, and no key beyond them and the type: nothing else for a schema to judge.
  let keys = 0;
  for (const _key in event) keys++;
  return keys === fields.length + 1 && fields.every((f) => typeof values[f] === "string");
}

/** Check an event against both protocol versions; an empty list means it conforms to both. */
export function checkEventSchema(event: { type: string }): SchemaIssue[] {
  if (plainStreaming(event)) return [];
  return schemaIssues(event);
}

/** What the two versions' schemas themselves say (exported for the test that checks the shortcut against them). */
export function schemaIssues(event: { type: string }): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const [version, schema] of SCHEMAS) {
    // THINKING_* were removed in 1.0.0; the 1.0.0 client converts them, so that is no violation.
    if (version === "1.0.0" && THINKING_ONLY_IN_059.test(event.type)) continue;
    const result = schema.safeParse(event);
    if (result.success) continue;
    const first = result.error?.issues ?? [];
    if (!isKnownEventType(event.type)) {
      issues.push({ version, path: "type", message: `unknown event type "${event.type}"` });
      continue;
    }
    for (const issue of first.slice(0, 5)) {
      issues.push({ version, path: issue.path.map(String).join(".") || "(root)", message: issue.message });
    }
  }
  return issues;
}
