import { describe, expect, it } from "vitest";
import { createImporter, importSession, importText } from "./index";
import type { SessionRecord } from "../record";

const started = '{"type":"RUN_STARTED","threadId":"t","runId":"r7"}';
const content = '{"type":"TEXT_MESSAGE_CONTENT","messageId":"m","delta":"hi"}';
const finished = '{"type":"RUN_FINISHED","threadId":"t","runId":"r7"}';

describe("NDJSON import", () => {
  it("reads LF and CRLF lines, skips blank ones, and keeps a last line without a newline", () => {
    const text = `${started}\r\n\r\n${content}\n   \n${finished}`;
    const r = importText(text, { now: 5 });
    expect(r.format).toBe("ndjson");
    expect(r.records.map((x) => x.kind)).toEqual(["event", "event", "event", "end"]);
    expect(r.records.map((x) => (x.kind === "event" ? x.event.type : x.kind))).toEqual(["RUN_STARTED", "TEXT_MESSAGE_CONTENT", "RUN_FINISHED", "end"]);
    expect(r.records.every((x) => x.t === 5 && x.x === 1 && x.dir === "in")).toBe(true);
    expect(r.records.at(-1)).toMatchObject({ kind: "end", op: "run", outcome: "complete", frames: 3 });
    expect(r.errors).toEqual([]);
  });

  it("tags the records after a RUN_STARTED with its runId", () => {
    const r = importText(`${content}\n${started}\n${content}\n`, { now: 0 });
    expect(r.records.map((x) => x.runId)).toEqual([undefined, "r7", "r7", undefined]);
  });

  it("keeps a line that is not JSON as a bad frame with its text, reports its number, and reads on", () => {
    const r = importText(`${started}\n{"type":"TEXT_MES\n${finished}\n`, { now: 0 });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].line).toBe(2);
    expect(r.errors[0].error).toMatch(/^invalid JSON: /);
    expect(r.records[1]).toMatchObject({ kind: "bad-frame", raw: '{"type":"TEXT_MES', runId: "r7" });
    expect((r.records[1] as { error: string }).error).toMatch(/^invalid JSON/);
    expect(r.records.map((x) => x.kind)).toEqual(["event", "bad-frame", "event", "end"]);
    expect(r.records.at(-1)).toMatchObject({ frames: 3 });
  });

  it("keeps JSON that is no event as a bad frame with its text", () => {
    const r = importText(`${started}\n{"hello":1}\n[1,2]\n`, { now: 0 });
    expect(r.records.slice(1, 3).map((x) => [x.kind, (x as { raw?: string }).raw])).toEqual([
      ["bad-frame", '{"hello":1}'],
      ["bad-frame", "[1,2]"],
    ]);
  });

  it("keeps schema issues beside an event that has the wrong shape for its type", () => {
    const r = importText('{"type":"TEXT_MESSAGE_CONTENT","messageId":5,"delta":"x"}\n', { now: 0 });
    expect(r.records[0].kind).toBe("event");
    expect((r.records[0] as { issues?: unknown[] }).issues?.length).toBeGreaterThan(0);
    expect(importText(`${content}\n`, { now: 0 }).records[0]).not.toHaveProperty("issues");
  });

  it("names the session after the file's base name", () => {
    expect(importText(`${started}\n`, { now: 0, file: "C:\\captures\\run-1.ndjson" }).header).toMatchObject({ name: "run-1.ndjson", source: { kind: "ndjson", file: "run-1.ndjson" } });
    expect(importText(`${started}\n`, { now: 0, file: "/tmp/x/run-2.jsonl" }).header.name).toBe("run-2.jsonl");
    const anonymous = importText(`${started}\n`, { now: 0 }).header;
    expect(anonymous.source).toEqual({ kind: "ndjson" });
  });
});

describe("the importer's delivery", () => {
  const many = Array.from({ length: 2500 }, (_, i) => `{"type":"TEXT_MESSAGE_CONTENT","messageId":"m","delta":"${i}"}`).join("\n");

  it("hands records over in batches of 1000, in seq order, without keeping them when asked", () => {
    const batches: SessionRecord[][] = [];
    const r = importText(many, { now: 0, keepRecords: false, onRecords: (b) => batches.push(b) });
    expect(r.records).toEqual([]);
    expect(batches.slice(0, 2).map((b) => b.length)).toEqual([1000, 1000]);
    expect(Math.max(...batches.map((b) => b.length))).toBe(1000);
    expect(batches.every((b) => b.length > 0)).toBe(true);
    expect(batches.flat().map((x) => x.seq)).toEqual(Array.from({ length: 2501 }, (_, i) => i + 1));
    expect(r.progress.records).toBe(2501);
  });

  it("keeps the records by default, and still hands them over", () => {
    let handed = 0;
    const r = importText(many, { now: 0, onRecords: (b) => (handed += b.length) });
    expect(r.records).toHaveLength(2501);
    expect(handed).toBe(2501);
  });

  it("reports progress in UTF-8 bytes, records and errors after every chunk", () => {
    const progress: { bytes: number; records: number; errors: number }[] = [];
    const importer = createImporter({ now: 0, onProgress: (p) => progress.push(p) });
    importer.feed(`${started}\n`);
    importer.feed('{"bad\n');
    importer.feed('{"type":"TEXT_MESSAGE_CONTENT","messageId":"m","delta":"é🌍"}\n');
    const result = importer.end();
    const bytes = new TextEncoder().encode(`${started}\n{"bad\n{"type":"TEXT_MESSAGE_CONTENT","messageId":"m","delta":"é🌍"}\n`).length;
    expect(progress.map((p) => p.records)).toEqual([1, 2, 3, 4]);
    expect(progress.map((p) => p.errors)).toEqual([0, 1, 1, 1]);
    expect(progress.at(-1)!.bytes).toBe(bytes);
    expect(result.progress).toEqual(progress.at(-1));
  });

  it("waits for the first line before choosing a format", () => {
    const progress: number[] = [];
    const importer = createImporter({ now: 0, onProgress: (p) => progress.push(p.records) });
    importer.feed('{"type":"RUN_ST');
    importer.feed('ARTED","threadId":"t","runId":"r"}\n');
    expect(importer.end().records.map((x) => x.kind)).toEqual(["event", "end"]);
    expect(progress).toEqual([0, 1, 2]);
  });

  it("refuses empty input, and stops when cancelled", async () => {
    expect(() => importText("")).toThrow(/empty input/);
    expect(() => importText("\uFEFF  \n")).toThrow(/empty input/);
    const controller = new AbortController();
    controller.abort();
    await expect(importSession([`${started}\n`], { signal: controller.signal })).rejects.toThrow(/import cancelled/);
  });

  it("reads a web ReadableStream of bytes", async () => {
    const bytes = new TextEncoder().encode(`${started}\n${finished}\n`);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, 7));
        c.enqueue(bytes.slice(7));
        c.close();
      },
    });
    const r = await importSession(stream, { now: 0 });
    expect(r.records.map((x) => x.kind)).toEqual(["event", "event", "end"]);
    expect(r.progress.bytes).toBe(bytes.length);
  });
});
