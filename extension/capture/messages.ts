import type { SessionRecord } from "../../src/core/session/record";

/** The worker tells open panels about observed records as soon as they are stored. */
export interface LiveRecordsMessage {
  type: "agui-inspector:live-records";
  tabId: number | null;
  sessionId: string;
  records: SessionRecord[];
}

export const LIVE_RECORDS = "agui-inspector:live-records";

export function isLiveRecords(message: unknown): message is LiveRecordsMessage {
  const m = message as Partial<LiveRecordsMessage> | null;
  return !!m && m.type === LIVE_RECORDS && typeof m.sessionId === "string" && Array.isArray(m.records);
}
