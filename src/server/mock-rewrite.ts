import type { AguiEvent } from "../core/protocol/events";
import { eventFrameText, type RecordedFrame, type RecordedRun } from "./mock-runs";

// What `serve` changes in a recorded run so a client cannot tell it from the runtime that
// recorded it: the run answers the request it got. The runtime's in-memory runner fills
// RUN_STARTED.input with the request's input, minus the messages earlier runs of the thread
// already carried (runner/in-memory.ts); replaying the recorded input instead makes a client add
// the recorded user message next to its own. Frames that need no change keep their bytes.

/** What `serve` remembers per thread, as the runner's history does. */
export interface ThreadMemory {
  /** Message ids earlier runs on the thread carried (their events and RUN_STARTED.input). */
  seen: Set<string>;
  /** Runs served on the thread so far. */
  runs: number;
}

export const newThreadMemory = (): ThreadMemory => ({ seen: new Set(), runs: 0 });

/** The RunAgentInput keys the runtime's schema keeps; it strips any other top-level key. */
const INPUT_KEYS = ["threadId", "runId", "parentRunId", "state", "messages", "tools", "context", "forwardedProps", "resume"] as const;

const ID_FIELDS = ["messageId", "toolCallId", "parentMessageId"] as const;

/**
 * Returns a function that turns each recorded frame into the frame to send for this request.
 * Call `done()` after the run so the thread remembers what it carried.
 */
export function createRunRewriter(recorded: RecordedRun, request: Record<string, unknown>, memory: ThreadMemory) {
  const threadId = String(request.threadId);
  const runId = String(request.runId);
  const input: Record<string, unknown> = {};
  for (const key of INPUT_KEYS) if (request[key] !== undefined) input[key] = request[key];
  const requestMessages = Array.isArray(request.messages) ? (request.messages as { id?: unknown }[]) : [];
  input.messages = requestMessages.filter((m) => !(typeof m?.id === "string" && memory.seen.has(m.id)));

  // A recorded id the thread already saw (the recording played again on the same thread) would
  // make the client merge two answers into one message: such ids get a per-run suffix.
  // Only ids the run introduces are renamed; a reference to an earlier call (a tool result for
  // the call the client answered) keeps its id.
  const renamed = new Map<string, string>();
  for (const frame of recorded.frames) {
    const e = frame.event;
    const id = e ? introduced(e) : undefined;
    if (id !== undefined && memory.seen.has(id) && !renamed.has(id)) renamed.set(id, `${id}~${memory.runs + 1}`);
  }
  const carried = new Set<string>();
  for (const m of requestMessages) if (typeof m?.id === "string") carried.add(m.id);

  return {
    frame(frame: RecordedFrame): string {
      const e = frame.event;
      if (!e) return frame.text;
      const next = rewriteEvent(e, threadId, runId, input, renamed);
      for (const field of ID_FIELDS) if (typeof next[field] === "string") carried.add(next[field] as string);
      return next === e ? frame.text : eventFrameText(next, frame.sse);
    },
    /** The runtime's closers carry ids too (a stopped tool call's result). */
    note(event: AguiEvent): void {
      for (const field of ID_FIELDS) if (typeof event[field] === "string") carried.add(event[field] as string);
    },
    done(): void {
      for (const id of carried) memory.seen.add(id);
      memory.runs++;
    },
    /** Ids as this run sends them. */
    id: (recordedId: string) => renamed.get(recordedId) ?? recordedId,
  };
}

/** The message or tool call id an event opens, if it opens one. */
function introduced(e: AguiEvent): string | undefined {
  const id = e.type === "TOOL_CALL_START" ? e.toolCallId : /_START$|^ACTIVITY_SNAPSHOT$|^TOOL_CALL_RESULT$/.test(e.type) ? e.messageId : undefined;
  return typeof id === "string" ? id : undefined;
}

/** The event to send: the same object when nothing changes, so its recorded bytes can go out. */
function rewriteEvent(e: AguiEvent, threadId: string, runId: string, input: Record<string, unknown>, renamed: Map<string, string>): AguiEvent {
  let next: AguiEvent | undefined;
  const set = (key: string, value: unknown) => {
    if (e[key] === value) return;
    next ??= { ...e };
    next[key] = value;
  };
  const isRunEvent = e.type === "RUN_STARTED" || e.type === "RUN_FINISHED" || e.type === "RUN_ERROR";
  if (isRunEvent) {
    // A bare RUN_FINISHED (after a stop) stays bare, as the runtime sends it.
    if ("threadId" in e) set("threadId", threadId);
    if ("runId" in e) set("runId", runId);
  }
  if (e.type === "RUN_STARTED" && "input" in e) {
    next ??= { ...e };
    next.input = input;
  }
  for (const field of ID_FIELDS) {
    const id = e[field];
    if (typeof id === "string" && renamed.has(id)) set(field, renamed.get(id));
  }
  return next ?? e;
}
