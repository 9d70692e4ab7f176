import type { BadFrameRecord, SessionRecord } from "../session/record";
import { capRaw } from "../protocol/limits";

/**
 * What a sink stores in place of a record it cannot write (JSON.stringify or structured clone
 * threw on it): a bad-frame with the same seq, time and ids, keeping the frame's raw text when
 * it had one, so the records after it still go through and the gap is explained.
 */
export function fallbackRecord(record: SessionRecord, error: unknown): BadFrameRecord {
  const why = error instanceof Error ? error.message : String(error);
  const raw = "raw" in record && typeof record.raw === "string" ? record.raw : "";
  const ids: Partial<BadFrameRecord> = {};
  if (record.agentId !== undefined) ids.agentId = record.agentId;
  if (record.threadId !== undefined) ids.threadId = record.threadId;
  if (record.runId !== undefined) ids.runId = record.runId;
  return {
    seq: record.seq,
    t: record.t,
    x: record.x,
    ...ids,
    dir: "in",
    kind: "bad-frame",
    ...capRaw(raw),
    ...((record.kind === "event" || record.kind === "bad-frame") && record.rawEncoding ? { rawEncoding: record.rawEncoding } : {}),
    error: `this ${record.kind} record could not be stored (${why})${raw ? "; its raw text is kept" : ""}`,
  } as BadFrameRecord;
}
