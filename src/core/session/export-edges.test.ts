import { describe, expect, it } from "vitest";
import { createHeader } from "./file";
import type { SessionRecord } from "./record";
import { exportHeader, exportLines, exportSession, redactRecord, selectRecords } from "./export";
import { importText } from "./import";

const header = createHeader({ id: "orig", createdAt: "2026-01-01T00:00:00.000Z", name: "demo" });
const ev = (seq: number, x: number, runId: string | undefined, type = "CUSTOM"): SessionRecord =>
  ({ seq, t: seq, x, dir: "in", kind: "event", event: { type, name: "n", value: seq }, ...(runId ? { runId } : {}) }) as SessionRecord;

describe("selectRecords", () => {
  it("gives a copy of the whole session, never the caller's array", () => {
    const records = [ev(1, 1, "a")];
    const all = selectRecords(records);
    expect(all).toEqual(records);
    expect(all).not.toBe(records);
  });

  it("leaves out another run's records even when they share the exchange (a connect replaying two runs)", () => {
    const records = [ev(1, 1, undefined), ev(2, 1, "a"), ev(3, 1, "b"), ev(4, 1, undefined), ev(5, 2, undefined), ev(6, 2, "b")];
    expect(selectRecords(records, { kind: "run", runId: "a" }).map((r) => r.seq)).toEqual([1, 2, 4]);
    expect(selectRecords(records, { kind: "run", runId: "b" }).map((r) => r.seq)).toEqual([1, 3, 4, 5, 6]);
    expect(selectRecords(records, { kind: "run", runId: "none" })).toEqual([]);
  });
});

describe("redactRecord without content redaction", () => {
  it("keeps a bad frame's raw text and an event's wire text", () => {
    const bad: SessionRecord = { seq: 1, t: 1, x: 1, dir: "in", kind: "bad-frame", raw: "{oops", error: "invalid JSON", rawEncoding: "text" } as SessionRecord;
    expect(redactRecord(bad)).toBe(bad);
    const text = exportSession(header, [bad]);
    expect(importText(text).records[0]).toMatchObject({ kind: "bad-frame", raw: "{oops" });
  });

  it("adds no body to a request that had none", () => {
    const req: SessionRecord = { seq: 1, t: 1, x: 1, dir: "out", kind: "request", op: "info", method: "GET", url: "http://h/info", transport: "rest", headers: {} };
    expect(redactRecord(req)).not.toHaveProperty("body");
    expect(redactRecord(req, { messageText: true })).not.toHaveProperty("body");
  });
});

describe("redactRecord with content redaction", () => {
  it("keeps an event it has nothing to mask in, wire text included", () => {
    const finished = { seq: 2, t: 2, x: 1, dir: "in", kind: "event", event: { type: "RUN_FINISHED", threadId: "t", runId: "r" }, raw: '{"type":"RUN_FINISHED","threadId":"t","runId":"r"}' } as SessionRecord;
    expect(redactRecord(finished, { messageText: true, stateValues: true })).toBe(finished);
  });

  it("copes with a null request body", () => {
    const req = { seq: 1, t: 1, x: 1, dir: "out", kind: "request", op: "run", method: "POST", url: "http://h/agent/a/run", transport: "rest", headers: {}, body: null } as unknown as SessionRecord;
    expect((redactRecord(req, { messageText: true }) as { body: unknown }).body).toBeNull();
  });

  it("masks a REST input (no envelope) and leaves an envelope without a body alone", () => {
    const input = { threadId: "t", messages: [{ id: "u", role: "user", content: "card 4111" }], state: { s: "v" } };
    const rest = { seq: 1, t: 1, x: 1, dir: "out", kind: "request", op: "run", method: "POST", url: "http://h/agent/a/run", transport: "rest", headers: {}, body: input } as SessionRecord;
    expect((redactRecord(rest, { messageText: true }) as { body: typeof input }).body.messages[0].content).toBe("[redacted]");
    const info = { ...rest, transport: "single", body: { method: "info" } } as SessionRecord;
    expect((redactRecord(info, { messageText: true }) as { body: unknown }).body).toEqual({ method: "info" });
  });
});

describe("exportHeader", () => {
  it("keeps the id for a whole, unredacted session, selected explicitly or not", () => {
    expect(exportHeader(header, { select: { kind: "session" } }).id).toBe("orig");
    expect(exportHeader(header, { redact: {} }).id).toBe("orig");
    expect(exportHeader(header, { redact: { stateValues: true } }).id).not.toBe("orig");
    expect(exportHeader(header, { select: { kind: "range", from: 1, to: 2 } }).id).not.toBe("orig");
  });

  it("reads a header that has no redaction field (an older file)", () => {
    const old = { ...header, redaction: undefined } as unknown as typeof header;
    expect(exportHeader(old).redaction).toEqual({ headers: true });
    expect(exportHeader(old, { redact: { messageText: true } }).redaction).toEqual({ headers: true, messageText: true });
    expect(exportHeader(old, { redact: { stateValues: true } }).redaction).toEqual({ headers: true, stateValues: true });
  });
});

describe("exportLines", () => {
  const comments = (n: number): SessionRecord[] => Array.from({ length: n }, (_, i) => ({ seq: i + 1, t: 0, x: 1, dir: "in", kind: "comment", text: `c${i}` }));

  it("yields only the header for an empty selection, and no empty batch after a full one", () => {
    expect([...exportLines(header, [])]).toHaveLength(1);
    const parts = [...exportLines(header, comments(1000))];
    expect(parts).toHaveLength(2);
    expect(parts.every((p) => p.length > 0)).toBe(true);
    expect([...exportLines(header, comments(1001))]).toHaveLength(3);
  });
});
