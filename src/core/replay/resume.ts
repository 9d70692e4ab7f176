import type { SessionRecord } from "../session/record";
import type { Message } from "../protocol/events";
import { FULL, ReplayCore, type CoreEnv, type CoreSnapshot } from "./core";
import { noReport } from "./rules";

export type { CoreSnapshot } from "./core";

/**
 * A seek that starts from a checkpoint kept elsewhere (a store) instead of a replay in memory:
 * restore the snapshot, fold the records after it. The head fold already found which deltas
 * fail; they are skipped here exactly as a replay's own seek skips them.
 */
export function foldFrom(snapshot: CoreSnapshot | undefined, records: Iterable<SessionRecord>, failedDeltas: ReadonlySet<number>): { state: unknown; messages: Message[] } {
  const env: CoreEnv = {
    report: noReport,
    failedDeltas: failedDeltas as Set<number>,
    stateBefore(seq) {
      // Only a delta that fails for the first time asks for this, and the head fold saw them all.
      throw new Error(`record ${seq}: a delta failed that the first fold did not see fail; fold the session again`);
    },
  };
  const core = new ReplayCore(env, FULL, snapshot);
  for (const r of records) {
    try {
      core.apply(r);
    } catch {
      // reported once, as frame/unhandled, when the head folded it (as a replay's own seek does)
    }
  }
  return { state: core.state, messages: core.conv.snapshot() };
}
