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
  const fold = resumeFold(snapshot, failedDeltas);
  for (const r of records) fold.apply(r);
  return { state: fold.state, messages: fold.messages() };
}

/**
 * The same fold kept open, so a seek to a later record goes on from where the last one stopped
 * instead of from the checkpoint. `state` is the fold's own value: a STATE_DELTA changes it in
 * place, a snapshot replaces it.
 */
export function resumeFold(snapshot: CoreSnapshot | undefined, failedDeltas: ReadonlySet<number>) {
  const env: CoreEnv = {
    report: noReport,
    failedDeltas: failedDeltas as Set<number>,
    stateBefore(seq) {
      // Only a delta that fails for the first time asks for this, and the head fold saw them all.
      throw new Error(`record ${seq}: a delta failed that the first fold did not see fail; fold the session again`);
    },
  };
  const core = new ReplayCore(env, FULL, snapshot);
  return {
    apply(r: SessionRecord): void {
      try {
        core.apply(r);
      } catch {
        // reported once, as frame/unhandled, when the head folded it (as a replay's own seek does)
      }
    },
    get state(): unknown {
      return core.state;
    },
    /** From now until the next call, deltas copy what they write into: the state as it is now stays whole. */
    keepState(): void {
      core.copies = new WeakSet();
    },
    messages: (): Message[] => core.conv.snapshot(),
  };
}

export type ResumedFold = ReturnType<typeof resumeFold>;
