import type { SessionRecord } from "../core/session/record";

/**
 * Feeds each new record of the session log to `add` exactly once. The log is appended in place and
 * replaced by a new array on reset, so a different array (or a shorter one) means start over.
 */
export function logFollower(records: () => SessionRecord[], restart: () => void, add: (r: SessionRecord) => void) {
  let list: SessionRecord[] | null = null;
  let seen = 0;
  return function sync() {
    const recs = records();
    if (recs !== list || recs.length < seen) {
      list = recs;
      seen = 0;
      restart();
    }
    for (; seen < recs.length; seen++) add(recs[seen]);
  };
}
