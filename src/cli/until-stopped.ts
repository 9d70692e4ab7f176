/** An AbortSignal that fires on Ctrl-C / SIGTERM, or after `seconds` when given; dispose() removes the handlers. */
export function untilStopped(seconds?: number): { signal: AbortSignal; dispose(): void } {
  const ctl = new AbortController();
  const stop = () => ctl.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const timer = seconds !== undefined ? setTimeout(stop, seconds * 1000) : undefined;
  return {
    signal: ctl.signal,
    dispose() {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      if (timer) clearTimeout(timer);
    },
  };
}

export function readSeconds(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} expects a number of seconds > 0, got ${JSON.stringify(value)}`);
  return n;
}

export const stamp = () => new Date().toISOString().replace(/[:.]/g, "-");
