import { createFrameRecorder } from "../../transport/frames";
import { createSseDecoder } from "../../transport/sse";
import { importedHeader } from "./header";
import type { RecordOut } from "./out";
import type { FormatReader } from "./types";

/** A raw `text/event-stream` capture, streamed through the same frame recorder as live runs. */
export function createSseReader(out: RecordOut, file: string | undefined, now: number): FormatReader {
  const x = out.nextExchange();
  const frames = createFrameRecorder({ x }, (draft) => out.push(draft, now));
  const decoder = createSseDecoder({ frame: frames.sse, comment: frames.comment, unterminated: frames.unterminated });
  return {
    text(chunk) {
      decoder.feed(chunk);
    },
    finish() {
      decoder.end();
      // The capture ended here; whether its run finished is for the replay to judge.
      const t = frames.tally();
      out.push({ dir: "in", kind: "end", x, op: "run", outcome: "complete", frames: t.frames, ...(t.bad ? { badFrames: t.bad } : {}), ...(t.unterminated ? { unterminated: true as const } : {}) }, now);
      return importedHeader("sse", file);
    },
  };
}
