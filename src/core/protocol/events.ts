// AG-UI event vocabulary as the inspector understands it: AG-UI 0.0.59 (CopilotKit 1.75's wire)
// plus 1.0.0 additions and the deprecated THINKING_* family. Events are kept loose on purpose:
// the wire is the truth, schema conformance is a diagnostic (see schema.ts).

export const EVENT_TYPES = [
  "RUN_STARTED",
  "RUN_FINISHED",
  "RUN_ERROR",
  "STEP_STARTED",
  "STEP_FINISHED",
  "TEXT_MESSAGE_START",
  "TEXT_MESSAGE_CONTENT",
  "TEXT_MESSAGE_END",
  "TEXT_MESSAGE_CHUNK",
  "TOOL_CALL_START",
  "TOOL_CALL_ARGS",
  "TOOL_CALL_END",
  "TOOL_CALL_CHUNK",
  "TOOL_CALL_RESULT",
  "STATE_SNAPSHOT",
  "STATE_DELTA",
  "MESSAGES_SNAPSHOT",
  "ACTIVITY_SNAPSHOT",
  "ACTIVITY_DELTA",
  "RAW",
  "CUSTOM",
  "REASONING_START",
  "REASONING_MESSAGE_START",
  "REASONING_MESSAGE_CONTENT",
  "REASONING_MESSAGE_END",
  "REASONING_MESSAGE_CHUNK",
  "REASONING_END",
  "REASONING_ENCRYPTED_VALUE",
  "SUBAGENT_STARTED",
  "SUBAGENT_FINISHED",
  "SUBAGENT_ERROR",
  "THINKING_START",
  "THINKING_END",
  "THINKING_TEXT_MESSAGE_START",
  "THINKING_TEXT_MESSAGE_CONTENT",
  "THINKING_TEXT_MESSAGE_END",
] as const;

export type KnownEventType = (typeof EVENT_TYPES)[number];

const KNOWN = new Set<string>(EVENT_TYPES);

export function isKnownEventType(type: string): type is KnownEventType {
  return KNOWN.has(type);
}

/** An AG-UI event as it came off the wire: an object with a string `type`; every other key is kept. */
export interface AguiEvent {
  type: string;
  [key: string]: unknown;
}

export type EventFamily =
  | "lifecycle"
  | "text"
  | "tool"
  | "state"
  | "messages"
  | "activity"
  | "reasoning"
  | "step"
  | "subagent"
  | "custom"
  | "unknown";

export function eventFamily(type: string): EventFamily {
  if (type.startsWith("RUN_")) return "lifecycle";
  if (type.startsWith("TEXT_MESSAGE_")) return "text";
  if (type.startsWith("TOOL_CALL_")) return "tool";
  if (type.startsWith("STATE_")) return "state";
  if (type === "MESSAGES_SNAPSHOT") return "messages";
  if (type.startsWith("ACTIVITY_")) return "activity";
  if (type.startsWith("REASONING_") || type.startsWith("THINKING_")) return "reasoning";
  if (type.startsWith("STEP_")) return "step";
  if (type.startsWith("SUBAGENT_")) return "subagent";
  if (type === "RAW" || type === "CUSTOM") return "custom";
  return "unknown";
}

/** Message shapes (AG-UI 0.0.59 with 1.0.0 tolerance), as the replay fold builds them. */
export interface ToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
  encryptedValue?: string;
  metadata?: Record<string, unknown>;
}

export interface Message {
  id: string;
  role: "developer" | "system" | "assistant" | "user" | "tool" | "activity" | "reasoning" | string;
  content?: unknown;
  name?: string;
  toolCalls?: ToolCall[];
  toolCallId?: string;
  error?: string;
  activityType?: string;
  encryptedValue?: string;
  metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Tool {
  name: string;
  description: string;
  parameters?: unknown;
  metadata?: Record<string, unknown>;
}

export interface Context {
  description: string;
  value: string;
}

export interface ResumeEntry {
  interruptId: string;
  status: "resolved" | "cancelled";
  payload?: unknown;
  metadata?: Record<string, unknown>;
}

export interface RunAgentInput {
  threadId: string;
  runId: string;
  parentRunId?: string;
  state?: unknown;
  messages: Message[];
  tools: Tool[];
  context: Context[];
  forwardedProps?: unknown;
  resume?: ResumeEntry[];
}
