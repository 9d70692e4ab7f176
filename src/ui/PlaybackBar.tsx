import { useState } from "preact/hooks";
import type { SessionView } from "../models/session-view";
import type { Playback } from "../models/playback";
import { SPEEDS } from "../models/playback";
import { findJump, type JumpKind } from "../models/jumps";
import type { ComparePicks } from "../models/state-diff";

const JUMPS: { kind: JumpKind; label: string }[] = [
  { kind: "state", label: "state change" },
  { kind: "message", label: "message" },
  { kind: "tool", label: "tool call" },
  { kind: "type", label: "this event type" },
];

/** Play/pause in recorded time, jumps to the next/previous change, and the two points to compare. */
export function PlaybackBar({ view, playback, picks }: { view: SessionView; playback: Playback; picks: ComparePicks }) {
  const [kind, setKind] = useState<JumpKind>("state");
  const empty = view.lastSeq.value === 0;
  const playing = playback.playing.value;
  const range = playback.range.value;
  const cursor = view.cursorSeq.value;
  const selected = view.selected.value;
  const type = selected?.kind === "event" ? selected.event.type : undefined;
  const jump = (dir: 1 | -1) => {
    const seqs = view.rows.value.map((r) => view.records()[r.index].seq);
    const to = findJump(seqs, view.recordAt, cursor, dir, kind, type);
    if (to !== null) view.select(to);
  };
  const runs = view.runs.value;
  return (
    <div class="playback-bar row small" role="toolbar" aria-label="Playback">
      <button type="button" class="secondary" disabled={empty} aria-pressed={playing} onClick={() => (playing ? playback.pause() : playback.play())}>
        {playing ? "Pause" : "Play"}
      </button>
      <label class="inline">
        Speed
        <select aria-label="Playback speed" value={String(playback.speed.value)} onChange={(e) => playback.setSpeed(Number((e.target as HTMLSelectElement).value))}>
          {SPEEDS.map((s) => (
            <option value={String(s)}>{s}×</option>
          ))}
        </select>
      </label>
      <button type="button" class="link" disabled={empty} onClick={() => (playback.range.value = { ...range, from: cursor })}>
        From here
      </button>
      <button type="button" class="link" disabled={empty} onClick={() => (playback.range.value = { ...range, to: cursor })}>
        To here
      </button>
      <span class="muted" data-testid="playback-range">
        {range.from === null && range.to === null ? "all rows" : `#${range.from ?? "start"}–#${range.to ?? "end"}`}
      </span>
      {(range.from !== null || range.to !== null) && (
        <button type="button" class="link" onClick={() => (playback.range.value = { from: null, to: null })}>
          Whole session
        </button>
      )}
      <span class="sep" />
      <button type="button" class="secondary" disabled={empty} aria-label={`Previous ${JUMPS.find((j) => j.kind === kind)!.label}`} onClick={() => jump(-1)}>
        ◀
      </button>
      <select aria-label="Jump to" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as JumpKind)}>
        {JUMPS.map((j) => (
          <option value={j.kind}>{j.kind === "type" && type ? type : j.label}</option>
        ))}
      </select>
      <button type="button" class="secondary" disabled={empty} aria-label={`Next ${JUMPS.find((j) => j.kind === kind)!.label}`} onClick={() => jump(1)}>
        ▶
      </button>
      <span class="sep" />
      <button type="button" class="link" disabled={empty} onClick={() => (picks.a.value = cursor)}>
        Compare A = #{picks.a.value ?? "—"}
      </button>
      <button type="button" class="link" disabled={empty} onClick={() => (picks.b.value = cursor)}>
        B = #{picks.b.value ?? "—"}
      </button>
      {runs.length > 1 && (
        <select
          aria-label="Compare two runs"
          value=""
          onChange={(e) => {
            const [a, b] = (e.target as HTMLSelectElement).value.split(":").map(Number);
            if (a && b) ((picks.a.value = a), (picks.b.value = b));
          }}
        >
          <option value="">Compare runs…</option>
          {runs.slice(1).map((r, i) => {
            const prev = runs[i];
            const a = prev.endSeq ?? prev.startSeq;
            const b = r.endSeq ?? r.startSeq;
            return <option value={`${a}:${b}`}>{`${(prev.runId ?? "?").slice(0, 8)} → ${(r.runId ?? "?").slice(0, 8)}`}</option>;
          })}
        </select>
      )}
    </div>
  );
}
