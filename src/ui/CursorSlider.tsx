import type { SessionView } from "../models/session-view";
import type { ComposerModel } from "../models/composer";

/** The time-travel slider; ←/→ and Home/End work anywhere outside text fields (see useKeys). */
export function CursorSlider({ view, composer, sessionId, tools }: { view: SessionView; composer: ComposerModel; sessionId?: string | null; tools?: { open: boolean; toggle: () => void } }) {
  const last = view.lastSeq.value;
  const first = view.firstSeq.value;
  return (
    <div class="cursor-bar">
      <input
        type="range"
        aria-label="Event cursor"
        min={first}
        max={Math.max(first, last)}
        value={view.cursorSeq.value}
        disabled={last === 0}
        onInput={(e) => {
          const seq = Number((e.target as HTMLInputElement).value);
          view.select(seq >= last ? null : seq);
        }}
      />
      <span class="small muted" aria-live="off">
        {last ? `#${view.cursorSeq.value} / ${last}` : "no records"}
        {view.following.value ? " · live" : ""}
      </span>
      {tools && (
        <button type="button" class="secondary" aria-pressed={tools.open} aria-expanded={tools.open} title="Play/pause, jumps and compare" onClick={tools.toggle}>
          Playback
        </button>
      )}
      <button type="button" class="secondary" disabled={last === 0} title="Start a new thread seeded with the messages and state at the cursor" onClick={() => composer.forkFrom(view.cursorSeq.value, sessionId ?? undefined)}>
        Fork from here
      </button>
    </div>
  );
}
