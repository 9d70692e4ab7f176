// Text that holds the marks of mis-decoded UTF-8 but also characters windows-1252 never writes:
// it was real text all along, and is left as it is.
import { describe, expect, it } from "vitest";
import { repairMisDecoded } from "./mojibake";

describe("repairMisDecoded", () => {
  it("turns a windows-1252 reading back, and leaves alone text with characters no such reading holds", () => {
    const misread = Buffer.from("héllo 🌞", "utf8").toString("latin1");
    expect(repairMisDecoded(misread)).toEqual({ state: "repaired", text: "héllo 🌞" });
    // Í and Á are C3 8D and C3 81: windows-1252 leaves 0x8D and 0x81 unassigned, read as U+008D and U+0081.
    for (const word of ["Ísland", "Árni"]) expect(repairMisDecoded(Buffer.from(word, "utf8").toString("latin1"))).toEqual({ state: "repaired", text: word });
    for (const real of ["Ã© is é misread, said 中文", "Ã© and Ā"]) {
      expect(repairMisDecoded(real)).toEqual({ state: "unrepairable", text: real });
    }
  });
});
