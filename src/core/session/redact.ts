// Secrets never reach storage or exports. Names decide first: a header, JSON key (at any depth)
// or query parameter whose name looks secret has its value replaced; the name is kept so the
// user sees that something was sent. Values decide second (redact-values.ts): what was sent
// under a secret name is then scrubbed wherever it shows up again — an echo in a response,
// an event, an error text.

export const REDACTED = "[redacted]";

/**
 * Secret-looking names, case-insensitive, anywhere in the name: `myPassword`, `X-My-Token`,
 * `client_secret`, `openaiApiKey`. Token counts (`maxTokens`, `token_usage`) are not secrets.
 */
const SECRET_NAME = /authorization|cookie|passw(or)?d|passphrase|secret|token|api[-_]?key|private[-_]?key|credential|session[-_]?(id|key)|bearer|signature|x-copilotcloud-public-(api|license)-key/i;
const NOT_SECRET_TOKEN = /tokens\b|tokens$|tokens_|tokens?[-_]?(count|usage|limit|budget|type|ize)/gi;
/** Case-sensitive: camelCase counts (`tokensUsed`, `maxTokensPerRun`), not `tokensecret`. */
const CAMEL_TOKEN_COUNT = /[Tt]okens(?=[A-Z0-9])/g;
/** Query parameters that are secrets by convention even with short names. */
const SECRET_QUERY_ONLY = /^(key|auth|sig|code|pwd|pass)$/i;

export function isSecretName(name: string): boolean {
  // Stryker disable next-line ConditionalExpression: a quick exit; a name with no secret word keeps none once counts are taken out
  if (!SECRET_NAME.test(name)) return false;
  // "maxTokens" is a number of tokens; "accessToken" or "tokenizerSecret" still are secrets.
  // A count is cut out: the words either side of it join, so `api_tokens_key` is still an API key.
  const stripped = name.replace(NOT_SECRET_TOKEN, "").replace(CAMEL_TOKEN_COUNT, "");
  return SECRET_NAME.test(stripped);
}

export function isSecretHeader(name: string): boolean {
  return isSecretName(name);
}

export function isSecretQueryParam(name: string): boolean {
  return isSecretName(name) || SECRET_QUERY_ONLY.test(name);
}

export function redactHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [name, value] of Object.entries(headers)) {
    out[name] = isSecretHeader(name) ? REDACTED : value;
  }
  return out;
}

/**
 * Deep copy of a JSON value with the values under secret-looking keys replaced, at any depth
 * (an explicit stack: a deeply nested body cannot overflow it). Empty values stay as they are.
 */
export function redactJson<T>(value: T): T {
  // Stryker disable next-line LogicalOperator,ConditionalExpression: a quick exit; the walk below hands a primitive back as it is
  if (value === null || typeof value !== "object") return value;
  // Stryker disable next-line ObjectLiteral: the walk writes root.v before it is read
  const root: { v: unknown } = { v: undefined };
  const stack: [unknown, Record<string, unknown> | unknown[], string | number][] = [[value, root as unknown as Record<string, unknown>, "v"]];
  while (stack.length) {
    const [src, parent, key] = stack.pop()!;
    if (src === null || typeof src !== "object") {
      (parent as Record<string, unknown>)[key as string] = src;
      continue;
    }
    if (Array.isArray(src)) {
      // Stryker disable next-line ArrayDeclaration: presizing only; every index is written below
      const arr: unknown[] = new Array(src.length);
      (parent as Record<string, unknown>)[key as string] = arr;
      for (let i = 0; i < src.length; i++) stack.push([src[i], arr, i]);
      continue;
    }
    const obj: Record<string, unknown> = {};
    (parent as Record<string, unknown>)[key as string] = obj;
    for (const [k, v] of Object.entries(src as Record<string, unknown>)) {
      if (isSecretName(k) && v !== null && v !== undefined && v !== "") {
        // defineProperty: a "__proto__" key stays an own key of the copy
        Object.defineProperty(obj, k, { value: REDACTED, enumerable: true, writable: true, configurable: true });
      } else {
        Object.defineProperty(obj, k, { value: undefined, enumerable: true, writable: true, configurable: true });
        stack.push([v, obj, k]);
      }
    }
  }
  return root.v as T;
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
    if (isSecretQueryParam(key)) {
      parsed.searchParams.set(key, REDACTED);
      changed = true;
    }
  }
  return changed ? parsed.toString() : url;
}

/** Free text (a session name, a message) with every URL in it passed through redactUrl. */
export function redactUrlsIn(text: string): string {
  return text.replace(/\bhttps?:\/\/[^\s"'<>]+/g, (url) => redactUrl(url));
}
