import type { ComposerModel } from "../models/composer";
import type { SessionView } from "../models/session-view";
import { ToolCallAnswer } from "./ToolCallAnswer";
import { InterruptAnswer } from "./InterruptAnswer";

/** What the agent is waiting for: open frontend tool calls and pending interrupts. */
export function PendingPanel({ view, composer }: { view: SessionView; composer: ComposerModel }) {
  const calls = view.openToolCalls.value;
  const interrupts = view.pendingInterrupts.value;
  if (!calls.length && !interrupts.length) return null;
  return (
    <section class="pending" aria-label="Waiting for you">
      <h2>Waiting for you</h2>
      {calls.map((c) => (
        <ToolCallAnswer key={c.toolCallId} call={c} onSend={(content) => void composer.sendToolResult(c.threadId, c.toolCallId, content, view.runTools(c.runId) ?? [])} />
      ))}
      {interrupts.map((p) => (
        <InterruptAnswer key={p.threadId} interrupts={p.interrupts} onResume={(answers) => void composer.resume(p.threadId, answers)} />
      ))}
    </section>
  );
}

