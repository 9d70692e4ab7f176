import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createHeader, encodeSessionFile } from "../file";
import type { SessionRecord } from "../record";
import { importSession, importText, utf8Length } from "./importer";
import type { ImportProgress } from "./types";

const STREAMS = join(import.meta.dirname, "../../../../test/fixtures/streams");

const records: SessionRecord[] = [
  { seq: 1, t: 10, x: 1, dir: "out", kind: "request", op: "run", method: "POST", url: "http://h/agent/a/run", transport: "rest", headers: { Authorization: "[redacted]" }, body: { threadId: "t" }, agentId: "a" },
  { seq: 2, t: 11, x: 1, dir: "in", kind: "event", event: { type: "RUN_STARTED", threadId: "t", runId: "r" }, agentId: "a" },
  { seq: 3, t: 12, x: 1, dir: "in", kind: "event", event: { type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: "héllo 🌍" }, raw: '{"type":"TEXT_MESSAGE_CONTENT", "messageId":"m","delta":"héllo 🌍"}' },
  { seq: 4, t: 13, x: 1, dir: "in", kind: "end", op: "run", outcome: "complete", frames: 2 },
];
const header = createHeader({ id: "s1", createdAt: "2026-01-01T00:00:00.000Z", agentId: "a" });

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

describe("importing this project's session files", () => {
  it("keeps the header and every record exactly", () => {
    const r = importText(encodeSessionFile(header, records));
    expect(r.format).toBe("agui-inspector");
    expect(r.header).toEqual(header);
    expect(r.records).toEqual(records);
    expect(r.errors).toEqual([]);
  });

  it("reports a corrupt line by its number and imports the rest", () => {
    const lines = encodeSessionFile(header, records).split("\n");
    lines[2] = lines[2].slice(0, 25); // line 3 = record seq 2, cut mid-JSON
    lines.splice(3, 0, '{"seq":3,"t":0,"x":1,"dir":"in","kind":"event"}');
    lines.splice(5, 0, '{"seq":2,"dir":"in","kind":"comment"}');
    const r = importText(lines.join("\n"));
    expect(r.records).toEqual([records[0], records[2], records[3]]);
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 6]);
    expect(r.errors[0].error).toMatch(/^invalid JSON/);
    expect(r.errors[1].error).toBe("record 3: event record without an event");
    expect(r.errors[2].error).toBe("record 2: seq must be above the previous record's 3");
  });

  it("rejects a file of another version with the codec's own message", () => {
    const text = encodeSessionFile({ ...header, version: 2 as 1 }, records);
    expect(() => importText(text)).toThrow(/line 1: session format version 2 is not supported/);
  });
});

describe("streaming import", () => {
  const text = encodeSessionFile(header, records);

  it("gives the same records for any chunking, bytes split inside characters included", async () => {
    const bytes = new TextEncoder().encode(text);
    const byteChunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 5) byteChunks.push(bytes.subarray(i, i + 5));
    const whole = importText(text).records;
    expect((await importSession(chunks(text, 3))).records).toEqual(whole);
    expect((await importSession(byteChunks)).records).toEqual(whole);
  });

  it("reports progress in bytes, records and errors after every chunk", async () => {
    const bad = text + "not json\n";
    const seen: ImportProgress[] = [];
    const r = await importSession(chunks(bad, 40), { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(5);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i].bytes).toBeGreaterThanOrEqual(seen[i - 1].bytes);
      expect(seen[i].records).toBeGreaterThanOrEqual(seen[i - 1].records);
    }
    expect(seen.at(-1)).toEqual({ bytes: utf8Length(bad), records: 4, errors: 1 });
    expect(r.progress).toEqual(seen.at(-1));
    expect(r.errors).toEqual([{ line: 6, error: expect.stringMatching(/^invalid JSON/) }]);
  });

  it("hands records over in seq order and can leave them out of the result", async () => {
    const batches: number[][] = [];
    const r = await importSession(chunks(text, 50), { onRecords: (b) => batches.push(b.map((x) => x.seq)), keepRecords: false });
    expect(batches.flat()).toEqual([1, 2, 3, 4]);
    expect(r.records).toEqual([]);
  });

  it("reads a web ReadableStream (a File's stream()) and a file that starts with a BOM", async () => {
    const bytes = new TextEncoder().encode("\uFEFF" + text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64) controller.enqueue(bytes.subarray(i, i + 64));
        controller.close();
      },
    });
    const r = await importSession(stream);
    expect(r.records).toEqual(records);
    expect(r.progress.bytes).toBe(bytes.length);
    expect(importText("\uFEFF" + text).records).toEqual(records);
  });

  it("stops between chunks when cancelled", async () => {
    const abort = new AbortController();
    const parts = chunks(text, 20);
    const run = importSession(parts, { signal: abort.signal, onProgress: (p) => p.records >= 1 && abort.abort() });
    await expect(run).rejects.toThrow("import cancelled");
  });

  it("counts UTF-8 bytes of text chunks", () => {
    expect(utf8Length("aé€🌍")).toBe(new TextEncoder().encode("aé€🌍").length);
  });
});

