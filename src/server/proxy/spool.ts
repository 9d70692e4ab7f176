import { open, readFile, type FileHandle } from "node:fs/promises";
import type { RecordSink } from "../../core/recorder/recorder";
import type { SessionHeader, SessionRecord } from "../../core/session/record";
import { encodeHeaderLine, encodeRecordLine, parseSessionFile } from "../../core/session/file";

export interface Spool extends RecordSink {
  header: SessionHeader;
  path: string;
  /** Everything written so far, read back from the file. */
  backlog(): Promise<SessionRecord[]>;
  /** Called with each batch after it is on disk. */
  subscribe(fn: (records: SessionRecord[]) => void): () => void;
  count(): number;
  close(): Promise<void>;
}

/**
 * The proxy's session file: records go to disk as they are flushed, so nothing is lost when no
 * inspector page is open; a page that opens later reads the backlog and then follows live.
 */
export async function createSpool(path: string, header: SessionHeader): Promise<Spool> {
  const handle: FileHandle = await open(path, "w");
  await handle.write(encodeHeaderLine(header));
  const listeners = new Set<(records: SessionRecord[]) => void>();
  let count = 0;
  let writing: Promise<unknown> = Promise.resolve();
  return {
    header,
    path,
    async write(records) {
      let text = "";
      for (const r of records) text += encodeRecordLine(r);
      writing = handle.write(text);
      await writing;
      count += records.length;
      for (const fn of listeners) fn(records);
    },
    async backlog() {
      await writing;
      return parseSessionFile(await readFile(path, "utf8")).records;
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    count: () => count,
    close: () => handle.close(),
  };
}
