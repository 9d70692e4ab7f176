import type { AguiEvent, Message } from "../protocol/events";
import { isKnownEventType } from "../protocol/events";
import { checkEventSchema, type SchemaIssue } from "../protocol/schema";
import { strippedByClient } from "../protocol/stripped";
import type { EventRecord } from "../session/record";
import { isRecord } from "./json";
import type { Report } from "./rules";

// Checks on an event exactly as the wire delivered it, before chunk expansion or THINKING_*
// conversion: schema, unknown types, empty deltas, placeholders, deprecations.

const PLACEHOLDER = "Forwarded to client";

const CONTENT_DELTA = new Set([
  "TEXT_MESSAGE_CONTENT",
  "TOOL_CALL_ARGS",
  "REASONING_MESSAGE_CONTENT",
  "THINKING_TEXT_MESSAGE_CONTENT",
  "TEXT_MESSAGE_CHUNK",
  "TOOL_CALL_CHUNK",
  "REASONING_MESSAGE_CHUNK",
]);

/** Returns false when the event is of no type AG-UI knows and must not be folded. */
export function checkWireEvent(record: EventRecord, report: Report, checkSchema: boolean): boolean {
  const event = record.event;
  if (!isKnownEventType(event.type)) {
    report("event/unknown-type", `unknown event type "${event.type}"; ignored`, { path: "type" });
    return false;
  }
  const issues = record.issues ?? (checkSchema ? checkEventSchema(event) : []);
  if (issues.length) reportSchema(event, issues, report);

  const type = event.type;
  if (CONTENT_DELTA.has(type) && event.delta === "") report("event/empty-delta", `${type} with an empty delta`, { path: "delta" });
  else if (type === "STATE_DELTA" && Array.isArray(event.delta) && event.delta.length === 0) report("event/empty-delta", "STATE_DELTA with no operations", { path: "delta" });
  else if (type === "ACTIVITY_DELTA" && Array.isArray(event.patch) && event.patch.length === 0) report("event/empty-delta", "ACTIVITY_DELTA with no operations", { path: "patch" });

  if (type === "THINKING_START" || type === "THINKING_TEXT_MESSAGE_START") {
    report("thinking/deprecated", `${type} is deprecated (REASONING_* replaces THINKING_*); shown as reasoning`);
  }
  if (type === "TOOL_CALL_RESULT" && event.content === PLACEHOLDER) {
    report("tool/placeholder-result", `TOOL_CALL_RESULT for "${String(event.toolCallId)}" carries the placeholder "${PLACEHOLDER}"`, { path: "content" });
  }
  if (type === "MESSAGES_SNAPSHOT") placeholders(event.messages, "MESSAGES_SNAPSHOT", report);
  if (type === "RUN_STARTED" && isRecord(event.input)) placeholders(event.input.messages, "RUN_STARTED input", report);
  const stripped = strippedByClient(event);
  if (stripped.length) {
    report("event/stripped-by-client", `@ag-ui/client 1.0.0 removes ${stripped.map((p) => `"${p.slice(1)}"`).join(", ")} from ${type}: the reference client never shows ${stripped.length === 1 ? "it" : "them"}`, { path: stripped[0].slice(1) });
  }
  const truncated = truncationMark(event, "");
  if (truncated !== undefined) report("import/truncated-value", `${type} holds "${TRUNCATED}" at ${truncated || "(root)"}: the exporter cut this value; the replay shows the mark, not what the agent sent`, { path: truncated });
  return true;
}

/** The CopilotKit web inspector's mark for values deeper than it keeps. */
const TRUNCATED = "[Truncated depth]";

/** Path of the first truncation mark in a value, if any. */
function truncationMark(value: unknown, path: string): string | undefined {
  if (value === TRUNCATED) return path;
  if (typeof value !== "object" || value === null) return undefined;
  for (const [key, v] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    const found = truncationMark(v, path ? `${path}.${key}` : String(key));
    if (found !== undefined) return found;
  }
  return undefined;
}

function placeholders(messages: unknown, where: string, report: Report): void {
  if (!Array.isArray(messages)) return;
  for (const m of messages as Message[]) {
    if (m?.role === "tool" && m.content === PLACEHOLDER) {
      report("tool/placeholder-result", `${where} holds tool message "${m.id}" with the placeholder "${PLACEHOLDER}"`);
    }
  }
}

/** The bare RUN_FINISHED of a stop is its own rule; its missing ids are not repeated as schema noise. */
function isBareFinishedIssue(event: AguiEvent, issue: SchemaIssue): boolean {
  return event.type === "RUN_FINISHED" && event.threadId === undefined && event.runId === undefined && (issue.path === "threadId" || issue.path === "runId");
}

function reportSchema(event: AguiEvent, issues: SchemaIssue[], report: Report): void {
  for (const version of ["0.0.59", "1.0.0"] as const) {
    const mine = issues.filter((i) => i.version === version && !isBareFinishedIssue(event, i));
    if (!mine.length) continue;
    const text = mine.map((i) => `${i.path}: ${i.message}`).join("; ");
    report(`schema/${version}`, `${event.type} does not match AG-UI ${version}: ${text}`, { path: mine[0].path });
  }
}
