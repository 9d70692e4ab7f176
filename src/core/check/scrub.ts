import { isSecretHeader, REDACTED } from "../session/redact";
import type { SessionRecord } from "../session/record";

// A runtime may echo what it was sent. The secret header values a check sends (Authorization,
// API keys…) are replaced wherever they come back in a record, before the record is compared,
// reported or saved. Both the whole value and its credential after a scheme ("Bearer <token>").

const MIN_SECRET = 6;

export function secretValues(headers: Record<string, string>): string[] {
  const out = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    if (!isSecretHeader(name)) continue;
    const v = value.trim();
    if (v.length >= MIN_SECRET) out.add(v);
    const credential = /^\S+\s+(\S.*)$/.exec(v)?.[1];
    if (credential && credential.length >= MIN_SECRET) out.add(credential);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** A function that returns a record with every secret value replaced (the same record when none occurs). */
export function createScrubber(headers: Record<string, string>): (record: SessionRecord) => SessionRecord {
  const secrets = secretValues(headers);
  if (!secrets.length) return (r) => r;
  const pattern = new RegExp(secrets.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  const scrub = (value: unknown): unknown => {
    if (typeof value === "string") return value.replace(pattern, REDACTED);
    if (Array.isArray(value)) return value.map(scrub);
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k.replace(pattern, REDACTED)] = scrub(v);
      return out;
    }
    return value;
  };
  return (record) => {
    const text = JSON.stringify(record);
    pattern.lastIndex = 0;
    return pattern.test(text) ? (scrub(record) as SessionRecord) : record;
  };
}
