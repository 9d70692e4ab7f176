import { describe, expect, it } from "vitest";
import { createSecretValues } from "./redact-values";

// Scrubbing by value runs on every record while a secret is known: a record without one is
// handed back as it is (no copy), and a record with one anywhere — deep in an array, in a key,
// JSON-escaped — comes back as a copy with it replaced, the input untouched.

describe("secret values: value()", () => {
  const secrets = createSecretValues();
  secrets.learn({ headers: { Authorization: "Bearer tok-abc-123", "X-Trace": "visible" } });

  it("returns the very same object when nothing in it holds a secret", () => {
    const record = { kind: "event", event: { type: "TEXT_MESSAGE_CONTENT", delta: "hello", nested: [{ a: ["x", 1, null, true] }] }, raw: '{"x":1}' };
    expect(secrets.value(record)).toBe(record);
    const arr = ["plain", { k: "v" }];
    expect(secrets.value(arr)).toBe(arr);
  });

  it("copies and replaces a secret found deep in an array, in a key, or escaped", () => {
    const record = { event: { list: [0, { deep: ["ok", "echo: tok-abc-123!"] }] }, ["key tok-abc-123"]: 1, esc: JSON.stringify({ a: "Bearer tok-abc-123" }) };
    const before = JSON.stringify(record);
    const out = secrets.value(record);
    expect(out).not.toBe(record);
    expect(JSON.stringify(record)).toBe(before);
    expect(JSON.stringify(out)).not.toContain("tok-abc-123");
    expect(out.event.list[1]).toEqual({ deep: ["ok", "echo: [redacted]!"] });
    expect(Object.keys(out)).toContain("key [redacted]");
  });

  it("finds a secret held under an own __proto__ key", () => {
    const record = JSON.parse('{"a":{"__proto__":{"t":"tok-abc-123"}}}');
    const out = secrets.value(record);
    expect(out).not.toBe(record);
    expect(JSON.stringify(out)).not.toContain("tok-abc-123");
  });

  it("with no secret known hands everything back unchanged", () => {
    const none = createSecretValues();
    const v = { a: "tok-abc-123" };
    expect(none.value(v)).toBe(v);
  });
});
