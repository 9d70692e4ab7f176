import { open, type FileHandle } from "node:fs/promises";
import type { RecordSink } from "../core/recorder/recorder";
import type { SessionHeader } from "../core/session/record";
import { encodeHeaderLine, encodeRecordLine } from "../core/session/file";

/** A session file written as records arrive: header first, then one line per record. */
export async function createFileSink(path: string, header: SessionHeader): Promise<RecordSink & { close(): Promise<void>; count(): number }> {
  const handle: FileHandle = await open(path, "w");
  await handle.write(encodeHeaderLine(header));
  let count = 0;
  return {
    async write(records) {
      let text = "";
      for (const r of records) text += encodeRecordLine(r);
      await handle.write(text);
      count += records.length;
    },
    count: () => count,
    close: () => handle.close(),
  };
}