describe("raw SSE captures", () => {
  const sse = readFileSync(join(STREAMS, "text-basic.sse"), "utf8");

  it("records frames like a live stream: events, comments, then the end of the capture", () => {
    const r = importText(sse, { now: 7, file: "caps/text-basic.sse" });
    expect(r.format).toBe("sse");
    expect(r.header.source).toEqual({ kind: "sse", file: "text-basic.sse" });
    expect(r.records.every((x) => x.t === 7 && x.x === 1)).toBe(true);
    expect(r.records.at(-1)).toMatchObject({ kind: "end", op: "run", outcome: "complete", frames: r.records.filter((x) => x.kind === "event" || x.kind === "bad-frame").length });
    expect(r.records.map((x) => x.seq)).toEqual(r.records.map((_, i) => i + 1));
  });

  it("does not depend on where the chunks fall, CRLF split included", async () => {
    const crlf = sse.replace(/\n/g, "\r\n");
    const whole = importText(crlf, { now: 1 }).records;
    for (const size of [1, 2, 9]) expect((await importSession(chunks(crlf, size), { now: 1 })).records).toEqual(whole);
    expect(whole.filter((x) => x.kind === "event").map((x) => (x as { event: { type: string } }).event.type)).toEqual(
      importText(sse, { now: 1 }).records.filter((x) => x.kind === "event").map((x) => (x as { event: { type: string } }).event.type),
    );
  });
});

describe("NDJSON and JSON arrays of events", () => {
  it("keeps a line that is not JSON as a bad frame and reports its number", () => {
    const r = importText('{"type":"RUN_STARTED","threadId":"t","runId":"r"}\n{"type":"TEXT_MESSAGE_CONT\n[1]\n{"type":"RUN_FINISHED","threadId":"t","runId":"r"}\n', { now: 0 });
    expect(r.format).toBe("ndjson");
    expect(r.records.map((x) => x.kind)).toEqual(["event", "bad-frame", "bad-frame", "event", "end"]);
    expect(r.records[1]).toMatchObject({ raw: '{"type":"TEXT_MESSAGE_CONT', runId: "r" });
    expect(r.records[2]).toMatchObject({ raw: "[1]", error: "not an event: expected a JSON object, got an array" });
    expect(r.errors).toEqual([{ line: 2, error: expect.stringMatching(/^invalid JSON/) }]);
  });

  it("reads an array element by element: a broken one is kept and reported, the rest imported", () => {
    const r = importText('[\n  {"type":"RUN_STARTED","threadId":"t","runId":"r"},\n  {"type": nope},\n  {"type":"RUN_FINISHED","threadId":"t","runId":"r","extra":{"kept":true}}\n]', { now: 0 });
    expect(r.format).toBe("json-events");
    expect(r.records.map((x) => x.kind)).toEqual(["event", "bad-frame", "event", "end"]);
    expect(r.records[2]).toMatchObject({ event: { type: "RUN_FINISHED", extra: { kept: true } } });
    expect(r.errors).toEqual([{ line: 3, error: expect.stringMatching(/^invalid JSON/) }]);
  });

  it("attaches schema issues as a live recording does, and never drops the event", () => {
    const r = importText('[{"type":"RUN_FINISHED"}]', { now: 0 });
    const event = r.records[0] as { event: unknown; issues?: unknown[] };
    expect(event.event).toEqual({ type: "RUN_FINISHED" });
    expect(event.issues?.length).toBeGreaterThan(0);
  });
});

describe("utf8Length", () => {
  it("counts the bytes TextEncoder writes, for every width of character and for lone surrogates", () => {
    for (const s of ["", "ascii", "\u007f\u0080", "é\u07ff\u0800", "€ and 中文", "😀 emoji 👍🏽", "\ud800", "\udc00x", "a\ud83d", "\ud800a", "\ud800\udc00", "\udbff\udfff", "\ud800é", "\udc00é", "\ud800\udbff\udfff", "\ud83d\ue000", "\udc00\udc00", "中\udc00"]) {
      expect([s, utf8Length(s)]).toEqual([s, new TextEncoder().encode(s).length]);
    }
  });
});
