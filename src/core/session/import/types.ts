import type { SessionHeader, SessionRecord } from "../record";
import type { LineError } from "../file";

/** Every input the importer recognises, named by what wrote it. */
export type ImportFormat =
  | "agui-inspector"
  | "ndjson"
  | "json-events"
  | "sse"
  | "debug-feed"
  | "har"
  | "ag-ui-devtools"
  | "copilotkit-inspector";

export interface ImportProgress {
  /** Input consumed so far, in UTF-8 bytes. */
  bytes: number;
  records: number;
  errors: number;
}

export interface ImportOptions {
  /** File name, kept in the header's `source`. */
  file?: string;
  /** Called after every chunk and once at the end. */
  onProgress?: (progress: ImportProgress) => void;
  /** Records as they are built, in seq order, in batches. */
  onRecords?: (batch: SessionRecord[]) => void;
  /** Keep the records in the result (default true); turn off when onRecords stores them. */
  keepRecords?: boolean;
  /** Epoch ms given to records whose source has no time (raw SSE, NDJSON). Default: now. */
  now?: number;
  /** Stops a streaming import between chunks (it rejects with an ImportError). */
  signal?: AbortSignal;
}

export interface ImportResult {
  format: ImportFormat;
  header: SessionHeader;
  records: SessionRecord[];
  /** Parts of the input that could not be read; everything else was imported. */
  errors: LineError[];
  progress: ImportProgress;
}

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportError";
  }
}

/**
 * One format's reader. Lines arrive with their 1-based number; `text` gets raw chunks for
 * formats that are not line-based. `finish` returns the header (known only at the end for some).
 */
export interface FormatReader {
  line?(text: string, lineNo: number): void;
  text?(chunk: string): void;
  finish(): SessionHeader;
}
