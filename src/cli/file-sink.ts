import { open, type FileHandle } from "node:fs/promises";
import type { RecordSink } from "../core/recorder/recorder";
import type { SessionHeader } from "../core/session/record";
import { encodeHeaderLine, encodeRecordLine } from "../core/session/file";
import { fallbackRecord } from "../core/recorder/fallback";

/** A session file written as records arrive: header first, then one line per record. */
export async function createFileSink(path: string, header: SessionHeader): Promise<RecordSink & { close(): Promise<void>; count(): number }> {
  const handle: FileHandle = await open(path, "w");
  await handle.write(encodeHeaderLine(header));
  let count = 0;
  return {
    async write(records) {
      let text = "";
      for (const r of records) text += lineFor(r);
      await handle.write(text);
      count += records.length;
    },
    count: () => count,
    close: () => handle.close(),
  };
}

/** One record's line; a record JSON cannot write (too deep) is written as its fallback, never dropped. */
function lineFor(record: Parameters<typeof encodeRecordLine>[0]): string {
  try {
    return encodeRecordLine(record);
  } catch (err) {
    return encodeRecordLine(fallbackRecord(record, err));
  }
}
