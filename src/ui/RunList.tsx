import { useRef, useState } from "preact/hooks";
import type { SessionView } from "../models/session-view";
import { formatMs, RUNS_PAGE, type RunMetrics, type RunTiming } from "../models/run-timing";

// Runs with their timing, a page of RUNS_PAGE at a time. A list with one tab stop: arrow keys move
// between runs, Enter moves the cursor to the run's start, F filters the timeline to it.

function Metric({ label, value, ms }: { label: string; value: string; ms?: number }) {
  return (
    <div class="metric">
      <dt>{label}</dt>
      <dd data-ms={ms === undefined ? undefined : Math.round(ms)}>{value}</dd>
    </div>
  );
}

function RunCard({ r, stored }: { r: RunMetrics; stored: boolean }) {
  // A stored session streams nothing: a run it left open is unfinished, not running.
  const outcome = r.outcome ?? (stored ? "unfinished" : "running");
  const byType = Object.entries(r.eventsByType).sort((a, b) => b[1] - a[1]);
  return (
    <>
      <div class="run-title">
        <strong>run {r.runId ? r.runId.slice(0, 8) : r.key}</strong>
        <span class={`outcome outcome-${outcome}`}>{outcome}</span>
        <span class="muted">#{r.startSeq}–#{r.endSeq}</span>
      </div>
      <dl class="metrics">
        <Metric label="Duration" value={formatMs(r.durationMs)} ms={r.durationMs} />
        <Metric label="First byte" value={formatMs(r.ttfbMs)} ms={r.ttfbMs} />
        <Metric label="First token" value={formatMs(r.firstTokenMs)} ms={r.firstTokenMs} />
        <Metric label="First reasoning" value={formatMs(r.firstReasoningMs)} ms={r.firstReasoningMs} />
        <Metric label="Gap p50" value={formatMs(r.gaps.p50)} ms={r.gaps.p50} />
        <Metric label="Gap p95" value={formatMs(r.gaps.p95)} ms={r.gaps.p95} />
        <Metric label="Gap max" value={formatMs(r.gaps.max)} ms={r.gaps.max} />
        <Metric label="Stalls" value={String(r.stalls.length)} />
        <Metric label="Patches" value={`${r.patchCount} · ${r.patchBytes} B`} />
        <Metric label="Events" value={String(r.events)} />
      </dl>
      {r.toolCalls.length > 0 && (
        <ul class="tool-latency" aria-label="Tool calls">
          {r.toolCalls.map((c) => (
            <li data-ms={c.latencyMs === undefined ? undefined : Math.round(c.latencyMs)}>
              {c.name}: {c.latencyMs === undefined ? "open" : formatMs(c.latencyMs)}
            </li>
          ))}
        </ul>
      )}
      {r.stalls.length > 0 && <p class="small warn-text stalls" data-ms={r.stalls.map((s) => Math.round(s.ms)).join(" ")}>Stalls: {r.stalls.map((s) => `${formatMs(s.ms)} after #${s.afterSeq}`).join(", ")}</p>}
      <p class="small muted by-type">{byType.map(([t, n]) => `${t} ${n}`).join(" · ")}</p>
    </>
  );
}

export function RunList({ view, timing }: { view: SessionView; timing: RunTiming }) {
  const count = timing.runCount.value;
  // A page of runs at a time: a window's runs are asked of the worker a page at a time too.
  const [start, setStart] = useState(0);
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  if (!count) return <p class="muted" role="region" aria-label="Runs">No runs yet.</p>;
  const first = Math.min(start, Math.floor((count - 1) / RUNS_PAGE) * RUNS_PAGE);
  const end = Math.min(count, first + RUNS_PAGE);
  const runs = timing.runsIn(first, end);
  const turn = (to: number, e: Event) => {
    setStart(to);
    setActive(0);
    // The first or last page disables the button pressed: the focus goes to the other one, not the page's start.
    const group = (e.currentTarget as HTMLElement).parentElement;
    setTimeout(() => {
      const now = document.activeElement as HTMLButtonElement | null;
      if (group && (!now || now.disabled || !group.contains(now))) group.querySelector<HTMLElement>("button:not([disabled])")?.focus();
    }, 0);
  };
  const at = Math.min(active, (runs?.length ?? 1) - 1);
  const focus = (i: number) => {
    setActive(i);
    list.current?.querySelectorAll<HTMLElement>(":scope > li")[i]?.focus();
  };
  return (
    <div role="region" aria-label="Runs">
      {count > RUNS_PAGE && (
        <div class="run-pages" role="group" aria-label="Pages of runs">
          <button type="button" class="link" disabled={first === 0} onClick={(e) => turn(first - RUNS_PAGE, e)}>
            Earlier runs
          </button>
          <span class="small muted" aria-live="polite">
            Runs {first + 1}–{end} of {count}
          </span>
          <button type="button" class="link" disabled={end >= count} onClick={(e) => turn(first + RUNS_PAGE, e)}>
            Later runs
          </button>
        </div>
      )}
      {!runs ? (
        <p class="muted">Reading runs…</p>
      ) : (
        <ul class="run-list" ref={list} aria-label="Runs with timing">
          {runs.map((r, i) => (
            <li
              tabIndex={i === at ? 0 : -1}
              class={`run-item${view.cursorSeq.value >= r.startSeq && view.cursorSeq.value <= r.endSeq ? " at-cursor" : ""}`}
              data-run={r.runId ?? r.key}
              aria-label={`Run ${r.runId ?? r.key}, ${r.outcome ?? "running"}, ${formatMs(r.durationMs)}`}
              onFocus={() => setActive(i)}
              onClick={() => view.select(r.startSeq)}
              onKeyDown={(e) => {
                if (e.target !== e.currentTarget) return;
                if (e.key === "ArrowDown" || e.key === "ArrowUp") {
                  e.preventDefault();
                  e.stopPropagation();
                  focus(Math.max(0, Math.min(runs.length - 1, i + (e.key === "ArrowDown" ? 1 : -1))));
                } else if (e.key === "Enter") {
                  view.select(r.startSeq);
                } else if (e.key === "f" || e.key === "F") {
                  e.stopPropagation();
                  view.filter.value = { ...view.filter.value, runId: r.runId ?? null };
                }
              }}
            >
              <RunCard r={r} stored={!!view.paged.value} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
