import { createCopilotKitInspectorReader, isCopilotKitInspectorEvent } from "./copilotkit-inspector";
import { detectFormat, type Detected } from "./detect";
import { createDevtoolsReader } from "./devtools";
import { readHar } from "./har";
import { createJsonArraySplitter } from "./json-array";
import { createJsonEventsReader } from "./json-events";
import { createLineSplitter } from "./lines";
import { createNdjsonReader } from "./ndjson";
import { createRecordOut } from "./out";
import { createSessionReader } from "./session";
import { createSseReader } from "./sse";
import type { FormatReader, ImportFormat, ImportOptions, ImportProgress, ImportResult } from "./types";

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
  let format: ImportFormat | undefined;
  let feedText: ((chunk: string) => void) | undefined;
  let endText: (() => FormatReader) | undefined;

  function start(detected: Detected): void {
    switch (detected) {
      case "agui-inspector":
      case "ag-ui-devtools":
      case "ndjson": {
        format = detected;
        const reader =
          detected === "agui-inspector" ? createSessionReader(out) : detected === "ag-ui-devtools" ? createDevtoolsReader(out, options.file, now) : createNdjsonReader(out, options.file, now);
        const lines = createLineSplitter(reader.line!);
        feedText = lines.feed;
        endText = () => (lines.end(), reader);
        return;
      }
      case "sse": {
        format = "sse";
        const reader = createSseReader(out, options.file, now);
        feedText = reader.text!;
        endText = () => reader;
        return;
      }
      case "har":
      case "json-document": {
        format = "har";
        const parts: string[] = [];
        feedText = (chunk) => void parts.push(chunk);
        endText = () => ({ finish: () => readHar(parts.join(""), out, options.file) });
        return;
      }
      case "json-array":
        return startArray();
    }
  }

  /** An array is the CopilotKit inspector's export or plain events: its first readable element says which. */
  function startArray(): void {
    format = "json-events";
    let reader: ReturnType<typeof createJsonEventsReader> | ReturnType<typeof createCopilotKitInspectorReader> | undefined;
    const undecided: { text: string; error: string; line: number }[] = [];
    const decide = (value: unknown) => {
      if (isCopilotKitInspectorEvent(value)) {
        format = "copilotkit-inspector";
        const ck = createCopilotKitInspectorReader(out, options.file, now);
        for (const b of undecided) out.error(b.line, b.error);
        return ck;
      }
      const events = createJsonEventsReader(out, options.file, now);
      for (const b of undecided) {
        out.error(b.line, b.error);
        events.broken(b.text, b.error);
      }
      return events;
    };
    const splitter = createJsonArraySplitter({
      element(text, line) {
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (err) {
          const error = `invalid JSON: ${(err as Error).message}`;
          if (!reader) undecided.push({ text, error, line });
          else {
            out.error(line, error);
            if ("broken" in reader) reader.broken(text, error);
          }
          return;
        }
        reader ??= decide(value);
        reader.element(value, text, line);
      },
      error: (line, message) => out.error(line, message),
    });
    feedText = splitter.feed;
    endText = () => {
      splitter.end();
      return (reader ??= decide(undefined));
    };
  }

  function report(): ImportProgress {
    progress.records = out.count;
    progress.errors = out.errors.length;
    options.onProgress?.({ ...progress });
    return progress;
  }

  return {
    /** `bytes`: the chunk's size in the source, when the caller knows it (default: its UTF-8 length). */
    feed(chunk: string, bytes: number = utf8Length(chunk)): void {
      progress.bytes += bytes;
      if (!feedText) {
        head += chunk;
        const detected = detectFormat(head, false);
        if (!detected) return void report();
        start(detected);
        chunk = head;
        head = "";
      }
      feedText!(chunk);
      out.flush();
      report();
    },
    end(): ImportResult {
      if (!feedText) {
        start(detectFormat(head, true)!);
        feedText!(head);
      }
      const header = endText!().finish();
      out.flush();
      return { format: format!, header, records: out.records, errors: out.errors, progress: { ...report() } };
    },
  };
}

/** Import from a stream of text or byte chunks (a File's stream, a Node read stream). */
export async function importSession(chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, options: ImportOptions = {}): Promise<ImportResult> {
  const importer = createImporter(options);
  const decoder = new TextDecoder();
  for await (const chunk of chunks) {
    if (typeof chunk === "string") importer.feed(chunk);
    else importer.feed(decoder.decode(chunk, { stream: true }), chunk.byteLength);
  }
  const tail = decoder.decode();
  if (tail) importer.feed(tail, 0);
  return importer.end();
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
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}
