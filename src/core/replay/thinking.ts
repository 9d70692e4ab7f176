import type { AguiEvent } from "../protocol/events";

// Deprecated THINKING_* events become their REASONING_* equivalents, as the 1.0.0 client's
// compatibility boundary converts them (0.0.59 dropped them, so the text was lost). The
// client mints random ids; ours derive from the record's seq so a seek folds to the same ids.

export interface ThinkingIds {
  span: string | null;
  message: string | null;
}

export function newThinkingIds(): ThinkingIds {
  return { span: null, message: null };
}

export function isThinking(type: string): boolean {
  return type.startsWith("THINKING_");
}

export function translateThinking(event: AguiEvent, ids: ThinkingIds, seq: number): AguiEvent {
  switch (event.type) {
    case "THINKING_START": {
      ids.span = `thinking-span-${seq}`;
      const { title: _title, ...rest } = event;
      return { ...rest, type: "REASONING_START", messageId: ids.span };
    }
    case "THINKING_TEXT_MESSAGE_START":
      ids.message = `thinking-${seq}`;
      return { ...event, type: "REASONING_MESSAGE_START", messageId: ids.message, role: "reasoning" };
    case "THINKING_TEXT_MESSAGE_CONTENT":
      return { ...event, type: "REASONING_MESSAGE_CONTENT", messageId: ids.message ?? orphan(seq) };
    case "THINKING_TEXT_MESSAGE_END": {
      const messageId = ids.message ?? orphan(seq);
      ids.message = null;
      return { ...event, type: "REASONING_MESSAGE_END", messageId };
    }
    case "THINKING_END": {
      const messageId = ids.span ?? orphan(seq);
      ids.span = null;
      return { ...event, type: "REASONING_END", messageId };
    }
    default:
      return event;
  }
}

/** A continuation with no opener names nothing; the verifier then reports it as not open. */
function orphan(seq: number): string {
  return `thinking-orphan-${seq}`;
}
