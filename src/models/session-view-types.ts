// Types the UI may name without importing core (ui imports only models and `import type` from core).
export type { Message, ToolCall, Tool, ResumeEntry } from "../core/protocol/events";
export type { Finding, Interrupt, RunInfo } from "../core/replay";
export type { SessionRecord, SessionHeader } from "../core/session/record";
