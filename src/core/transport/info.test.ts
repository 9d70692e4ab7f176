import { describe, expect, it } from "vitest";
import { parseRuntimeInfo, versionAtLeast } from "./info";

describe("versionAtLeast", () => {
  it("compares numerically, part by part, not as strings", () => {
    expect(versionAtLeast("1.100.0", "1.72")).toBe(true);
    expect(versionAtLeast("1.9.0", "1.72")).toBe(false);
    expect(versionAtLeast("10.0.0", "9.1")).toBe(true);
    expect(versionAtLeast("2.0.0", "1.72")).toBe(true);
    expect(versionAtLeast("0.99.0", "1.72")).toBe(false);
  });

  it("counts an equal version, a later patch and a pre-release of the same minor as reaching it", () => {
    expect(versionAtLeast("1.72", "1.72")).toBe(true);
    expect(versionAtLeast("1.72.0", "1.72")).toBe(true);
    expect(versionAtLeast("1.72.3", "1.72")).toBe(true);
    expect(versionAtLeast("1.72.0-next.1", "1.72")).toBe(true);
    expect(versionAtLeast("1.71.9", "1.72")).toBe(false);
  });

  it("treats a missing part as 0 and an unknown or malformed version as older", () => {
    expect(versionAtLeast("1", "1.72")).toBe(false);
    expect(versionAtLeast("2", "1.72")).toBe(true);
    expect(versionAtLeast(undefined, "1.72")).toBe(false);
    expect(versionAtLeast("", "1.72")).toBe(false);
    expect(versionAtLeast("latest", "1.72")).toBe(false);
  });
});

describe("parseRuntimeInfo", () => {
  it("accepts an object with an agents map, and keeps every field", () => {
    const body = { version: "1.75.0", agents: { a: { description: "x" } }, mode: "sse", extra: 1 };
    expect(parseRuntimeInfo(body)).toBe(body);
    expect(parseRuntimeInfo({ agents: {} })).toEqual({ agents: {} });
  });

  it("refuses anything else", () => {
    for (const body of [null, undefined, "info", 3, [], [{ agents: {} }], {}, { agents: null }, { agents: "a" }, { agents: ["a"] }]) {
      expect(parseRuntimeInfo(body), JSON.stringify(body)).toBeNull();
    }
  });
});
