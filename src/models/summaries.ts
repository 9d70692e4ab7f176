import { createToolCallIndex, recordSummary, type SummaryContext } from "../core/summary";
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
  // A window's tool calls come from the worker's first pass (its records are not here).
  let pagedCalls: { from: unknown; context: SummaryContext } | undefined;
  function pagedContext(): SummaryContext | undefined {
    const overview = view.paged.value?.overview.value;
    if (!overview) return undefined;
    if (pagedCalls?.from !== overview) {
      const calls = new Map(overview.toolCalls);
      pagedCalls = { from: overview, context: { toolCall: (id) => calls.get(id) } };
    }
    return pagedCalls.context;
  }
  return {
    of(r: SessionRecord): string {
      if (view.paged.value) return recordSummary(r, pagedContext());
      sync();
      return recordSummary(r, index.context);
    },
  };
}

export type Summaries = ReturnType<typeof createSummaries>;
