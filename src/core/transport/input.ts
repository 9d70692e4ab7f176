import type { Context, Message, ResumeEntry, RunAgentInput, Tool } from "../protocol/events";
import { newId } from "../session/ids";

export interface RunInputOptions {
  threadId?: string;
  runId?: string;
  parentRunId?: string;
  messages?: Message[];
  state?: unknown;
  tools?: Tool[];
  context?: Context[];
  forwardedProps?: unknown;
  resume?: ResumeEntry[];
}

/**
 * A RunAgentInput as a 0.0.59 runtime validates it: tools and context are required arrays, a
 * fresh runId every run, the thread reused when continuing.
 */
export function buildRunInput(options: RunInputOptions = {}): RunAgentInput {
  const input: RunAgentInput = {
    threadId: options.threadId ?? newId(),
    runId: options.runId ?? newId(),
    state: options.state ?? {},
    messages: (options.messages ?? []).filter((m) => m.role !== "activity"),
    tools: options.tools ?? [],
    context: options.context ?? [],
    forwardedProps: options.forwardedProps ?? {},
  };
  if (options.parentRunId) input.parentRunId = options.parentRunId;
  if (options.resume && options.resume.length) input.resume = options.resume;
  return input;
}

export function userMessage(text: string, id: string = newId()): Message {
  return { id, role: "user", content: text };
}

export function toolMessage(toolCallId: string, content: string, id: string = newId()): Message {
  return { id, role: "tool", toolCallId, content };
}
