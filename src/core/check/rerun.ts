import type { Message, ResumeEntry, RunAgentInput } from "../protocol/events";
import type { RunDigest } from "../compare/beats";
import { forkInputAt } from "../session/fork";
import type { SessionRecord } from "../session/record";
import { newId } from "../session/ids";
import type { Replay } from "../replay";

// The input for re-running recorded run k: what the client sent then, continued from the new
// session instead of the old one. The history is the new session's conversation; what the client
// added after the previous run (user messages, tool results, interrupt answers) is carried over,
// with the ids the agent generated then swapped for the ones it generated now. A recorded answer
// is sent only when the agent asked the same thing again (same tool, same interrupt reason).

export type IdMap = Map<string, { id: string; toolName?: string }>;

export interface RerunInput {
  input: RunAgentInput;
  /** Recorded answers left out because the agent did not ask the same thing. */
  skipped: string[];
}

export interface RerunContext {
  /** The recording's fold, to tell what the client added between runs. */
  recorded: Replay;
  /** The run before this one in the recording, when there is one. */
  previous?: RunDigest;
  /** Records of the new session so far. */
  fresh: readonly SessionRecord[];
  /** Recorded ids → new ids, from the runs re-run so far. */
  ids: IdMap;
  /** Recorded thread ids → the fresh thread ids they are replayed on. */
  threads: Map<string, string>;
}

export function rerunInput(run: RunDigest, ctx: RerunContext): RerunInput {
  const recorded = run.input!;
  const skipped: string[] = [];
  const threadId = mapThread(recorded.threadId, ctx.threads);
  let messages: Message[] = recorded.messages ?? [];
  let state = recorded.state;
  if (ctx.previous && ctx.fresh.length) {
    const before = ctx.recorded.at(ctx.previous.endSeq);
    const known = new Set(before.messages.map((m) => m.id));
    const fork = forkInputAt(ctx.fresh);
    const added: Message[] = [];
    for (const m of messages) {
      if (known.has(m.id)) continue;
      if (m.role === "tool" && typeof m.toolCallId === "string") {
        const call = ctx.ids.get(m.toolCallId);
        if (!call?.toolName) {
          skipped.push(`recorded result for tool call ${m.toolCallId} not sent: the agent did not make that call again`);
          continue;
        }
        added.push({ ...m, toolCallId: call.id });
      } else added.push(m);
    }
    messages = [...fork.messages, ...added];
    // The client sends back the state it ended with unless it changed it itself.
    if (JSON.stringify(recorded.state ?? {}) === JSON.stringify(before.state ?? {})) state = fork.state;
  }
  const resume: ResumeEntry[] = [];
  for (const entry of recorded.resume ?? []) {
    const mapped = ctx.ids.get(entry.interruptId);
    if (!mapped) {
      skipped.push(`recorded answer to interrupt ${entry.interruptId} not sent: the agent did not interrupt the same way again`);
      continue;
    }
    resume.push({ ...entry, interruptId: mapped.id });
  }
  const input: RunAgentInput = {
    threadId,
    runId: newId(),
    state: state ?? {},
    messages: messages.filter((m) => m.role !== "activity"),
    tools: recorded.tools ?? [],
    context: recorded.context ?? [],
    forwardedProps: recorded.forwardedProps ?? {},
  };
  if (recorded.parentRunId) {
    const parent = ctx.ids.get(recorded.parentRunId);
    if (parent) input.parentRunId = parent.id;
  }
  if (resume.length) input.resume = resume;
  return { input, skipped };
}

/** A fresh thread per recorded thread, so a check never mixes with the recorded conversation. */
function mapThread(threadId: string | undefined, threads: Map<string, string>): string {
  const key = threadId ?? "";
  let fresh = threads.get(key);
  if (!fresh) threads.set(key, (fresh = newId()));
  return fresh;
}
