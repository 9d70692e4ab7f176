// Request headers a browser's fetch() will not send (the Fetch standard's forbidden request
// headers). The page must not claim it sent them: they are left out of the request and of its
// record, and the headers editor says so. The CLI sends them as typed.

const FORBIDDEN = new Set([
  "accept-charset", "accept-encoding", "access-control-request-headers", "access-control-request-method",
  "connection", "content-length", "cookie", "cookie2", "date", "dnt", "expect", "host", "keep-alive",
  "origin", "referer", "set-cookie", "te", "trailer", "transfer-encoding", "upgrade", "via",
]);

export function browserCannotSend(name: string): boolean {
  const n = name.trim().toLowerCase();
  return FORBIDDEN.has(n) || n.startsWith("proxy-") || n.startsWith("sec-");
}
