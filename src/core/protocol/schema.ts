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

/** A field the shortcut judges: any string, one of a few, or a JSON Patch. */
type Field = "string" | "patch" | ReadonlySet<string>;
const S = "string";
const ROLES: ReadonlySet<string> = new Set(["developer", "system", "assistant", "user"]);
const TOOL: ReadonlySet<string> = new Set(["tool"]);

/**
 * The shapes, each its exact set of fields, of the events that are most of any session's
 * events: the streaming ones and those that open and close runs, messages and tool calls.
 */
const PLAIN: Record<string, readonly Record<string, Field>[]> = {
  TEXT_MESSAGE_CONTENT: [{ messageId: S, delta: S }],
  TOOL_CALL_ARGS: [{ toolCallId: S, delta: S }],
  TEXT_MESSAGE_END: [{ messageId: S }],
  TOOL_CALL_END: [{ toolCallId: S }],
  TEXT_MESSAGE_START: [{ messageId: S, role: ROLES }, { messageId: S }],
  TOOL_CALL_START: [{ toolCallId: S, toolCallName: S }, { toolCallId: S, toolCallName: S, parentMessageId: S }],
  TOOL_CALL_RESULT: [{ messageId: S, toolCallId: S, content: S }, { messageId: S, toolCallId: S, content: S, role: TOOL }],
  RUN_STARTED: [{ threadId: S, runId: S }, { threadId: S, runId: S, parentRunId: S }],
  RUN_FINISHED: [{ threadId: S, runId: S }],
  STATE_DELTA: [{ delta: "patch" }],
};

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

const fits = (value: unknown, field: Field) => (field === "patch" ? plainPatch(value) : typeof value === "string" && (field === S || field.has(value)));

/** RFC 6901, as 1.0.0's JsonPointerSchema writes it. */
const POINTER = /^(\/([^/~]|~[01])*)*$/;

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
    if (typeof o.path !== "string" || !POINTER.test(o.path)) return false;
    switch (o.op) {
      case "add":
      case "replace":
      case "test":
        if (!hasOwn(o, "value") || o.value === undefined) return false;
        break;
      case "move":
      case "copy":
        if (typeof o.from !== "string" || !POINTER.test(o.from)) return false;
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
  const shapes = Object.prototype.hasOwnProperty.call(PLAIN, event.type) ? PLAIN[event.type] : undefined;
  if (shapes === undefined) return false;
  const values = event as unknown as Record<string, unknown>;
  // Every field fits, and no key beyond them and the type: nothing else for a schema to judge.
  let keys = 0;
  for (const _key in event) keys++;
  for (const shape of shapes) {
    let n = 1;
    let ok = true;
    for (const name in shape) {
      n++;
      if (!Object.prototype.hasOwnProperty.call(values, name) || !fits(values[name], shape[name])) {
        ok = false;
        break;
      }
    }
    if (ok && n === keys) return true;
  }
  return false;
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
