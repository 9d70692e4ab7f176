import type { IncomingMessage, ServerResponse } from "node:http";
import { isLoopbackOrigin, normalizeOrigin } from "./loopback";

// CORS and body limits for `serve` (the mock runtime). A page on a loopback port (the dev
// frontend) or an origin the user named may call it; any other site may not read its answers.
// Preflights allow the headers CopilotKit clients send, not whatever is asked for.

/** Request headers a CopilotKit / AG-UI client sends (lower case). */
export const ALLOWED_HEADERS = ["content-type", "accept", "authorization", "x-copilotkit-runtime-client-gql-version", "x-copilotcloud-public-api-key", "x-copilotcloud-public-license-key", "x-copilotkit-request-id", "x-api-key"];
const ALLOW_METHODS = "GET, HEAD, POST, OPTIONS";

/** Default cap on a request body: a RunAgentInput with a long conversation fits easily. */
export const DEFAULT_MAX_BODY = 8 * 1024 * 1024;

export interface CorsPolicy {
  /** Extra origins (besides loopback) allowed to read answers, e.g. "https://app.example.com". */
  origins?: readonly string[];
}

export function corsAllows(origin: string, policy: CorsPolicy = {}): boolean {
  if (isLoopbackOrigin(origin)) return true;
  const o = normalizeOrigin(origin);
  // Stryker disable next-line ArrayDeclaration: an entry that is no origin normalises to null, which never equals o
  return !!o && (policy.origins ?? []).some((allowed) => normalizeOrigin(allowed) === o);
}

/**
 * Sets the CORS answer headers for an allowed Origin. Returns true when the request is done:
 * a preflight was answered, or a foreign origin was refused (403, nothing else runs for it).
 */
export function handleCors(req: IncomingMessage, res: ServerResponse, policy: CorsPolicy = {}): boolean {
  const origin = req.headers.origin;
  res.setHeader("vary", "Origin");
  if (origin === undefined) return false;
  if (!corsAllows(origin, policy)) {
    res.writeHead(403, { "content-type": "application/json" }).end(JSON.stringify({ error: "Origin refused", message: `${origin} may not call this mock runtime: loopback origins only, or pass --cors-origin ${origin}.` }));
    return true;
  }
  res.setHeader("access-control-allow-origin", origin);
  // Stryker disable next-line StringLiteral: a request Node's server hands over always has a method
  if ((req.method ?? "").toUpperCase() !== "OPTIONS") return false;
  const asked = String(req.headers["access-control-request-headers"] ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const refused = asked.filter((h) => !ALLOWED_HEADERS.includes(h));
  res.writeHead(204, {
    "access-control-allow-methods": ALLOW_METHODS,
    // Only the known headers; a preflight asking for others fails in the browser.
    "access-control-allow-headers": ALLOWED_HEADERS.join(", "),
    "access-control-max-age": "600",
    ...(refused.length ? { "x-refused-headers": refused.join(", ") } : {}),
  });
  res.end();
  // Stryker disable next-line BooleanLiteral: every route refuses OPTIONS before it acts, and its refusal cannot be sent after this 204
  return true;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body is larger than ${limit} bytes`);
  }
}

/** The request body as text, or BodyTooLargeError once it passes `limit` (the rest is not read). */
export async function readBodyText(req: IncomingMessage, limit = DEFAULT_MAX_BODY): Promise<string> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** 413 and close the connection, so the client stops sending the rest. */
export function tooLarge(res: ServerResponse, err: BodyTooLargeError): void {
  res.writeHead(413, { "content-type": "application/json", connection: "close" }).end(JSON.stringify({ error: "Payload too large", message: `${err.message}; pass --max-body <bytes> to allow more.` }));
}
