import { signal } from "@preact/signals";

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;
/** A pause longer than this (recorded time) is shortened, so an idle minute does not stall playback. */
export const MAX_GAP_MS = 2000;

export interface PlaybackClock {
  schedule(fn: () => void, ms: number): () => void;
}

export interface PlaybackTarget {
  /** The seqs to visit, in order (the rows in view). */
  seqs(): readonly number[];
  /** Arrival time (epoch ms) of a seq. */
  timeOf(seq: number): number;
  cursor(): number;
  select(seq: number): void;
}

/** Play the cursor forward in recorded time × speed over [from, to]; stops at the end of the range. */
export function createPlayback(target: PlaybackTarget, clock: PlaybackClock = { schedule: (fn, ms) => { const id = setTimeout(fn, ms); return () => clearTimeout(id); } }) {
  const playing = signal(false);
  const speed = signal<number>(1);
  /** Inclusive seq range; null ends mean the first / last row. */
  const range = signal<{ from: number | null; to: number | null }>({ from: null, to: null });
  let cancel: (() => void) | null = null;

  function inRange(): number[] {
    const { from, to } = range.value;
    return target.seqs().filter((s) => (from === null || s >= from) && (to === null || s <= to));
  }

  function stop() {
    cancel?.();
    cancel = null;
    playing.value = false;
  }

  function tick() {
    const list = inRange();
    const at = target.cursor();
    const next = list.find((s) => s > at);
    if (next === undefined) return stop();
    const gap = Math.min(MAX_GAP_MS, Math.max(0, target.timeOf(next) - target.timeOf(at)));
    cancel = clock.schedule(() => {
      cancel = null;
      if (!playing.value) return;
      target.select(next);
      tick();
    }, gap / speed.value);
  }

  return {
    playing,
    speed,
    range,
    play() {
      if (playing.value) return;
      const list = inRange();
      if (!list.length) return;
      // From outside the range (or its end) playback starts at the range's first row.
      const at = target.cursor();
      if (at < list[0] || at >= list[list.length - 1]) target.select(list[0]);
      playing.value = true;
      tick();
    },
    pause: stop,
    setSpeed(value: number) {
      if (!SPEEDS.includes(value as (typeof SPEEDS)[number])) throw new Error(`Speed must be one of ${SPEEDS.join(", ")}.`);
      speed.value = value;
    },
  };
}

export type Playback = ReturnType<typeof createPlayback>;
