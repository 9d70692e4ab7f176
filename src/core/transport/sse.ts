import { createParser, type EventSourceMessage } from "eventsource-parser";
import { RAW_CAP } from "../protocol/limits";

export interface SseFrame {
  data: string;
  event?: string;
  id?: string;
}

/** The bytes of a frame the body ended inside of: no blank line after it, maybe not even a line end. */
export interface UnterminatedFrame {
  /** The frame's wire text (its lines joined with `\n`), cut at RAW_CAP characters. */
  raw: string;
  /** Length of the whole wire text, in characters. */
  length: number;
  /** Its fields, when it had at least one `data:` line (what an AG-UI client would decode). */
  frame?: SseFrame;
  /** True when the last line had no line end either (the body stopped mid-line). */
  midLine: boolean;
}

export interface SseSink {
  frame(frame: SseFrame): void;
  comment(text: string): void;
  /** The body ended inside a frame; called at most once, from end(). */
  unterminated?(partial: UnterminatedFrame): void;
}

type Out = { kind: "frame"; frame: SseFrame } | { kind: "comment"; text: string };

/**
 * Incremental SSE decoding. Lines are split here — CR, LF and CRLF all end a line, a CR at
 * the end of one chunk and an LF at the start of the next being one line end — and handed to
 * eventsource-parser as whole LF-ended lines for the field rules (data/event/id, comments,
 * multi-line data). eventsource-parser alone holds a trailing CR back waiting for an
 * LF and drops it at the end, which loses the last frame of a CR-only stream. Splitting here
 * also tells which bytes belong to an unfinished frame, so end() can hand them over instead of
 * letting them vanish.
 */
export function createSseDecoder(sink: SseSink) {
  // The parser's callbacks only queue: the sink runs after the parser has reset its own state,
  // so a sink that throws cannot leave half a frame behind in the parser.
  const out: Out[] = [];
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      const frame: SseFrame = { data: message.data };
      if (message.event !== undefined) frame.event = message.event;
      if (message.id !== undefined) frame.id = message.id;
      out.push({ kind: "frame", frame });
    },
    onComment(text: string) {
      out.push({ kind: "comment", text });
    },
  });

  let first = true;
  let skipLf = false;
  let tail: string[] = [];
  // Wire text of the frame being read (lines since the last blank line), capped.
  let pending: string[] = [];
  let pendingKept = 0;
  let pendingLength = 0;
  let pendingHasField = false;

  function keep(line: string) {
    const sep = pendingLength > 0 ? 1 : 0;
    pendingLength += sep + line.length;
    if (pendingKept < RAW_CAP) {
      const piece = (sep ? "\n" : "") + line;
      const room = RAW_CAP - pendingKept;
      pending.push(piece.length > room ? piece.slice(0, room) : piece);
      pendingKept += Math.min(piece.length, room);
    }
  }

  /** Bookkeeping for one complete line: which bytes belong to the frame not yet ended. */
  function track(text: string) {
    if (text.length === 0) {
      pending = [];
      pendingKept = pendingLength = 0;
      pendingHasField = false;
      return;
    }
    keep(text);
    if (text.charCodeAt(0) !== 58 /* ":" */) pendingHasField = true;
  }

  function deliver() {
    // Each item reaches the sink once, in order, even if the sink throws on one of them.
    const items = out.splice(0);
    let failure: { err: unknown } | undefined;
    for (const o of items) {
      try {
        if (o.kind === "frame") sink.frame(o.frame);
        else sink.comment(o.text);
      } catch (err) {
        failure ??= { err };
      }
    }
    if (failure) throw failure.err;
  }

  return {
    feed(text: string) {
      if (text.length === 0) return;
      if (first) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (skipLf && text.length > 0) {
        skipLf = false;
        if (text.charCodeAt(0) === 10) text = text.slice(1);
      }
      const lastEnd = Math.max(text.lastIndexOf("\n"), text.lastIndexOf("\r"));
      if (lastEnd === -1) {
        tail.push(text);
        return;
      }
      tail.push(text.slice(0, lastEnd + 1));
      const complete = tail.length === 1 ? tail[0] : tail.join("");
      tail = lastEnd + 1 < text.length ? [text.slice(lastEnd + 1)] : [];
      if (text.charCodeAt(lastEnd) === 13 && lastEnd === text.length - 1) skipLf = true;
      const lines = complete.split(/\r\n|\r|\n/);
      lines.pop(); // complete ends with a line end: the last piece is empty
      // Only the last frame's lines can be pending; walk back to the last blank line.
      let from = lines.length;
      while (from > 0 && lines[from - 1].length > 0) from--;
      if (from > 0) track("");
      for (let i = from; i < lines.length; i++) track(lines[i]);
      // The parser gets the same lines with LF ends, in one call.
      try {
        parser.feed(complete.indexOf("\r") === -1 ? complete : lines.join("\n") + "\n");
      } finally {
        deliver();
      }
    },
    /** The body ended (or was cut): what is left of an unfinished frame goes to the sink, never nowhere. */
    end() {
      const rest = tail.join("");
      tail = [];
      const midLine = rest.length > 0;
      if (midLine) {
        track(rest);
        parser.feed(rest + "\n");
      }
      deliver();
      if (!pendingHasField) {
        parser.reset();
        return;
      }
      const partial: UnterminatedFrame = { raw: pending.join(""), length: pendingLength, midLine };
      // A blank line makes the parser give up the frame's fields, if it had data.
      parser.feed("\n");
      const last = out.pop();
      out.length = 0;
      if (last?.kind === "frame") partial.frame = last.frame;
      pending = [];
      pendingKept = pendingLength = 0;
      pendingHasField = false;
      parser.reset();
      sink.unterminated?.(partial);
    },
  };
}
