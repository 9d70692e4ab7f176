// One JSON document that is no HAR and holds no events: refused, and the error says what the
// document is and what each format needed. (Harness files that do hold events: test/import-documents.test.ts.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ImportError } from "./types";
import { importText } from "./importer";

const HAR = readFileSync(join(import.meta.dirname, "../../../../test/fixtures/import/chrome-devtools.har"), "utf8");
const refusal = (text: string) => {
  try {
    importText(text);
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    return (err as Error).message;
  }
  throw new Error("imported without an error");
};

describe("a JSON document no format fits", () => {
  it("a HAR cut off mid-file: says it is not JSON, with the parser's reason, and lists the formats tried, NDJSON included", () => {
    const message = refusal(HAR.slice(0, Math.floor(HAR.length / 2)));
    expect(message).toMatch(/^not a JSON document: .+\. Formats tried: HAR and objects holding event arrays \(need one JSON document\), NDJSON \(needs one JSON value per line; the first line here is not one\)\.$/);
  });

  it("names the first eight keys of a wide object and how many it has", () => {
    const settings = Object.fromEntries(["model", "temperature", "maxTokens", "tools", "prompt", "stop", "seed", "user", "stream", "logprobs"].map((k, i) => [k, i]));
    const message = refusal(JSON.stringify(settings, null, 2));
    expect(message).toContain('a JSON object with keys "model", "temperature", "maxTokens", "tools", "prompt", "stop", "seed", "user", … (10 keys), but no format fits');
    expect(message).not.toContain('"stream"');
  });

  it("names every key of an object with eight", () => {
    const message = refusal(JSON.stringify({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8 }, null, 2));
    expect(message).toContain('a JSON object with keys "a", "b", "c", "d", "e", "f", "g", "h", but no format fits');
  });

  it("says an empty object has no keys", () => {
    expect(refusal("{\n}\n")).toMatch(/^a JSON object with no keys, but no format fits\. Formats tried: HAR \(needs log\.entries — none here\)/);
  });
});
