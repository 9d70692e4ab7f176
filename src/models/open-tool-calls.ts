import type { Message, Tool } from "../core/protocol/events";
import type { RunInfo } from "../core/replay";

/** A frontend tool call the last run of a thread left without a result. */
export interface OpenToolCall {
  threadId: string;
  runId?: string;
  toolCallId: string;
  name: string;
  args: string;
  /** JSON Schema of the tool's parameters, from the run's input tools. */
  parameters?: unknown;
}

/**
 * The unanswered tool calls at the end of one thread, for the session in memory and the worker's
 * window alike. An undeclared call stays answerable (with raw JSON): no dead end for a tool the
 * run did not list.
 */
export function openToolCallsOf(threadId: string, last: Pick<RunInfo, "runId" | "outcome"> | undefined, messages: readonly Message[], tools: readonly Tool[] | undefined): OpenToolCall[] {
  if (!last || last.outcome === "running") return [];
  const answered = new Set(messages.filter((m) => m.role === "tool").map((m) => m.toolCallId));
  const out: OpenToolCall[] = [];
  for (const m of messages) {
    for (const call of m.toolCalls ?? []) {
      if (answered.has(call.id)) continue;
      const declared = tools?.find((t) => t.name === call.function.name);
      out.push({ threadId, runId: last.runId, toolCallId: call.id, name: call.function.name, args: call.function.arguments, parameters: declared?.parameters });
    }
  }
  return out;
}
