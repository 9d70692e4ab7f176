import { ImportError, importText } from "../core/session/import";
import type { SessionHeader, SessionRecord } from "../core/session/record";
import type { CliIO } from "./io";

export interface LoadedRecording {
  header: SessionHeader;
  records: SessionRecord[];
}

/** Any file the importer reads; a string is why it could not be used (nothing is half-read silently). */
export async function loadRecording(path: string, io: CliIO): Promise<LoadedRecording | string> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (err) {
    return `cannot read ${path}: ${(err as Error).message}`;
  }
  try {
    const loaded = importText(text, { file: path });
    if (loaded.errors.length) {
      const lines = loaded.errors.slice(0, 3).map((e) => `line ${e.line}: ${e.error}`).join("; ");
      return `${path} has ${loaded.errors.length} unreadable line(s): ${lines}`;
    }
    return { header: loaded.header, records: loaded.records };
  } catch (err) {
    return `${path}: ${err instanceof ImportError ? err.message : (err as Error).message}`;
  }
}
