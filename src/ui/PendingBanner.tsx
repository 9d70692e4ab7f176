import type { ComposerModel } from "../models/composer";
import type { SessionView } from "../models/session-view";
import { ToolCallAnswer } from "./ToolCallAnswer";
import { InterruptAnswer } from "./InterruptAnswer";
import type { LayoutModel } from "../models/layout";

/** Items listed before "n more": the banner must leave the timeline's rows their room. */
export const PENDING_SHOWN = 3;

/** Seq of the TOOL_CALL_START of a call (searched from the end: the open calls are recent). */
function toolCallSeq(view: SessionView, toolCallId: string): number | undefined {
  const records = view.records();
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (r.kind === "event" && (r.event.type === "TOOL_CALL_START" || r.event.type === "TOOL_CALL_CHUNK") && r.event.toolCallId === toolCallId) return r.seq;
  }
  return undefined;
}

/**
 * What the agent is waiting for, over the timeline: open tool calls and pending interrupts with a
 * count, a jump to where each was asked, and the form to answer it right here. The first
 * PENDING_SHOWN items are listed, then "n more"; the fold and the long list are remembered.
 */
export function PendingBanner({ view, composer, answerable, layout }: { view: SessionView; composer: ComposerModel; answerable: boolean; layout: LayoutModel }) {
  const calls = view.openToolCalls.value;
  const interrupts = view.pendingInterrupts.value;
  const count = calls.length + interrupts.reduce((n, p) => n + p.interrupts.length, 0);
  if (!count) return null;
  const jump = (seq: number | undefined) => {
    if (seq === undefined) return;
    view.select(seq);
  };
  const items = [
    ...calls.map((c) => (
      <li key={`call:${c.toolCallId}`}>
        <div class="row small">
          <span>
            tool call <code>{c.name}</code> on thread {c.threadId.slice(0, 8)}
          </span>
          <button type="button" class="link" aria-label={`Jump to tool call ${c.name}`} onClick={() => jump(toolCallSeq(view, c.toolCallId))}>
            Jump
          </button>
        </div>
        {answerable && <ToolCallAnswer call={c} onSend={(content) => void composer.sendToolResult(c.threadId, c.toolCallId, content, view.runTools(c.runId))} />}
      </li>
    )),
    ...interrupts.map((p) => (
      <li key={`interrupt:${p.threadId}`}>
        <div class="row small">
          <span>
            <span class="badge interrupted">interrupted</span> run {(p.runId ?? "?").slice(0, 8)} on thread {p.threadId.slice(0, 8)}
          </span>
          <button type="button" class="link" aria-label={`Jump to interrupt on thread ${p.threadId.slice(0, 8)}`} onClick={() => jump(view.runs.value.find((r) => r.runId === p.runId)?.endSeq)}>
            Jump
          </button>
        </div>
        {answerable && <InterruptAnswer interrupts={p.interrupts} onResume={(answers) => void composer.resume(p.threadId, answers)} />}
      </li>
    )),
  ];
  const all = layout.pendingAll.value;
  const collapsed = layout.pendingCollapsed.value;
  const hidden = all ? 0 : Math.max(0, items.length - PENDING_SHOWN);
  return (
    <section class="pending-banner" aria-label="Waiting for you">
      {/* The fold is ours, saved in the click itself (a toggle event comes a task later, and a
          reload in between forgot it). Enter and Space on a summary click it too. */}
      <details open={!collapsed}>
        <summary
          onClick={(e) => {
            e.preventDefault();
            layout.setPendingCollapsed(!collapsed);
          }}
        >
          Waiting for you <span class="count-badge" aria-label={`${count} open`}>{count}</span>
          {!answerable && <span class="small muted"> · connect to answer</span>}
        </summary>
        <ul class="pending-list" id="pending-list" aria-label="Open items">
          {hidden ? items.slice(0, PENDING_SHOWN) : items}
        </ul>
        {items.length > PENDING_SHOWN && (
          <button type="button" class="link small pending-more" aria-expanded={all} aria-controls="pending-list" onClick={() => layout.setPendingAll(!all)}>
            {all ? "Show fewer" : `${hidden} more`}
          </button>
        )}
      </details>
    </section>
  );
}
