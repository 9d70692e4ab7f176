import { encodeHeaderLine, encodeRecordLine } from "../core/session/file";
import type { SessionRecord } from "../core/session/record";
import { exportHeader, redactRecord } from "../core/session/export";
import { openExistingDb, type InspectorDb } from "./db";
import { iterateRecords } from "./read";

/**
 * A session as `.agui.jsonl` lines: the header, the stored records page by page, then the
 * records not saved yet (a sink's `unsaved()`), so a failing disk still exports everything.
 * Secret names are redacted again on the way out (sessions stored by older versions).
 */
export async function* exportSessionLines(db: InspectorDb, sessionId: string, unsaved: readonly SessionRecord[] = []): AsyncGenerator<string> {
  // A connection closed by another tab's upgrade can no longer read: read through a new one.
  if (!db.isOpen()) {
    const fresh = await openExistingDb(db.name);
    try {
      yield* exportSessionLines(fresh, sessionId, unsaved);
    } finally {
      fresh.close();
    }
    return;
  }
  const session = await db.idb.get("sessions", sessionId);
  if (!session) throw new Error(`No session ${sessionId} in the library.`);
  yield encodeHeaderLine(exportHeader({ ...session.header, name: session.name }));
  let last = 0;
  for await (const page of iterateRecords(db, sessionId)) {
    let out = "";
    for (const r of page) out += encodeRecordLine(redactRecord(r));
    last = page[page.length - 1].seq;
    yield out;
  }
  let out = "";
  for (const r of unsaved) if (r.seq > last) out += encodeRecordLine(redactRecord(r));
  if (out) yield out;
}

/** The whole export as one Blob, for a download link. */
export async function exportSessionBlob(db: InspectorDb, sessionId: string, unsaved: readonly SessionRecord[] = []): Promise<Blob> {
  const parts: string[] = [];
  for await (const part of exportSessionLines(db, sessionId, unsaved)) parts.push(part);
  return new Blob(parts, { type: "application/x-ndjson" });
}
