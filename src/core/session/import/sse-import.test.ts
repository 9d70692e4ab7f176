import { describe, expect, it } from "vitest";
import { detectFormat, importSession, importText } from "./index";

const started = '{"type":"RUN_STARTED","threadId":"t","runId":"r"}';
const finished = '{"type":"RUN_FINISHED","threadId":"t","runId":"r"}';
const eventTypes = (text: string) => importText(text, { now: 0 }).records.flatMap((r) => (r.kind === "event" ? [r.event.type] : []));

describe("a raw SSE capture is recognised by whichever field line it starts with", () => {
  for (const first of ["id: 1", "retry: 3000", "event: message", "data: " + started, ": comment"]) {
    it(`"${first}"`, () => {
      expect(detectFormat(`${first}\n`, false)).toBe("sse");
    });
  }

  it("an id: first line imports every event after it", () => {
    const result = importText(`id: 1\ndata: ${started}\n\nid: 2\ndata: ${finished}\n\n`, { now: 0 });
    expect(result.format).toBe("sse");
    expect(eventTypes(`id: 1\ndata: ${started}\n\nid: 2\ndata: ${finished}\n\n`)).toEqual(["RUN_STARTED", "RUN_FINISHED"]);
    expect(result.errors).toEqual([]);
  });

  it("a retry: first line imports every event after it", () => {
    const text = `retry: 1000\n\ndata: ${started}\n\ndata: ${finished}\n\n`;
    expect(importText(text, { now: 0 }).format).toBe("sse");
    expect(eventTypes(text)).toEqual(["RUN_STARTED", "RUN_FINISHED"]);
  });

  it("words that only begin like a field name are not SSE", () => {
    expect(() => detectFormat("identity: x\n", true)).toThrow(/unrecognised input/);
    expect(() => detectFormat("database\n", true)).toThrow(/unrecognised input/);
    expect(() => detectFormat("retrying\n", true)).toThrow(/unrecognised input/);
  });
});

describe("an SSE capture", () => {
  it("ends with an end record counting its frames, stamped with the import time", () => {
    const { records, header } = importText(`data: ${started}\n\n: ping\n\ndata: ${finished}\n\n`, { now: 42, file: "cap.sse" });
    expect(records.map((r) => r.kind)).toEqual(["event", "comment", "event", "end"]);
    expect(records.at(-1)).toMatchObject({ kind: "end", op: "run", outcome: "complete", frames: 2, t: 42 });
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(new Set(records.map((r) => r.x)).size).toBe(1);
    expect(header.source).toMatchObject({ kind: "sse", file: "cap.sse" });
  });

  it("reads the same split across chunks, and byte chunks, as whole", async () => {
    const text = `id: 7\ndata: ${started}\n\ndata: ${finished}\n\n`;
    const whole = importText(text, { now: 0 }).records;
    const parts = [text.slice(0, 3), text.slice(3, 20), text.slice(20)];
    expect((await importSession(parts, { now: 0 })).records).toEqual(whole);
    const bytes = new TextEncoder().encode(text);
    expect((await importSession([bytes.slice(0, 5), bytes.slice(5)], { now: 0 })).records).toEqual(whole);
  });
});

describe("the last frame of a capture", () => {
  it("is kept when the capture ends without its blank line", () => {
    const text = `data: ${started}\n\ndata: ${finished}`;
    expect(eventTypes(text)).toEqual(["RUN_STARTED", "RUN_FINISHED"]);
    expect(eventTypes(`${text}\n`)).toEqual(["RUN_STARTED", "RUN_FINISHED"]);
    expect(importText(text, { now: 0 }).records.at(-1)).toMatchObject({ kind: "end", frames: 2 });
  });

  it("is kept when it arrives in pieces and the last piece has no line end", async () => {
    const r = await importSession([`data: ${started}\n\n`, "data: ", finished], { now: 0 });
    expect(r.records.flatMap((x) => (x.kind === "event" ? [x.event.type] : []))).toEqual(["RUN_STARTED", "RUN_FINISHED"]);
  });
});
