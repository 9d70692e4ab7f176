import type { SessionHeader } from "../record";
import { createCopilotKitInspectorReader, isCopilotKitInspectorEvent } from "./copilotkit-inspector";
import { createJsonArraySplitter } from "./json-array";
import { createJsonEventsReader } from "./json-events";
import type { RecordOut } from "./out";
import type { ImportFormat } from "./types";

/**
 * A top-level JSON array: the CopilotKit inspector's export or plain events, decided by its
 * first readable element. Elements that are not JSON are reported by line; as plain events
 * they are also kept as bad frames.
 */
export function createArrayReader(out: RecordOut, file: string | undefined, now: number) {
  let format: ImportFormat = "json-events";
  let reader: ReturnType<typeof createJsonEventsReader> | ReturnType<typeof createCopilotKitInspectorReader> | undefined;
  const undecided: { text: string; error: string; line: number }[] = [];

  const decide = (value: unknown) => {
    if (isCopilotKitInspectorEvent(value)) {
      format = "copilotkit-inspector";
      for (const b of undecided) out.error(b.line, b.error);
      return createCopilotKitInspectorReader(out, file, now);
    }
    const events = createJsonEventsReader(out, file, now);
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

  return {
    format: () => format,
    feed: splitter.feed,
    finish(): SessionHeader {
      splitter.end();
      return (reader ??= decide(undefined)).finish();
    },
  };
}
