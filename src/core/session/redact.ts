// Secrets never reach storage or exports. Headers are redacted by name; JSON bodies by key;
// URLs by query parameter name. The value is replaced, the key is kept so the user sees that
// something was sent.

export const REDACTED = "[redacted]";

const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|x-auth-token|x-access-token|x-copilotcloud-public-api-key|x-copilotcloud-public-license-key)$|api[-_]?key|secret|token|password|session/i;

const SECRET_KEY = /^(authorization|cookie|password|passwd|secret|client_?secret|api_?key|apikey|x-api-key|access_?token|refresh_?token|id_?token|bearer|private_?key)$/i;

const SECRET_QUERY = /^(api[-_]?key|key|token|access_token|auth|secret|password|sig|signature)$/i;

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER.test(name);
}

export function redactHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [name, value] of Object.entries(headers)) {
    out[name] = isSecretHeader(name) ? REDACTED : value;
  }
  return out;
}

/** Deep copy of a JSON value with secret-looking keys' values replaced. */
export function redactJson<T>(value: T): T {
  return redactValue(value, 0) as T;
}

function redactValue(value: unknown, depth: number): unknown {
  if (depth > 64 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined && v !== "" ? REDACTED : redactValue(v, depth + 1);
  }
  return out;
}

export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  if (parsed.username || parsed.password) {
    parsed.username = parsed.username ? REDACTED : "";
    parsed.password = parsed.password ? REDACTED : "";
    changed = true;
  }
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_QUERY.test(key)) {
      parsed.searchParams.set(key, REDACTED);
      changed = true;
    }
  }
  return changed ? parsed.toString() : url;
}
