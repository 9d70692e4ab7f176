import { describe, expect, it } from "vitest";
import { matcher, NO_FILTER } from "../models/filters";
import type { SessionRecord } from "../core/session/record";
import { generateMixedSession } from "../../test/session-generator";
import { textMayMatch } from "./row-index";

// A search skips a chunk whose stored JSON text cannot hold the needle. That must never skip a
// chunk holding a match: for every needle tried, each record the search matches is in a chunk
// whose text passes. Records with text JSON escapes ("quotes", back\slashes, new
// lines), letters that lowercase oddly (İ, K), numbers, and fields a search renders.

const odd: SessionRecord[] = [
  { seq: 1, t: 1, x: 1, dir: "in", kind: "event", event: { type: "CUSTOM", name: 'say "Hi"\\there\nNEXT', value: "İstanbul KELVIN-K" }, raw: 'data {"type":"CUSTOM","name":"say \\"Hi\\""}' },
  { seq: 2, t: 2, x: 1, dir: "in", kind: "bad-frame", error: "invalid JSON: Unexpected token", raw: "{not json\tTAB\u0007bell" },
  { seq: 3, t: 3, x: 1, dir: "out", kind: "request", op: "run", method: "POST", url: "http://127.0.0.1:4318/agent/a-b/run?x=1", transport: "rest", headers: {}, body: { q: "Ünïcode ÆØÅ" } },
  { seq: 4, t: 4, x: 1, dir: "in", kind: "response", op: "run", status: 503, contentType: "text/plain", headers: {}, text: "Service-Unavailable #5", ms: 3 },
  { seq: 5, t: 5, x: 1, dir: "in", kind: "end", op: "run", outcome: "error", frames: 0, error: "cut@byte=42" },
  { seq: 6, t: 6, x: 1, dir: "in", kind: "comment", text: "keep-alive: ping/pong" },
] as SessionRecord[];

/** Every substring up to 8 characters of each record's searchable text, and some that match nothing. */
function needlesOf(records: SessionRecord[]): string[] {
  const out = new Set<string>(["zzz-no-match", "POST run", "undefined", "nan", "in", "k", "i", '"hi"', "\\", "stan", "kelvin-k", "503", "#5", "cut@byte=42", "a-b/run?x=1"]);
  for (const r of records) {
    const text = JSON.stringify(r).toLowerCase();
    for (let i = 0; i < text.length; i += 3) for (let n = 1; n <= 8; n++) out.add(text.slice(i, i + n));
  }
  return [...out];
}

describe("a search's look at a chunk's stored text", () => {
  it("never rules out a chunk that holds a match", () => {
    const chunks = [odd, ...chunked(generateMixedSession(3), 100)];
    let applied = 0;
    let skippedSome = 0;
    for (const needle of needlesOf(chunks.flat().slice(0, 400))) {
      const mayHold = textMayMatch(needle);
      if (!mayHold) continue;
      applied++;
      const match = matcher({ ...NO_FILTER, text: needle });
      for (const chunk of chunks) {
        const holds = chunk.some((r) => match(r));
        const passes = mayHold(JSON.stringify(chunk));
        if (holds) expect(passes, `"${needle}" in chunk from seq ${chunk[0].seq}`).toBe(true);
        if (!passes) skippedSome++;
      }
    }
    // The look was taken for many needles, and it did rule chunks out.
    expect(applied).toBeGreaterThan(500);
    expect(skippedSome).toBeGreaterThan(100);
  });

  it("is not taken for needles the stored text may not hold as they are", () => {
    for (const needle of ["", "  ", "POST run", '"hi"', "a\\b", "undefined", "def", "nan", "infinity", "fin", "ünï", "ta\tb"]) expect(textMayMatch(needle), JSON.stringify(needle)).toBeUndefined();
    for (const needle of ["needle1", "Needle1", " needle1 ", "a-b/run", "cut@byte=42", "503"]) expect(textMayMatch(needle), needle).toBeDefined();
    expect(textMayMatch("Needle1")!('{"x":"the NEEDLE1 here"}')).toBe(true);
    expect(textMayMatch("Needle1")!('{"x":"the needle 1 here"}')).toBe(false);
  });
});

function chunked(records: SessionRecord[], size: number): SessionRecord[][] {
  const out: SessionRecord[][] = [];
  for (let i = 0; i < records.length; i += size) out.push(records.slice(i, i + size));
  return out;
}
