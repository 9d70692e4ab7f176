import { describe, expect, it } from "vitest";
import { importText } from "./index";
import { createHeader } from "../file";

const header = JSON.stringify(createHeader({ id: "s", createdAt: "2026-01-01T00:00:00.000Z" }));
const line = (o: unknown) => JSON.stringify(o);

describe("this project's session file, line by line", () => {
  it("reports each malformed record with its reason and keeps the good ones, blank lines skipped", () => {
    const text = [
      header,
      "",
      line({ seq: 1, t: 0, x: 1, dir: "in", kind: "comment", text: "ok" }),
      "[1]",
      "null",
      line({ seq: 0, t: 0, x: 1, dir: "in", kind: "comment" }),
      line({ seq: 2.5, t: 0, x: 1, dir: "in", kind: "comment" }),
      line({ seq: 2, t: 0, x: 1, dir: "up", kind: "comment" }),
      line({ seq: 2, t: 0, x: 1, dir: "in", kind: "nope" }),
      line({ seq: 2, t: 0, x: 1, dir: "in", kind: "event", event: {} }),
      "   ",
      "42",
      '"text"',
      line({ seq: "2", t: 0, x: 1, dir: "in", kind: "comment" }),
      line({ seq: 1, t: 0, x: 1, dir: "in", kind: "comment", text: "same seq again" }),
      line({ seq: 2, t: 0, x: 1, dir: "in", kind: 7 }),
      line({ seq: 2, t: 0, x: 1, dir: "out", kind: "comment", text: "ok" }),
    ].join("\n");
    const r = importText(text);
    expect(r.records.map((x) => x.seq)).toEqual([1, 2]);
    expect(r.errors).toEqual([
      { line: 4, error: "record is not a JSON object" },
      { line: 5, error: "record is not a JSON object" },
      { line: 6, error: "record has no valid seq" },
      { line: 7, error: "record has no valid seq" },
      { line: 8, error: 'record 2: dir must be "in" or "out"' },
      { line: 9, error: 'record 2: unknown kind "nope"' },
      { line: 10, error: "record 2: event record without an event" },
      { line: 12, error: "record is not a JSON object" },
      { line: 13, error: "record is not a JSON object" },
      { line: 14, error: "record has no valid seq" },
      { line: 15, error: "record 1: seq must be above the previous record's 1" },
      { line: 16, error: "record 2: unknown kind 7" },
    ]);
  });

  it("refuses a first line that is no session header, naming the line", () => {
    expect(() => importText('{"format":"agui-inspector-session","version":7}\n')).toThrow(/^line 1: session format version 7 is not supported/);
  });
});
