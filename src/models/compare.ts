import { signal } from "@preact/signals";
import { compareSessions, RunSelectionError, type SessionComparison } from "../core/compare";
import type { SessionRecord } from "../core/session/record";
import type { SessionStorePort } from "./host";

// The Compare view's model: two sessions from the library, compared run by run with the same
// core as `agui-inspector diff`, so the page and the CLI show the same differences.

export function createCompareModel(store: SessionStorePort | undefined) {
  const open = signal(false);
  const a = signal<string | null>(null);
  const b = signal<string | null>(null);
  /** A run of each session ("#2"), or null for every run paired by position. */
  const runA = signal<string | null>(null);
  const runB = signal<string | null>(null);
  const result = signal<SessionComparison | null>(null);
  const error = signal<string | null>(null);
  const busy = signal(false);

  async function load(id: string): Promise<SessionRecord[]> {
    const records: SessionRecord[] = [];
    for await (const page of store!.records(id)) for (const r of page) records.push(r);
    return records;
  }

  async function compare() {
    if (!store || !a.value || !b.value) return;
    if (!runA.value !== !runB.value) {
      error.value = "Pick a run on both sides, or every run on both.";
      return;
    }
    busy.value = true;
    error.value = null;
    result.value = null;
    try {
      const [ra, rb] = await Promise.all([load(a.value), load(b.value)]);
      result.value = compareSessions(ra, rb, runA.value && runB.value ? [runA.value, runB.value] : []);
    } catch (err) {
      error.value = err instanceof RunSelectionError ? err.message : `Comparing failed: ${(err as Error).message}`;
    } finally {
      busy.value = false;
    }
  }

  return { available: !!store, open, a, b, runA, runB, result, error, busy, compare };
}

export type CompareModel = ReturnType<typeof createCompareModel>;
