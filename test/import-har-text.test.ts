// HAR bodies saved as windows-1252 read them (Chromium DevTools' export, and Playwright's — see
// e2e/har-unicode.spec.ts): repaired on import with a finding; a body that cannot be turned
// back is kept as saved, with a finding.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importText } from "../src/core/session/import";
import { repairMisDecoded } from "../src/core/session/import/mojibake";
import { createReplay } from "../src/core/replay";
import type { ResponseRecord, SessionRecord } from "../src/core/session/record";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures/import", name), "utf8");
const unicode = fixture("chrome-devtools-unicode.har");
const mojibake = fixture("chrome-devtools-mojibake.har");
const events = (records: SessionRecord[]) => records.flatMap((r) => (r.kind === "event" ? [r.event] : []));
const importFindings = (records: SessionRecord[]) => {
  const replay = createReplay();
  replay.append(records);
  return replay.findingsUpTo().filter((f) => f.rule.startsWith("import/")).map((f) => [f.rule, f.seq]);
};

describe("HAR bodies saved as windows-1252", () => {
  it("the fixture really holds the mis-decoded text (made with Python's cp1252 codec)", () => {
    expect(mojibake).toContain("hÃ©lloðŸŒž");
    expect(mojibake).not.toContain("héllo🌞\\\"");
    expect(unicode).toContain("chrôme—„21°C”✅日本");
  });

  it("imports the mis-decoded copy as the text the wire carried, and says it repaired it", () => {
    const good = importText(unicode);
    const bad = importText(mojibake);
    expect(bad.errors).toEqual([]);
    expect(events(bad.records)).toEqual(events(good.records));
    const text = JSON.stringify(events(bad.records));
    expect(text).toContain("héllo🌞");
    expect(text).toContain("chrôme—„21°C”✅日本");
    const response = bad.records.find((r): r is ResponseRecord => r.kind === "response" && r.op === "run" && /text\/event-stream/.test(r.contentType))!;
    expect(response.misDecoded).toEqual({ as: "windows-1252", repaired: true });
    expect(importFindings(bad.records)).toEqual([["import/body-repaired", response.seq]]);
    // the UTF-8 copy is left alone
    expect(good.records.some((r) => r.kind === "response" && r.misDecoded)).toBe(false);
    expect(importFindings(good.records)).toEqual([]);
  });

  it("keeps a body that does not turn back, and says so", () => {
    // a stray real emoji after a mis-decoded lead byte: no windows-1252 byte sequence gives this text
    const broken = mojibake.replace("hÃ©lloðŸŒž", "hÃ😀lloðŸŒž");
    const imported = importText(broken);
    expect(imported.errors).toEqual([]);
    const text = JSON.stringify(events(imported.records));
    expect(text).toContain("hÃ😀lloðŸŒž");
    const response = imported.records.find((r): r is ResponseRecord => r.kind === "response" && !!r.misDecoded)!;
    expect(response.misDecoded).toEqual({ as: "windows-1252", repaired: false });
    expect(importFindings(imported.records)).toEqual([["import/body-mis-decoded", response.seq]]);
    // every frame is still there
    expect(events(imported.records)).toHaveLength(events(importText(unicode).records).length);
  });
});

describe("repairMisDecoded", () => {
  it("turns windows-1252 readings of UTF-8 back, and leaves real text alone", () => {
    expect(repairMisDecoded("21Â°C ðŸŒž")).toEqual({ state: "repaired", text: "21°C 🌞" });
    expect(repairMisDecoded("â€\u009d")).toEqual({ state: "repaired", text: "”" });
    expect(repairMisDecoded("plain ascii")).toEqual({ state: "clean", text: "plain ascii" });
    expect(repairMisDecoded("café 21°C 🌞 日本")).toEqual({ state: "clean", text: "café 21°C 🌞 日本" });
    // looks mis-decoded, but the bytes are no UTF-8 (a lead byte with no continuation)
    expect(repairMisDecoded("Ã© and Ã")).toEqual({ state: "unrepairable", text: "Ã© and Ã" });
  });
});
