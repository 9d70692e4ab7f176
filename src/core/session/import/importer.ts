import type { SessionHeader } from "../record";
import { createArrayReader } from "./array";
import { detectFormat, type Detected } from "./detect";
import { createDevtoolsReader } from "./devtools";
import { readJsonDocument } from "./document";
import { createLineSplitter } from "./lines";
import { createNdjsonReader } from "./ndjson";
import { createRecordOut, type RecordOut } from "./out";
import { createSessionReader } from "./session";
import { createSseReader } from "./sse";
import { ImportError, type ImportFormat, type ImportOptions, type ImportProgress, type ImportResult } from "./types";

interface Active {
  format(): ImportFormat;
  feed(chunk: string): void;
  finish(): SessionHeader;
}

/** The reader for a detected format, fed text from then on. */
function open(detected: Detected, out: RecordOut, file: string | undefined, now: number): Active {
  switch (detected) {
    case "agui-inspector":
    case "ag-ui-devtools":
    case "ndjson": {
      const reader = detected === "agui-inspector" ? createSessionReader(out) : detected === "ag-ui-devtools" ? createDevtoolsReader(out, file, now) : createNdjsonReader(out, file, now);
      const lines = createLineSplitter(reader.line!);
      return { format: () => detected, feed: lines.feed, finish: () => (lines.end(), reader.finish()) };
    }
    case "sse": {
      const reader = createSseReader(out, file, now);
      return { format: reader.format, feed: reader.text!, finish: reader.finish };
    }
    case "har":
    case "json-document": {
      // One JSON document: read whole.
      const parts: string[] = [];
      // Stryker disable next-line StringLiteral: format() is asked only after finish(), which sets it
      let format: ImportFormat = "har";
      return {
        format: () => format,
        feed: (chunk) => void parts.push(chunk),
        finish: () => {
          const read = readJsonDocument(parts.join(""), out, file, now);
          format = read.format;
          return read.header;
        },
      };
    }
    case "json-array":
      return createArrayReader(out, file, now);
  }
}

/**
 * A push importer: feed text chunks in order, then end(). The format is detected from the
 * first line; from then on each chunk goes straight to that format's reader, so memory holds
 * the records, not the input (HAR, one JSON document, is the exception).
 */
export function createImporter(options: ImportOptions = {}) {
  const now = options.now ?? Date.now();
  const out = createRecordOut(options);
  const progress: ImportProgress = { bytes: 0, records: 0, errors: 0 };
  let head = "";
  let active: Active | undefined;

  function report(): ImportProgress {
    progress.records = out.count;
    progress.errors = out.errors.length;
    options.onProgress?.({ ...progress });
    return progress;
  }

  return {
    /** Lines that could not be read so far (a reader that stops early has no end()). */
    errors: () => out.errors,
    /** `bytes`: the chunk's size in the source, when the caller knows it (default: its UTF-8 length). */
    feed(chunk: string, bytes: number = utf8Length(chunk)): void {
      progress.bytes += bytes;
      if (!active) {
        head += chunk;
        const detected = detectFormat(head, false);
        if (!detected) return void report();
        active = open(detected, out, options.file, now);
        chunk = head.replace(/^\uFEFF/, "");
        // Stryker disable next-line StringLiteral: head is not read once a reader is active; this frees the text
        head = "";
      }
      active.feed(chunk);
      out.flush();
      report();
    },
    end(): ImportResult {
      if (!active) {
        active = open(detectFormat(head, true)!, out, options.file, now);
        active.feed(head.replace(/^\uFEFF/, ""));
      }
      const header = active.finish();
      out.flush();
      return { format: active.format(), header, records: out.records, errors: out.errors, progress: { ...report() } };
    },
  };
}

export type ImportInput = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> | ReadableStream<string | Uint8Array>;

/** Import from a stream of text or byte chunks: a File's `stream()`, a Node read stream, an array of strings. */
export async function importSession(input: ImportInput, options: ImportOptions = {}): Promise<ImportResult> {
  const importer = createImporter(options);
  const decoder = new TextDecoder();
  for await (const chunk of chunksOf(input)) {
    if (options.signal?.aborted) throw new ImportError("import cancelled");
    if (typeof chunk === "string") importer.feed(chunk);
    else importer.feed(decoder.decode(chunk, { stream: true }), chunk.byteLength);
  }
  const tail = decoder.decode();
  // Stryker disable next-line ConditionalExpression: feeding an empty tail changes nothing but one more progress report
  if (tail) importer.feed(tail, 0);
  return importer.end();
}

async function* chunksOf(input: ImportInput): AsyncGenerator<string | Uint8Array> {
  if (!("getReader" in input)) return yield* input;
  // A web ReadableStream, read through its reader: not every browser iterates it directly.
  const reader = input.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Import a whole text at once. */
export function importText(text: string, options: ImportOptions = {}): ImportResult {
  const importer = createImporter(options);
  importer.feed(text);
  return importer.end();
}

/** UTF-8 size of a string without encoding it. */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else {
      // Three bytes, or four for a surrogate pair (two UTF-16 units); a lone surrogate is written as U+FFFD, three.
      n += 2;
      const next = s.charCodeAt(i + 1);
      if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return n;
}
