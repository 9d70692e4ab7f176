import type { SessionRecord } from "../session/record";

// Texts a user copies from a row: the event as JSON (what the client parsed), the raw frame (what
// came over the wire) and the whole record (with seq, time and exchange).

/** The event object, pretty-printed; for other records the record itself. */
export function eventJson(r: SessionRecord): string {
  return JSON.stringify(r.kind === "event" ? r.event : r, null, 2);
}

/** The frame's data text as received; an event without `raw` was exactly its JSON. */
export function rawFrame(r: SessionRecord): string | undefined {
  switch (r.kind) {
    case "event":
      return r.raw ?? JSON.stringify(r.event);
    case "bad-frame":
      return r.raw;
    case "comment":
      return `: ${r.text}`;
    default:
      return undefined;
  }
}

export function recordJson(r: SessionRecord): string {
  return JSON.stringify(r, null, 2);
}

/** RFC 6901 JSON Pointer for a path of keys and indexes: "/a~1b/0" for ["a/b", 0]. */
export function jsonPointer(path: readonly (string | number)[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}
