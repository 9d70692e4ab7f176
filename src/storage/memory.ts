import type { RecordSink } from "../core/recorder/recorder";
import type { SessionRecord } from "../core/session/record";

/** Keeps every written record in memory, in write order. For the CLI, tests and a failing disk. */
export function createMemorySink(): RecordSink & { records: SessionRecord[] } {
  const records: SessionRecord[] = [];
  return {
    records,
    async write(batch) {
      for (const r of batch) records.push(r);
    },
  };
}
