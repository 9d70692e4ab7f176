import { REDACTED, isSecretName, isSecretQueryParam } from "./redact";

// Redaction by value. Everything the inspector sent under a secret name (header values, URL
// credentials, secret query values, body values under secret keys) is remembered for the
// session, and every later text that contains one of them — an echoed input, a 401 body that
// repeats the headers, an error message quoting the URL — has it replaced. Short values are
// not searched for (they would match ordinary text); their names still redact them.

export const MIN_SECRET_LENGTH = 4;

export interface SecretValues {
  /** Remember one secret value (and the forms it takes when echoed: JSON-escaped, URL-encoded). */
  add(value: string): void;
  /** Remember the secrets of a request the inspector is about to send. */
  learn(request: { url?: string; headers?: Record<string, string>; body?: unknown }): void;
  size(): number;
  /** The text with every known secret replaced by [redacted]. */
  text(s: string): string;
  /** A deep copy with every string scrubbed; the same value when nothing was found. */
  value<T>(v: T): T;
  /** True when the text holds a known secret. */
  found(s: string): boolean;
}

export function createSecretValues(): SecretValues {
  // Longest first, so a value containing another is replaced whole.
  let needles: string[] = [];
  const known = new Set<string>();

  function add(value: string) {
    if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH || value === REDACTED || known.has(value)) return;
    known.add(value);
    const forms = new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value), encodeURIComponent(value).replace(/%20/g, "+")]);
    needles = [...new Set([...needles, ...forms])].filter((n) => n.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  }

  function found(s: string): boolean {
    for (const n of needles) if (s.includes(n)) return true;
    return false;
  }

  function text(s: string): string {
    if (!needles.length || typeof s !== "string") return s;
    let out = s;
    for (const n of needles) if (out.includes(n)) out = out.split(n).join(REDACTED);
    return out;
  }

  /** Whether any string or key inside holds a known secret; walks without copying. */
  function holds(v: unknown): boolean {
    const stack: unknown[] = [v];
    while (stack.length) {
      const node = stack.pop();
      if (typeof node === "string") {
        if (found(node)) return true;
      } else if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) stack.push(node[i]);
        // Stryker disable next-line LogicalOperator: `||` lets null and primitives into a for-in that visits nothing
      } else if (node !== null && typeof node === "object") {
        for (const k in node) {
          if (!Object.prototype.hasOwnProperty.call(node, k)) continue;
          if (found(k)) return true;
          stack.push((node as Record<string, unknown>)[k]);
        }
      }
    }
    // Stryker disable next-line BooleanLiteral: `true` only makes value() build a copy, which it drops when nothing was replaced
    return false;
  }

  function value<T>(v: T): T {
    if (!needles.length) return v;
    if (typeof v === "string") return text(v) as T;
    if (v === null || typeof v !== "object") return v;
    // Most records hold no secret: find that out without building a copy of each.
    if (!holds(v)) return v;
    // Stryker disable next-line BooleanLiteral: only reached once holds() found a secret, which the walk then replaces
    let changed = false;
    // Stryker disable next-line ObjectLiteral: root.v is written before it is read
    const root: { v: unknown } = { v: undefined };
    const stack: [unknown, Record<string | number, unknown>, string | number][] = [[v, root as Record<string, unknown>, "v"]];
    while (stack.length) {
      const [src, parent, key] = stack.pop()!;
      if (typeof src === "string") {
        const t = text(src);
        if (t !== src) changed = true;
        parent[key] = t;
      } else if (src === null || typeof src !== "object") {
        parent[key] = src;
      } else if (Array.isArray(src)) {
        // Stryker disable next-line ArrayDeclaration: presizing only; every index is written below
        const arr: unknown[] = new Array(src.length);
        parent[key] = arr;
        for (let i = 0; i < src.length; i++) stack.push([src[i], arr as unknown as Record<number, unknown>, i]);
      } else {
        const obj: Record<string, unknown> = {};
        parent[key] = obj;
        for (const [k, child] of Object.entries(src as Record<string, unknown>)) {
          const name = text(k);
          if (name !== k) changed = true;
          Object.defineProperty(obj, name, { value: undefined, enumerable: true, writable: true, configurable: true });
          stack.push([child, obj, name]);
        }
      }
    }
    return changed ? (root.v as T) : v;
  }

  function learn(request: { url?: string; headers?: Record<string, string>; body?: unknown }) {
    if (request.url) for (const s of urlSecrets(request.url)) add(s);
    for (const [name, v] of Object.entries(request.headers ?? {})) if (isSecretName(name)) for (const s of headerSecrets(name, v)) add(s);
    if (request.body !== undefined) for (const s of bodySecrets(request.body)) add(s);
  }

  return { add, learn, size: () => known.size, text, value, found };
}

/** A header value and the credential inside it: "Bearer abc" → abc; Basic → user:pass and pass; cookies → each value. */
export function headerSecrets(name: string, value: string): string[] {
  const out = [value];
  const scheme = /^\s*(bearer|basic|token|digest|apikey|key)\s+(.+)$/i.exec(value);
  if (scheme) {
    out.push(scheme[2].trim());
    if (scheme[1].toLowerCase() === "basic") {
      const decoded = decodeBase64(scheme[2].trim());
      if (decoded) out.push(decoded, decoded.slice(decoded.indexOf(":") + 1));
    }
  }
  if (/cookie/i.test(name)) for (const part of value.split(";")) out.push(part.slice(part.indexOf("=") + 1).trim());
  return out;
}

export function urlSecrets(url: string): string[] {
  const out: string[] = [];
  try {
    const u = new URL(url);
    if (u.username) out.push(decodeURIComponent(u.username));
    if (u.password) out.push(decodeURIComponent(u.password));
    for (const [k, v] of u.searchParams) if (isSecretQueryParam(k)) out.push(v);
  } catch {
    // not a URL: nothing to learn
  }
  return out;
}

/** Values under secret-looking keys, at any depth (strings and numbers). */
export function bodySecrets(body: unknown): string[] {
  const out: string[] = [];
  const stack: [unknown, boolean][] = [[body, false]];
  while (stack.length) {
    const [v, secret] = stack.pop()!;
    if (typeof v === "string") {
      if (secret) out.push(v);
    } else if (typeof v === "number") {
      if (secret) out.push(String(v));
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push([x, secret]);
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) stack.push([x, secret || isSecretName(k)]);
    }
  }
  return out;
}

function decodeBase64(s: string): string | null {
  try {
    const bin = atob(s);
    return /^[\x20-\x7e]*$/.test(bin) && bin.includes(":") ? bin : null;
  } catch {
    return null;
  }
}
