import { createReplay, type Replay } from "../core/replay";
import type { SessionRecord } from "../core/session/record";

const NO_THREAD = "";

/**
 * One replay per thread: runs on different threads (lanes) must not mix their conversations.
 * Records without a thread (discovery) go nowhere; a seq maps to the lane of its record.
 */
export function createThreadReplays(options: { checkSchema?: boolean } = {}) {
  const replays = new Map<string, Replay>();
  const laneOf = new Map<number, string>();
  const order: string[] = [];

  function replayFor(thread: string): Replay {
    let r = replays.get(thread);
    if (!r) {
      r = createReplay({ checkSchema: options.checkSchema });
      replays.set(thread, r);
      order.push(thread);
    }
    return r;
  }

  return {
    append(records: readonly SessionRecord[]) {
      const byThread = new Map<string, SessionRecord[]>();
      for (const r of records) {
        const thread = r.threadId ?? NO_THREAD;
        laneOf.set(r.seq, thread);
        if (thread === NO_THREAD && r.kind !== "event" && r.kind !== "bad-frame") continue;
        let list = byThread.get(thread);
        if (!list) byThread.set(thread, (list = []));
        list.push(r);
      }
      for (const [thread, list] of byThread) replayFor(thread).append(list);
    },
    threads: () => order.filter((t) => t !== NO_THREAD),
    laneOf: (seq: number) => laneOf.get(seq),
    /** The replay that owns `seq`, or the given thread's. */
    forSeq(seq: number): Replay | undefined {
      const thread = laneOf.get(seq);
      return thread === undefined ? undefined : replays.get(thread);
    },
    forThread: (thread: string) => replays.get(thread),
    all: () => [...replays.values()],
  };
}

export type ThreadReplays = ReturnType<typeof createThreadReplays>;
