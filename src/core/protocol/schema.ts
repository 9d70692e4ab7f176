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

const ROLES: ReadonlySet<string> = new Set(["developer", "system", "assistant", "user"]);

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);
const str = (v: unknown) => typeof v === "string";

/**
 * Whether the event, holding `n` keys (its type among them), is one of the shapes of the events
 * that are most of any session's events: the streaming ones and those that open and close runs,
 * messages and tool calls. Written out field by field and switched on by the type's text: each
 * field is then read by name, where a walk over a table of shapes read every field by a computed
 * key, and a lookup by type made each event's type string a key, most of this check's time.
 */
function plainShape(e: Record<string, unknown>, n: number): boolean {
  switch (e.type) {
    case "TEXT_MESSAGE_CONTENT":
      return n === 3 && hasOwn(e, "messageId") && str(e.messageId) && hasOwn(e, "delta") && str(e.delta);
    case "TOOL_CALL_ARGS":
      return n === 3 && hasOwn(e, "toolCallId") && str(e.toolCallId) && hasOwn(e, "delta") && str(e.delta);
    case "STATE_DELTA":
      return n === 2 && hasOwn(e, "delta") && plainPatch(e.delta);
    case "TEXT_MESSAGE_END":
      return n === 2 && hasOwn(e, "messageId") && str(e.messageId);
    case "TOOL_CALL_END":
      return n === 2 && hasOwn(e, "toolCallId") && str(e.toolCallId);
    case "TEXT_MESSAGE_START":
      return hasOwn(e, "messageId") && str(e.messageId) && (n === 2 || (n === 3 && hasOwn(e, "role") && str(e.role) && ROLES.has(e.role as string)));
    case "TOOL_CALL_START":
      return hasOwn(e, "toolCallId") && str(e.toolCallId) && hasOwn(e, "toolCallName") && str(e.toolCallName) && (n === 3 || (n === 4 && hasOwn(e, "parentMessageId") && str(e.parentMessageId)));
    case "TOOL_CALL_RESULT":
      return (
        hasOwn(e, "messageId") && str(e.messageId) && hasOwn(e, "toolCallId") && str(e.toolCallId) && hasOwn(e, "content") && str(e.content) && (n === 4 || (n === 5 && hasOwn(e, "role") && e.role === "tool"))
      );
    case "RUN_STARTED":
      return hasOwn(e, "threadId") && str(e.threadId) && hasOwn(e, "runId") && str(e.runId) && (n === 3 || (n === 4 && hasOwn(e, "parentRunId") && str(e.parentRunId)));
    case "RUN_FINISHED":
      return n === 3 && hasOwn(e, "threadId") && str(e.threadId) && hasOwn(e, "runId") && str(e.runId);
    default:
      return false;
  }
}

/**
 * RFC 6901, as 1.0.0's JsonPointerSchema writes it (/^(\/([^/~]|~[01])*)*$/): empty, or a "/"
 * first and every "~" followed by "0" or "1". Told without the expression, which cost a
 * STATE_DELTA most of its check.
 */
function isPointer(s: string): boolean {
  if (s.length > 0 && s.charCodeAt(0) !== 47) return false;
  // Stryker disable next-line EqualityOperator: a "~" first has failed the "/" check above
  for (let i = s.indexOf("~"); i >= 0; i = s.indexOf("~", i + 1)) {
    const next = s.charCodeAt(i + 1);
    if (next !== 48 && next !== 49) return false;
  }
  return true;
}

/**
 * A JSON Patch both versions accept, told without their schemas: 0.0.59 takes any array; 1.0.0
 * takes operations that are objects with a known `op`, a pointer `path`, a `value` that is not
 * undefined (add, replace, test) or a pointer `from` (move, copy), and any other members.
 * Anything less usual (an own `__proto__`, an object made by a class) goes to the schemas.
 */
function plainPatch(delta: unknown): boolean {
  if (!Array.isArray(delta)) return false;
  for (const op of delta as unknown[]) {
    if (op === null || typeof op !== "object" || Object.getPrototypeOf(op) !== Object.prototype || hasOwn(op, "__proto__")) return false;
    const o = op as Record<string, unknown>;
    if (typeof o.path !== "string" || !isPointer(o.path)) return false;
    switch (o.op) {
      case "add":
      case "replace":
      case "test":
        if (!hasOwn(o, "value") || o.value === undefined) return false;
        break;
      case "move":
      case "copy":
        if (typeof o.from !== "string" || !isPointer(o.from)) return false;
        break;
      case "remove":
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * Whether both versions' schemas accept the event, told without running them: one of the
 * shapes above, holding exactly its type and its fields, each a string (of the few allowed, for
 * a role). Both schemas make these loose objects whose only rules for these fields are those
 * (schema.test.ts checks that the shortcut and the schemas agree); any other key or value goes
 * to the schemas.
 */
export function plainStreaming(event: { type: string }): boolean {
  // Every field fits, and no key beyond them and the type: nothing else for a schema to judge.
  let keys = 0;
  for (const _key in event) keys++;
  return plainShape(event as unknown as Record<string, unknown>, keys);
}

/** Check an event against both protocol versions; an empty list means it conforms to both. */
export function checkEventSchema(event: { type: string }): SchemaIssue[] {
  // Stryker disable next-line ConditionalExpression: without the shortcut the schemas give the same answer, slower (schema.test.ts checks the shortcut is taken)
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
