import type { Clock } from "./recorder";

export type ManualClock = Clock & { advance(ms: number): void; pending(): number; scheduled: number[] };

/** A clock whose timers run only when a test advances it (for tests: mocks are for clocks and faults). */
export function manualClock(start = 1_000): ManualClock {
  let now = start;
  let timers: { at: number; fn: () => void }[] = [];
  const scheduled: number[] = [];
  return {
    now: () => now,
    schedule(fn, ms) {
      scheduled.push(ms);
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return () => void (timers = timers.filter((t) => t !== timer));
    },
    advance(ms) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.fn();
    },
    pending: () => timers.length,
    scheduled,
  };
}
