import { describe, expect, it } from "vitest";
import { createRecordOut } from "./out";
import type { RecordDraft, SessionRecord } from "../record";

const draft = (text: string): RecordDraft => ({ dir: "in", kind: "comment", x: 1, text });

describe("createRecordOut", () => {
  it("numbers drafts from 1, stamps their time, and keeps them all by default", () => {
    const out = createRecordOut({});
    const a = out.push(draft("a"), 10);
    out.push(draft("b"), 20);
    expect(a).toEqual({ dir: "in", kind: "comment", x: 1, text: "a", seq: 1, t: 10 });
    expect(out.records.map((r) => [r.seq, r.t])).toEqual([[1, 10], [2, 20]]);
    expect(out.count).toBe(2);
    expect([out.nextExchange(), out.nextExchange()]).toEqual([1, 2]);
  });

  it("hands records to onRecords in batches of 1000 and the rest on flush, keeping none when asked", () => {
    const batches: SessionRecord[][] = [];
    const out = createRecordOut({ keepRecords: false, onRecords: (b) => batches.push(b) });
    for (let i = 0; i < 2500; i++) out.push(draft(String(i)), 0);
    expect(batches.map((b) => b.length)).toEqual([1000, 1000]);
    out.flush();
    out.flush();
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 500]);
    expect(batches.flat().map((r) => r.seq)).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
    expect(out.records).toEqual([]);
    expect(out.count).toBe(2500);
  });

  it("keeps a record that has its seq and goes on numbering after it, redacting both", () => {
    const out = createRecordOut({});
    out.keep({ seq: 41, t: 1, x: 1, dir: "out", kind: "request", op: "run", method: "POST", url: "http://h/?token=abcd", transport: "agui", headers: { Cookie: "c=1" } });
    const next = out.push({ dir: "out", kind: "request", x: 2, op: "run", method: "POST", url: "http://h/", transport: "agui", headers: { Authorization: "Bearer x" } }, 2);
    expect(out.records[0]).toMatchObject({ seq: 41, url: "http://h/?token=%5Bredacted%5D", headers: { Cookie: "[redacted]" } });
    expect(next).toMatchObject({ seq: 42, headers: { Authorization: "[redacted]" } });
  });

  it("collects errors by line", () => {
    const out = createRecordOut({});
    out.error(3, "bad");
    expect(out.errors).toEqual([{ line: 3, error: "bad" }]);
  });
});
