import type { Message } from "../protocol/events";
import { createReplay, type Interrupt, type Replay } from "../replay";
import type { SessionRecord } from "./record";

// Fork: what a new run needs to continue a recorded conversation from any seq. Messages and
// state come from the one replay fold; what the agent was waiting for is listed so the caller
// can answer it (tool results as role:"tool" messages, interrupts as `resume` entries).

export interface PendingToolCall {
  toolCallId: string;
  name: string;
  /** The arguments text as streamed (JSON when the agent behaved). */
  arguments: string;
  /** The assistant message that made the call. */
  messageId: string;
}

export interface ForkInput {
  /** The seq the fork was taken at (clamped to the records). */
  seq: number;
  /** Messages as a run input carries them: client-only activity messages left out. */
  messages: Message[];
  state: unknown;
  threadId?: string;
  /** Tool calls with no tool message answering them yet. */
  pendingToolCalls: PendingToolCall[];
  /** Interrupts open at seq; a resumed run must answer all of them. */
  pendingInterrupts: Interrupt[];
}

/**
 * Input for a run that continues the session right after record `seq` (default: the last).
 * Pass `replay` when the records are already folded (the UI's live replay) to skip a re-fold.
 */
export function forkInputAt(records: readonly SessionRecord[], seq?: number, replay?: Replay): ForkInput {
  const fold = replay ?? createReplay();
  if (!replay) fold.append(records);
  const at = Math.max(0, Math.min(seq ?? fold.lastSeq, fold.lastSeq));
  const view = fold.at(at);
  const messages = view.messages.filter((m) => m.role !== "activity");
  const result: ForkInput = {
    seq: at,
    messages,
    state: view.state,
    pendingToolCalls: pendingToolCalls(messages),
    pendingInterrupts: fold.pendingInterruptsAt(at),
  };
  const threadId = threadAt(fold, records, at);
  if (threadId !== undefined) result.threadId = threadId;
  return result;
}

/** Tool calls the messages' assistant turns made that no tool message answers. */
export function pendingToolCalls(messages: Message[]): PendingToolCall[] {
  const answered = new Set<string>();
  for (const m of messages) if (m.role === "tool" && typeof m.toolCallId === "string") answered.add(m.toolCallId);
  const pending: PendingToolCall[] = [];
  for (const m of messages) {
    if (m.role !== "assistant" || !Array.isArray(m.toolCalls)) continue;
    for (const call of m.toolCalls) {
      if (answered.has(call.id)) continue;
      pending.push({ toolCallId: call.id, name: call.function?.name ?? "", arguments: call.function?.arguments ?? "", messageId: m.id });
    }
  }
  return pending;
}

/** The thread of the run at seq, else of the latest run before it, else the latest record that names one. */
function threadAt(fold: Replay, records: readonly SessionRecord[], seq: number): string | undefined {
  const run = fold.runAt(seq);
  if (run?.threadId) return run.threadId;
  const runs = fold.runs();
  for (let i = runs.length - 1; i >= 0; i--) if (runs[i].startSeq <= seq && runs[i].threadId) return runs[i].threadId;
  let found: string | undefined;
  for (const r of records) {
    if (r.seq > seq && found !== undefined) break;
    if (r.threadId !== undefined) found = r.threadId;
  }
  return found;
}
