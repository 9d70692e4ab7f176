import type { AguiEvent } from "../protocol/events";
import { REDACTED } from "./redact";

// Content redaction for exports: message text and state values, chosen by the user. Structure
// survives (ids, roles, keys, array lengths, patch paths) so the replay and protocol checks
// still work on the redacted file; only the values people typed or the agent produced go.

export interface ContentRedaction {
  /** Message text: text/reasoning deltas, tool-call arguments and results, message contents in inputs and snapshots. */
  messageText?: boolean;
  /** Every leaf of the agent state: snapshots, delta values, input state. */
  stateValues?: boolean;
}

/** Leaves replaced by type: strings → "[redacted]", numbers → 0, booleans → false; null stays. */
export function maskValues(value: unknown): unknown {
  if (typeof value === "string") return REDACTED;
  if (typeof value === "number") return 0;
  if (typeof value === "boolean") return false;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(maskValues);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskValues(v);
  return out;
}

/** A message content: a string, or parts whose text and inline data are masked. */
export function maskContent(content: unknown): unknown {
  if (typeof content === "string") return REDACTED;
  if (!Array.isArray(content)) return content;
  return content.map((part) => {
    if (!part || typeof part !== "object") return part;
    const p = { ...(part as Record<string, unknown>) };
    for (const key of ["text", "data", "url"]) if (typeof p[key] === "string") p[key] = REDACTED;
    if (p.source && typeof p.source === "object") {
      const source = { ...(p.source as Record<string, unknown>) };
      if (typeof source.value === "string") source.value = REDACTED;
      p.source = source;
    }
    return p;
  });
}

export function maskMessages(messages: unknown): unknown {
  if (!Array.isArray(messages)) return messages;
  return messages.map((m) => {
    if (!m || typeof m !== "object") return m;
    const out = { ...(m as Record<string, unknown>) };
    if ("content" in out) out.content = maskContent(out.content);
    // arguments are what the model wrote for the tool: often the user's words again
    if (Array.isArray(out.toolCalls)) out.toolCalls = out.toolCalls.map((c) => (c && typeof c === "object" && (c as { function?: unknown }).function ? { ...c, function: { ...(c as { function: Record<string, unknown> }).function, arguments: "{}" } } : c));
    return out;
  });
}

/** A RunAgentInput (or anything shaped like one): its messages and/or state masked. */
export function redactInput(input: unknown, r: ContentRedaction): unknown {
  if (!input || typeof input !== "object" || Array.isArray(input)) return input;
  const out = { ...(input as Record<string, unknown>) };
  if (r.messageText && "messages" in out) out.messages = maskMessages(out.messages);
  if (r.stateValues && "state" in out) out.state = maskValues(out.state);
  return out;
}

const TEXT_DELTAS = new Set(["TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_CHUNK", "REASONING_MESSAGE_CONTENT", "REASONING_MESSAGE_CHUNK", "THINKING_TEXT_MESSAGE_CONTENT"]);

/** The event with the chosen content masked; the same object when nothing applies. */
export function redactEvent(event: AguiEvent, r: ContentRedaction): AguiEvent {
  const e = event as Record<string, unknown>;
  if (r.messageText) {
    if (TEXT_DELTAS.has(event.type) && typeof e.delta === "string") return { ...event, delta: REDACTED };
    if (event.type === "TOOL_CALL_RESULT" && "content" in e) return { ...event, content: maskContent(e.content) };
    // argument fragments cannot be masked piecewise into valid JSON; they are emptied
    if ((event.type === "TOOL_CALL_ARGS" || event.type === "TOOL_CALL_CHUNK") && typeof e.delta === "string") return { ...event, delta: "" };
    if (event.type === "MESSAGES_SNAPSHOT") return { ...event, messages: maskMessages(e.messages) };
  }
  if (r.stateValues) {
    if (event.type === "STATE_SNAPSHOT" && "snapshot" in e) return { ...event, snapshot: maskValues(e.snapshot) };
    if (event.type === "STATE_DELTA" && Array.isArray(e.delta)) {
      return { ...event, delta: e.delta.map((op) => (op && typeof op === "object" && "value" in op ? { ...op, value: maskValues((op as { value: unknown }).value) } : op)) };
    }
  }
  if (event.type === "RUN_STARTED" && e.input !== undefined && (r.messageText || r.stateValues)) return { ...event, input: redactInput(e.input, r) };
  return event;
}
