// What the importer is fed: a document in many chunks, a byte-order mark only at the very start,
// text ending inside a character, a web stream in a browser whose streams are not async-iterable.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createImporter, importSession, importText } from "./importer";

const FIXTURES = join(import.meta.dirname, "../../../../test/fixtures/import");
const HAR = readFileSync(join(FIXTURES, "chrome-devtools.har"), "utf8");
const NDJSON = readFileSync(join(FIXTURES, "runtime-scripted.ndjson"), "utf8");
const inPieces = (text: string, size: number) => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

describe("the importer's input", () => {
  it("reads a HAR streamed in many chunks as it reads the whole text", async () => {
    const whole = importText(HAR, { now: 0 });
    const chunked = await importSession(inPieces(HAR, 1000), { now: 0 });
    expect(chunked.format).toBe("har");
    expect(chunked.records).toEqual(whole.records);
  });

  it("drops a byte-order mark at the start only: a U+FEFF inside the text is the text's", () => {
    const delta = { type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: "zero\uFEFFwidth" };
    for (const text of [`${JSON.stringify(delta)}\n`, JSON.stringify(delta), `\uFEFF${JSON.stringify(delta)}`]) {
      const r = importText(text, { now: 0 });
      expect(r.errors).toEqual([]);
      expect(r.records[0]).toMatchObject({ kind: "event", event: delta });
    }
  });

  it("keeps a last line cut inside a character, with U+FFFD where the bytes stop", async () => {
    const bytes = new TextEncoder().encode(`${NDJSON.trimEnd()}\n{"type":"CUSTOM","name":"n","value":"🌞`);
    const r = await importSession([bytes.subarray(0, bytes.length - 2)], { now: 0 });
    expect(r.records.at(-2)).toMatchObject({ kind: "bad-frame", raw: '{"type":"CUSTOM","name":"n","value":"\uFFFD' });
  });

  it("tells the lines it could not read while the import is still going", () => {
    const importer = createImporter({ now: 0 });
    importer.feed(`${NDJSON.split("\n")[0]}\nnot json\n`);
    expect(importer.errors()).toEqual([{ line: 2, error: expect.stringMatching(/^invalid JSON/) }]);
  });

  it("reads a web stream through its reader where streams cannot be iterated (Safari), and gives the stream back unlocked", async () => {
    const bytes = new TextEncoder().encode(NDJSON);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 100) controller.enqueue(bytes.subarray(i, i + 100));
        controller.close();
      },
    });
    Object.defineProperty(stream, Symbol.asyncIterator, { value: undefined });
    const r = await importSession(stream, { now: 0 });
    expect(r.records).toEqual(importText(NDJSON, { now: 0 }).records);
    expect(stream.locked).toBe(false);
  });
});
