import { createToolCallIndex, recordSummary } from "../core/summary";
import type { SessionRecord } from "../core/session/record";
import type { SessionView } from "./session-view";
import { logFollower } from "./log-follower";

export { preview, clip, shortId } from "../core/summary";

/**
 * One-line summaries of the session's records. Tool calls show `name(args)` from an index built
 * as the log grows, so a summary costs the same at record 10 as at record 100,000.
 */
export function createSummaries(view: SessionView) {
  let index = createToolCallIndex();
  const sync = logFollower(
    () => view.records(),
    () => (index = createToolCallIndex()),
    (r) => index.add(r),
  );
  return {
    of(r: SessionRecord): string {
      sync();
      return recordSummary(r, index.context);
    },
  };
}

export type Summaries = ReturnType<typeof createSummaries>;
