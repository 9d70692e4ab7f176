import { describe, expect, it } from "vitest";
import { createGramFilter, gramProbe, GRAMS_VERSION } from "./text-grams";
import { rng } from "../../../test/rng";

// The filter must never say "not here" for a needle the text holds; it should say so for most
// needles it does not hold, and stay small for the text a chunk of token events holds.

function filterOf(...texts: string[]): Uint8Array {
  const f = createGramFilter(texts.reduce((n, t) => n + t.length, 0));
  for (const t of texts) f.add(t);
  return f.finish();
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 \"\\{}:,.-_ςσİi̇ßk\u{1F600}\u0000\n";

function randomText(random: () => number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return s;
}

describe("a trigram filter", () => {
  it("holds every needle of three or more characters that its texts hold, at every size it folds to", () => {
    const random = rng(7);
    let checked = 0;
    for (const length of [3, 40, 400, 4_000, 40_000, 200_000]) {
      const texts = [randomText(random, length), randomText(random, Math.ceil(length / 3))];
      const filter = filterOf(...texts);
      for (let k = 0; k < 300; k++) {
        const text = texts[k % 2];
        const at = Math.floor(random() * text.length);
        const needle = text.slice(at, at + 3 + Math.floor(random() * 12));
        if (needle.length < 3) continue;
        checked++;
        expect(gramProbe(needle)!(filter), JSON.stringify(needle)).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(1500);
  });

  it("rules out needles its texts do not hold, and is small for small text", () => {
    const text = JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ type: "TEXT_MESSAGE_CONTENT", messageId: "a1-3", delta: `word${i % 7} ` }))).toLowerCase();
    const filter = filterOf(text);
    expect(filter.length).toBeLessThanOrEqual(256);
    expect(gramProbe("text_message_content")!(filter)).toBe(true);
    expect(gramProbe("word6")!(filter)).toBe(true);
    const random = rng(3);
    let ruledOut = 0;
    for (let k = 0; k < 1000; k++) if (!gramProbe(randomText(random, 8))!(filter)) ruledOut++;
    expect(ruledOut).toBeGreaterThan(990);
    // A trigram spans no two texts: "ab" + "cd" does not hold "bc".
    const two = filterOf("xab", "cdy");
    expect(gramProbe("xab")!(two)).toBe(true);
    expect(gramProbe("abc")!(two)).toBe(false);
  });

  it("cannot answer a needle shorter than a trigram, and rules nothing out with a filter it did not write", () => {
    expect(gramProbe("")).toBeUndefined();
    expect(gramProbe("ab")).toBeUndefined();
    expect(gramProbe("abc")!(new Uint8Array(48))).toBe(true);
    expect(gramProbe("abc")!(new Uint8Array(0))).toBe(true);
  });
});

describe("the hash filters and the probe share", () => {
  it("writes version 1's bits exactly: filters stored by an earlier build are still read right (change the hash only with GRAMS_VERSION)", () => {
    const text = '[{"seq":1,"kind":"event","event":{"type":"TEXT_MESSAGE_CONTENT","delta":"Héllo wörld"}}]';
    const filter = createGramFilter(text.length);
    filter.add(text.toLowerCase());
    const bits = filter.finish();
    expect(GRAMS_VERSION).toBe(1);
    expect(Buffer.from(bits).toString("hex")).toBe("443eed000c93f300a27907d9886f4c00d34f502b8c3c51904da582747c83ec05");
    expect(gramProbe("héllo")!(bits)).toBe(true);
  });
});
