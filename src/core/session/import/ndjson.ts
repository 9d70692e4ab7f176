import { importedHeader } from "./header";
import { createEventRecorder } from "./events";
import type { RecordOut } from "./out";
import type { FormatReader } from "./types";

/** One AG-UI event per line. A line that is not JSON is kept as a bad frame and reported by number. */
export function createNdjsonReader(out: RecordOut, file: string | undefined, now: number): FormatReader {
  const x = out.nextExchange();
  const events = createEventRecorder({ x }, (draft) => out.push(draft, now));
  return {
    line(text, lineNo) {
      // (a line opening with a printable ASCII character is not blank: no trim of every line)
      const first = text.charCodeAt(0);
      // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: the quick test only spares the trim; trim alone gives the same answer
      if (!(first > 32 && first < 127) && !text.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        const error = `invalid JSON: ${(err as Error).message}`;
        out.error(lineNo, error);
        events.bad(text, error);
        return;
      }
      // Stryker disable next-line BooleanLiteral: `parsed` only spares a short line the nesting walk, which finds nothing in it
      events.value(value, text, true);
    },
    finish() {
      out.push({ dir: "in", kind: "end", x, op: "run", outcome: "complete", frames: events.count() }, now);
      return importedHeader("ndjson", file);
    },
  };
}
