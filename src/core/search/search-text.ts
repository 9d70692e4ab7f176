import type { SessionRecord } from "../session/record";

// The text a timeline search looks in, one record at a time. The search and the per-chunk text
// index (text-grams.ts) both read it from here, so the index holds every piece of text a search
// can match.

/** Text a search looks in: the event type and its JSON, or the raw frame. */
export function searchText(r: SessionRecord): string {
  switch (r.kind) {
    case "event":
      return r.raw ?? JSON.stringify(r.event);
    case "bad-frame":
      return `${r.error} ${r.raw}`;
    case "request":
      return `${r.method} ${r.op} ${r.url} ${r.body === undefined ? "" : JSON.stringify(r.body)}`;
    case "response":
      return `${r.status} ${r.op} ${r.body === undefined ? r.text ?? "" : JSON.stringify(r.body)}`;
    case "comment":
      return r.text;
    case "end":
      return `${r.op} ${r.outcome} ${r.error ?? ""}`;
  }
}

/** A search's needle as it is matched: trimmed, lowercased (the record's text is lowercased the same way). */
export function searchNeedle(text: string): string {
  return text.trim().toLowerCase();
}
