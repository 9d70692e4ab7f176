import type { AguiEvent } from "../protocol/events";
import { clip, preview, shortId } from "./preview";

// One line per event that says what it did, for every type of AG-UI 1.0.0 and 0.0.59 (the
// deprecated THINKING_* family included). Unknown types fall back to a bounded preview of their
// fields, which is the only place a generic rendering is allowed.

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** `replace /counter = 1` for one JSON Patch operation. */
export function patchOpSummary(op: unknown, max = 60): string {
  if (!op || typeof op !== "object") return `bad op ${preview(op, 30)}`;
  const o = op as Record<string, unknown>;
  const name = str(o.op) ?? "?";
  const path = str(o.path) ?? "?";
  switch (name) {
    case "remove":
      return `remove ${path}`;
    case "move":
    case "copy":
      return `${name} ${str(o.from) ?? "?"} → ${path}`;
    case "test":
      return `test ${path} == ${preview(o.value, max)}`;
    default:
      return `${name} ${path} = ${preview(o.value, max)}`;
  }
}

/** Up to three operations of a patch, then how many more. */
export function patchSummary(ops: unknown): string {
  if (!Array.isArray(ops)) return `patch is not a list: ${preview(ops, 60)}`;
  if (ops.length === 0) return "empty patch";
  const shown = ops.slice(0, 3).map((op) => patchOpSummary(op));
  const more = ops.length > 3 ? ` (+${ops.length - 3} more)` : "";
  return shown.join("; ") + more;
}

function toolCall(name: unknown, args: string): string {
  return `${str(name) ?? "?"}(${clip(args, 80)})`;
}

function quoted(delta: unknown): string {
  return typeof delta === "string" ? JSON.stringify(clip(delta, 140)) : preview(delta, 80);
}

function keysOf(v: unknown): string {
  if (!v || typeof v !== "object" || Array.isArray(v)) return preview(v, 80);
  const keys = Object.keys(v);
  return keys.length === 0 ? "{} (empty)" : `{${keys.slice(0, 6).join(", ")}${keys.length > 6 ? `, +${keys.length - 6}` : ""}}`;
}

function outcomeOf(e: AguiEvent): string {
  const o = e.outcome as { type?: unknown; interrupts?: unknown[]; interruptIds?: unknown[] } | undefined;
  if (o && typeof o === "object") {
    if (o.type === "interrupt") return `interrupted (${Array.isArray(o.interrupts) ? o.interrupts.length : 0} interrupt(s))`;
    if (o.type === "suspended") return `suspended (${Array.isArray(o.interruptIds) ? o.interruptIds.length : 0} interrupt(s))`;
    if (typeof o.type === "string") return o.type === "success" ? "succeeded" : o.type;
  }
  return "succeeded";
}

function messagesSummary(messages: unknown): string {
  if (!Array.isArray(messages)) return `messages is not a list: ${preview(messages, 60)}`;
  const roles = new Map<string, number>();
  for (const m of messages) {
    const role = m && typeof m === "object" ? (str((m as Record<string, unknown>).role) ?? "?") : "?";
    roles.set(role, (roles.get(role) ?? 0) + 1);
  }
  const parts = [...roles].map(([r, n]) => `${n} ${r}`);
  return `${messages.length} message(s)${parts.length ? `: ${parts.join(", ")}` : ""}`;
}

/** What a summary may know beyond the event itself: a tool call's name and its whole arguments. */
export interface SummaryContext {
  toolCall?(toolCallId: string): { name: string; args: string } | undefined;
}

