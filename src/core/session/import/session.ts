import { parseSessionFile, SessionFileError } from "../file";
import type { SessionHeader, SessionRecord } from "../record";
import type { RecordOut } from "./out";
import { ImportError, type FormatReader } from "./types";

// This project's own files: the header checked by the codec's own rules, each record line
// checked for shape and kept exactly as written.

const KINDS = new Set(["request", "response", "event", "bad-frame", "comment", "end"]);

export function createSessionReader(out: RecordOut): FormatReader {
  let header: SessionHeader | undefined;
  let lastSeq = 0;
  return {
    line(text, lineNo) {
      if (!text.trim()) return;
      if (!header) {
        try {
          header = parseSessionFile(text).header;
        } catch (err) {
          throw new ImportError(err instanceof SessionFileError ? `line ${lineNo}: ${err.message.replace(/^line \d+: /, "")}` : String(err));
        }
        return;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        out.error(lineNo, `invalid JSON: ${(err as Error).message}`);
        return;
      }
      const problem = checkRecord(value, lastSeq);
      if (problem) {
        out.error(lineNo, problem);
        return;
      }
      lastSeq = (value as SessionRecord).seq;
      out.keep(value as SessionRecord);
    },
    finish() {
      // Stryker disable next-line ConditionalExpression,BooleanLiteral,StringLiteral: this reader is chosen only by a header line, which sets the header or throws
      if (!header) throw new ImportError("empty file: no session header");
      return header;
    },
  };
}

function checkRecord(value: unknown, lastSeq: number): string | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return "record is not a JSON object";
  const r = value as Partial<SessionRecord>;
  // Number.isInteger is false for anything that is no number.
  const seq = r.seq as number;
  if (!Number.isInteger(seq) || seq < 1) return "record has no valid seq";
  if (seq <= lastSeq) return `record ${r.seq}: seq must be above the previous record's ${lastSeq}`;
  if (r.dir !== "in" && r.dir !== "out") return `record ${r.seq}: dir must be "in" or "out"`;
  if (!KINDS.has(r.kind as string)) return `record ${r.seq}: unknown kind ${JSON.stringify(r.kind)}`;
  if (r.kind === "event" && typeof (r as { event?: { type?: unknown } }).event?.type !== "string") return `record ${r.seq}: event record without an event`;
  return null;
}
