import { useEffect, useState } from "preact/hooks";
import type { SessionView } from "../models/session-view";
import { formatMs, type RunTiming, type WaterfallBar } from "../models/run-timing";

// Runs and their tool calls on a shared time axis, one lane per thread. One tab stop: arrow keys
// move between bars, Enter moves the cursor to the bar's first record.

export function Waterfall({ view, timing }: { view: SessionView; timing: RunTiming }) {
  const count = timing.runCount.value;
  // A window onto a stored session is a snapshot: an unfinished run there ends at its last record.
  const live = timing.pending.value.length > 0;
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!live) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [live]);
  const [active, setActive] = useState(0);
  if (!count) return null;
  // (merged into slices of the span: bounded however many runs there are)
  const w = timing.waterfall(live ? now : undefined);
  const span = Math.max(1, w.spanMs);
  const bars: WaterfallBar[] = w.lanes.flatMap((l) => l.bars);
  const at = Math.min(active, bars.length - 1);
  let index = -1;
  return (
    <div class="waterfall" role="group" aria-label={`Waterfall: ${count} run(s) over ${formatMs(w.spanMs)}`}>
      {w.lanes.map((lane) => (
        <div class="wf-lane">
          <span class="wf-thread" title={lane.threadId}>
            {lane.threadId.slice(0, 8)}
          </span>
          <div class="wf-track">
            {lane.bars.map((b) => {
              index++;
              const mine = index;
              const what = b.count ? `${b.count} ${b.kind === "run" ? "runs" : "tool calls"} from ${b.label}` : `${b.kind === "run" ? "Run" : "Tool call"} ${b.label}`;
              const text = `${what}: ${formatMs(b.startMs)} → ${formatMs(b.endMs)} (${formatMs(b.endMs - b.startMs)})${b.open ? ", still open" : ""}`;
              return (
                <button
                  type="button"
                  class={`wf-bar wf-${b.kind}${b.outcome ? ` wf-${b.outcome}` : ""}${b.open ? " wf-open" : ""}`}
                  style={{ left: `${(b.startMs / span) * 100}%`, width: `max(3px, ${((b.endMs - b.startMs) / span) * 100}%)` }}
                  tabIndex={mine === at ? 0 : -1}
                  title={text}
                  aria-label={text}
                  data-kind={b.kind}
                  data-start-ms={Math.round(b.startMs)}
                  data-end-ms={Math.round(b.endMs)}
                  onFocus={() => setActive(mine)}
                  onClick={() => view.select(b.seq)}
                  onKeyDown={(e) => {
                    const dir = e.key === "ArrowRight" || e.key === "ArrowDown" ? 1 : e.key === "ArrowLeft" || e.key === "ArrowUp" ? -1 : 0;
                    if (!dir) return;
                    e.preventDefault();
                    e.stopPropagation();
                    const next = (mine + dir + bars.length) % bars.length;
                    setActive(next);
                    const group = (e.currentTarget as HTMLElement).closest(".waterfall");
                    group?.querySelectorAll<HTMLElement>(".wf-bar")[next]?.focus();
                  }}
                >
                  <span class="wf-label">{b.kind === "tool" ? b.label : ""}</span>
                </button>
              );
            })}
          </div>
        </div>
      ))}
    </div>
  );
}