/** The one-line summary of an event; never the event's JSON prefix for a known type. */
export function eventSummary(e: AguiEvent, ctx: SummaryContext = {}): string {
  const call = typeof e.toolCallId === "string" ? ctx.toolCall?.(e.toolCallId) : undefined;
  const id = shortId;
  switch (e.type) {
    case "RUN_STARTED":
      return `run ${id(e.runId)} started in thread ${id(e.threadId)}${e.parentRunId ? ` (parent run ${id(e.parentRunId)})` : ""}`;
    case "RUN_FINISHED":
      return `run ${id(e.runId)} ${outcomeOf(e)}${e.result !== undefined ? ` → ${preview(e.result, 60)}` : ""}`;
    case "RUN_ERROR":
      return `run failed: ${clip(str(e.message) ?? "no message", 160)}${e.code ? ` (${String(e.code)})` : ""}`;
    case "STEP_STARTED":
      return `step "${str(e.stepName) ?? "?"}" started`;
    case "STEP_FINISHED":
      return `step "${str(e.stepName) ?? "?"}" finished`;
    case "TEXT_MESSAGE_START":
      return `${str(e.role) ?? "assistant"} message ${id(e.messageId)} starts`;
    case "TEXT_MESSAGE_CONTENT":
      return quoted(e.delta);
    case "TEXT_MESSAGE_END":
      return `message ${id(e.messageId)} ends`;
    case "TEXT_MESSAGE_CHUNK":
      return `${e.role ? `${String(e.role)} ` : ""}${id(e.messageId)}: ${e.delta === undefined ? "(no text)" : quoted(e.delta)}`;
    case "TOOL_CALL_START":
      return call ? toolCall(e.toolCallName ?? call.name, call.args) : `${str(e.toolCallName) ?? "?"}(…) call ${id(e.toolCallId)} starts`;
    case "TOOL_CALL_ARGS":
      return `args += ${quoted(e.delta)}`;
    case "TOOL_CALL_END":
      return call ? `${toolCall(call.name, call.args)} complete` : `call ${id(e.toolCallId)} args complete`;
    case "TOOL_CALL_CHUNK":
      return e.toolCallName ? toolCall(e.toolCallName, str(e.delta) ?? "…") : `call ${id(e.toolCallId)} args += ${quoted(e.delta)}`;
    case "TOOL_CALL_RESULT":
      return `result of ${id(e.toolCallId)}: ${typeof e.content === "string" ? quoted(e.content) : preview(e.content, 100)}`;
    case "STATE_SNAPSHOT":
      return `state = ${keysOf(e.snapshot)}`;
    case "STATE_DELTA":
      return patchSummary(e.delta);
    case "MESSAGES_SNAPSHOT":
      return messagesSummary(e.messages);
    case "ACTIVITY_SNAPSHOT":
      return `${str(e.activityType) ?? "activity"} ${id(e.messageId)} = ${preview(e.content, 80)}${e.replace === false ? " (kept if present)" : ""}`;
    case "ACTIVITY_DELTA":
      return `${str(e.activityType) ?? "activity"} ${id(e.messageId)}: ${patchSummary(e.patch)}`;
    case "RAW":
      return `raw${e.source ? ` from ${String(e.source)}` : ""}: ${preview(e.event, 100)}`;
    case "CUSTOM":
      return `${str(e.name) ?? "?"} = ${preview(e.value, 100)}`;
    case "REASONING_START":
      return `reasoning ${id(e.messageId)} starts`;
    case "REASONING_MESSAGE_START":
      return `${str(e.role) ?? "reasoning"} thought ${id(e.messageId)} starts`;
    case "REASONING_MESSAGE_CONTENT":
    case "THINKING_TEXT_MESSAGE_CONTENT":
      return `thinks ${quoted(e.delta)}`;
    case "REASONING_MESSAGE_END":
      return `thought ${id(e.messageId)} ends`;
    case "REASONING_MESSAGE_CHUNK":
      return `${id(e.messageId)} thinks ${e.delta === undefined ? "(no text)" : quoted(e.delta)}`;
    case "REASONING_END":
      return `reasoning ${id(e.messageId)} ends`;
    case "REASONING_ENCRYPTED_VALUE":
      return `encrypted ${str(e.subtype) ?? "value"} for ${id(e.entityId)} (${typeof e.encryptedValue === "string" ? e.encryptedValue.length : 0} chars)`;
    case "SUBAGENT_STARTED":
      return `subagent ${str(e.name) ?? "?"} ${id(e.subagentRunId)} started${e.parentToolCallId ? ` by call ${id(e.parentToolCallId)}` : ""}`;
    case "SUBAGENT_FINISHED":
      return `subagent ${id(e.subagentRunId)} ${outcomeOf(e)}`;
    case "SUBAGENT_ERROR":
      return `subagent ${id(e.subagentRunId)} failed: ${clip(str(e.message) ?? "no message", 140)}${e.code ? ` (${String(e.code)})` : ""}`;
    case "THINKING_START":
      return `thinking starts${e.title ? `: ${clip(String(e.title), 80)}` : ""}`;
    case "THINKING_END":
      return "thinking ends";
    case "THINKING_TEXT_MESSAGE_START":
      return "thought starts";
    case "THINKING_TEXT_MESSAGE_END":
      return "thought ends";
    default: {
      const { type: _t, ...rest } = e;
      return `unknown type: ${preview(rest, 120)}`;
    }
  }
}
