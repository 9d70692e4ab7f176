import type { IncomingMessage } from "node:http";

// The proxy's own CORS policy: an app served from a loopback origin (any port) may use it as its
// runtimeUrl; any other origin is refused before anything is forwarded or recorded.

export function isLoopbackHostname(name: string): boolean {
  const bare = name.replace(/^\[|\]$/g, "");
  return bare === "127.0.0.1" || bare === "localhost" || bare === "::1";
}

export function isLoopbackOrigin(origin: string): boolean {
  try {
    const u = new URL(origin);
    return (u.protocol === "http:" || u.protocol === "https:") && isLoopbackHostname(u.hostname);
  } catch {
    return false;
  }
}

export type CorsVerdict = { allowed: true; headers: Record<string, string> } | { allowed: false; reason: string };

/** Headers for a response to `req`; no Origin (curl, a server-side client) needs none. */
export function corsFor(req: IncomingMessage): CorsVerdict {
  const origin = req.headers.origin;
  if (origin === undefined) return { allowed: true, headers: {} };
  if (!isLoopbackOrigin(origin)) return { allowed: false, reason: `Origin ${origin} refused: the recording proxy answers loopback pages only.` };
  return {
    allowed: true,
    headers: {
      "access-control-allow-origin": origin,
      "access-control-allow-credentials": "true",
      "access-control-expose-headers": "*",
      vary: "Origin",
    },
  };
}

/** A preflight's answer: the methods and headers the page asked for, echoed (it is loopback). */
export function preflightHeaders(req: IncomingMessage, base: Record<string, string>): Record<string, string> {
  return {
    ...base,
    "access-control-allow-methods": String(req.headers["access-control-request-method"] ?? "GET, POST, PUT, PATCH, DELETE, OPTIONS"),
    "access-control-allow-headers": String(req.headers["access-control-request-headers"] ?? "*"),
    "access-control-max-age": "600",
  };
}
