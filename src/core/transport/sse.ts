import { createParser, type EventSourceMessage } from "eventsource-parser";

export interface SseFrame {
  data: string;
  event?: string;
  id?: string;
}

export interface SseSink {
  frame(frame: SseFrame): void;
  comment(text: string): void;
}

/**
 * Incremental SSE decoding with eventsource-parser: CRLF, comments, event/id fields and
 * multi-line data as the spec defines them. Feed decoded text; call end() when the body ends.
 */
export function createSseDecoder(sink: SseSink) {
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      const frame: SseFrame = { data: message.data };
      if (message.event !== undefined) frame.event = message.event;
      if (message.id !== undefined) frame.id = message.id;
      sink.frame(frame);
    },
    onComment(comment: string) {
      sink.comment(comment);
    },
  });
  return {
    feed(text: string) {
      parser.feed(text);
    },
    /** A final frame without its blank line still counts: the bytes arrived. */
    end() {
      parser.reset({ consume: true });
    },
  };
}
