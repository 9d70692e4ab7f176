import { describe, expect, it } from "vitest";
import { redactRecordSecrets } from "./redact-record";
import { createSecretValues } from "./redact-values";
import { REDACTED } from "./redact";
import type { SessionRecord } from "./record";

const R = REDACTED;
const b64 = (text: string) => btoa(text);

describe("redactRecordSecrets by name", () => {
  it("a request loses secret values in its URL, headers and body, and gains no body it did not have", () => {
    const request: SessionRecord = { seq: 1, t: 0, x: 1, dir: "out", kind: "request", op: "run", method: "POST", transport: "agui", url: "http://h/r?token=abcd", headers: { Authorization: "Bearer x", Accept: "a" }, body: { apiKey: "zzzz", q: 1 } };
    expect(redactRecordSecrets(request)).toEqual({ ...request, url: `http://h/r?token=${encodeURIComponent(R)}`, headers: { Authorization: R, Accept: "a" }, body: { apiKey: R, q: 1 } });
    const { body: _body, ...bodiless } = request;
    expect(Object.keys(redactRecordSecrets(bodiless as SessionRecord))).not.toContain("body");
  });

  it("a response loses secret header and body values, and gains no body it did not have", () => {
    const response = { seq: 2, t: 0, x: 1, dir: "in", kind: "response", op: "run", status: 401, headers: { "Set-Cookie": "sid=1" }, body: { error: "bad", session_id: "s-1" } } as unknown as SessionRecord;
    expect(redactRecordSecrets(response)).toMatchObject({ headers: { "Set-Cookie": R }, body: { error: "bad", session_id: R } });
    const { body: _body, ...bodiless } = response as unknown as Record<string, unknown>;
    expect(Object.keys(redactRecordSecrets(bodiless as unknown as SessionRecord))).not.toContain("body");
  });

  it("RUN_STARTED's echoed input loses secret keys and its raw text; without one, the record stays the same object", () => {
    const withSecret: SessionRecord = { seq: 3, t: 0, x: 1, dir: "in", kind: "event", event: { type: "RUN_STARTED", threadId: "t", runId: "r", input: { forwardedProps: { apiKey: "k-1" } } }, raw: "{…}", rawEncoding: "text" };
    const out = redactRecordSecrets(withSecret);
    expect(out).toEqual({ seq: 3, t: 0, x: 1, dir: "in", kind: "event", event: { type: "RUN_STARTED", threadId: "t", runId: "r", input: { forwardedProps: { apiKey: R } } } });
    const clean: SessionRecord = { seq: 3, t: 0, x: 1, dir: "in", kind: "event", event: { type: "RUN_STARTED", threadId: "t", runId: "r", input: { messages: [] } }, raw: "{…}" };
    expect(redactRecordSecrets(clean)).toBe(clean);
    const noInput: SessionRecord = { seq: 3, t: 0, x: 1, dir: "in", kind: "event", event: { type: "RUN_STARTED", threadId: "t", runId: "r" }, raw: "{…}" };
    expect(redactRecordSecrets(noInput)).toBe(noInput);
    // only RUN_STARTED echoes an input; other events are judged by value
    const custom: SessionRecord = { seq: 4, t: 0, x: 1, dir: "in", kind: "event", event: { type: "CUSTOM", name: "n", value: 1, input: { apiKey: "k-1" } }, raw: "{…}" };
    expect(redactRecordSecrets(custom)).toBe(custom);
  });
});

describe("redactRecordSecrets by value", () => {
  const secrets = createSecretValues();
  secrets.add("s3cr3t-value");

  it("scrubs a known value from any record, and leaves a record without one as it is", () => {
    const comment: SessionRecord = { seq: 1, t: 0, x: 1, dir: "in", kind: "comment", text: "echo s3cr3t-value" };
    expect(redactRecordSecrets(comment, secrets)).toEqual({ ...comment, text: `echo ${R}` });
    const plain: SessionRecord = { seq: 1, t: 0, x: 1, dir: "in", kind: "comment", text: "nothing" };
    expect(redactRecordSecrets(plain, secrets)).toBe(plain);
  });

  it("drops an event's protobuf bytes that hold a secret, keeping the scrubbed event; keeps bytes that hold none", () => {
    const leaky: SessionRecord = { seq: 1, t: 0, x: 1, dir: "in", kind: "event", event: { type: "CUSTOM", name: "n", value: "s3cr3t-value" }, raw: b64("\u0008\u0002s3cr3t-value"), rawEncoding: "base64" };
    expect(redactRecordSecrets(leaky, secrets)).toEqual({ seq: 1, t: 0, x: 1, dir: "in", kind: "event", event: { type: "CUSTOM", name: "n", value: R } });
    const clean: SessionRecord = { seq: 1, t: 0, x: 1, dir: "in", kind: "event", event: { type: "CUSTOM", name: "n", value: "s3cr3t-value" }, raw: b64("\u0008\u0002harmless"), rawEncoding: "base64" };
    expect(redactRecordSecrets(clean, secrets)).toEqual({ ...clean, event: { type: "CUSTOM", name: "n", value: R } });
    const broken: SessionRecord = { seq: 1, t: 0, x: 1, dir: "in", kind: "event", event: { type: "CUSTOM", name: "n", value: 1 }, raw: "!!not base64!!", rawEncoding: "base64" };
    expect(redactRecordSecrets(broken, secrets)).toBe(broken);
  });

  it("text raw is scrubbed in place, not dropped", () => {
    const text: SessionRecord = { seq: 1, t: 0, x: 1, dir: "in", kind: "event", event: { type: "CUSTOM", name: "n", value: 1 }, raw: '{"v":"s3cr3t-value"}', rawEncoding: "text" };
    expect(redactRecordSecrets(text, secrets)).toEqual({ ...text, raw: `{"v":"${R}"}` });
  });

  it("a bad frame's protobuf bytes holding a secret are replaced by the mark (there is no decoded form to keep)", () => {
    const bad: SessionRecord = { seq: 1, t: 0, x: 1, dir: "in", kind: "bad-frame", raw: b64("\u00ffs3cr3t-value"), rawEncoding: "base64", error: "not a protobuf event" };
    const out = redactRecordSecrets(bad, secrets);
    expect(out).toEqual({ seq: 1, t: 0, x: 1, dir: "in", kind: "bad-frame", raw: R, error: "not a protobuf event" });
    expect(JSON.stringify(out)).not.toContain(b64("\u00ffs3cr3t-value"));
    const harmless: SessionRecord = { ...bad, raw: b64("\u00ffharmless") };
    expect(redactRecordSecrets(harmless, secrets)).toBe(harmless);
  });

  it("with no secret learned yet, only names are applied", () => {
    const none = createSecretValues();
    const comment: SessionRecord = { seq: 1, t: 0, x: 1, dir: "in", kind: "comment", text: "s3cr3t-value" };
    expect(redactRecordSecrets(comment, none)).toBe(comment);
  });
});
