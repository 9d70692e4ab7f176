// The part of a HAR 1.2 entry the observer reads. chrome.devtools.network hands these over
// (onRequestFinished, getHAR); the response body comes separately, from getContent.

export interface HarHeader {
  name: string;
  value: string;
}

export interface HarEntryLike {
  /** ISO time the request started; with method, URL and body it identifies the request. */
  startedDateTime: string;
  /** Total ms from start to the last byte. */
  time?: number;
  request: {
    method: string;
    url: string;
    headers?: HarHeader[];
    postData?: { mimeType?: string; text?: string };
  };
  response: {
    status: number;
    headers?: HarHeader[];
    content?: { mimeType?: string; size?: number; text?: string; encoding?: string };
    /** Chrome's reason for a failed request (e.g. "net::ERR_ABORTED"). */
    _error?: string | null;
  };
  timings?: Partial<Record<"blocked" | "dns" | "connect" | "ssl" | "send" | "wait" | "receive", number>>;
}

/** A response body as getContent gives it: text, or base64 for binary types; null when DevTools kept none. */
export interface HarContent {
  text: string | null;
  encoding?: string;
}

export function headerValue(headers: HarHeader[] | undefined, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers?.find((h) => h.name.toLowerCase() === lower)?.value;
}

/** HAR header rows as a record; HTTP/2 pseudo-headers (":authority") are not headers anyone sent. */
export function headerRecord(headers: HarHeader[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of headers ?? []) {
    if (h.name.startsWith(":")) continue;
    const name = h.name.toLowerCase();
    out[name] = out[name] === undefined ? h.value : `${out[name]}, ${h.value}`;
  }
  return out;
}
