import { describe, expect, it } from "vitest";
import { SESSION_FORMAT, SESSION_VERSION, SessionFileError, TOOL_INFO, createHeader, encodeSessionFile, parseSessionFile } from "./file";
import type { SessionRecord } from "./record";

const HEADER = JSON.stringify({ format: SESSION_FORMAT, version: SESSION_VERSION, id: "s1", createdAt: "2026-01-01T00:00:00.000Z", tool: TOOL_INFO, redaction: { headers: true } });
const comment = (seq: number): SessionRecord => ({ seq, t: 0, x: 1, dir: "in", kind: "comment", text: `c${seq}` });

describe("session header", () => {
  it("fills format, version, a fresh id, the time, the tool and header redaction; given fields win", () => {
    const h = createHeader();
    expect(h).toMatchObject({ format: "agui-inspector-session", version: 1, tool: { name: "agui-inspector", version: "0.1.0" }, redaction: { headers: true } });
    expect(typeof h.id).toBe("string");
    expect(h.id.length).toBeGreaterThan(8);
    expect(createHeader().id).not.toBe(h.id);
    expect(Number.isNaN(Date.parse(h.createdAt))).toBe(false);
    expect(createHeader({ id: "mine", createdAt: "then", name: "n" })).toMatchObject({ id: "mine", createdAt: "then", name: "n" });
  });
});

describe("parseSessionFile", () => {
  it("reads back what encodeSessionFile wrote, CRLF and blank lines included", () => {
    const text = encodeSessionFile(JSON.parse(HEADER), [comment(1), comment(2)]);
    expect(parseSessionFile(text)).toEqual({ header: JSON.parse(HEADER), records: [comment(1), comment(2)], errors: [] });
    expect(parseSessionFile(text.replace(/\n/g, "\r\n") + "\r\n\r\n   \n")).toEqual({ header: JSON.parse(HEADER), records: [comment(1), comment(2)], errors: [] });
    expect(parseSessionFile(HEADER)).toEqual({ header: JSON.parse(HEADER), records: [], errors: [] });
  });

  it("reports each bad record line by number, with the reason, and keeps reading", () => {
    const lines = [
      HEADER,
      JSON.stringify(comment(1)),
      "{oops",
      "[1]",
      "null",
      JSON.stringify({ ...comment(2), seq: 0 }),
      JSON.stringify({ ...comment(2), seq: 1.5 }),
      JSON.stringify({ ...comment(2), seq: "2" }),
      JSON.stringify({ ...comment(2), dir: "sideways" }),
      JSON.stringify({ ...comment(2), kind: "mystery" }),
      JSON.stringify({ seq: 3, t: 0, x: 1, dir: "in", kind: "event" }),
      JSON.stringify({ seq: 3, t: 0, x: 1, dir: "in", kind: "event", event: { type: 5 } }),
      JSON.stringify({ seq: 4, t: 0, x: 1, dir: "out", kind: "event", event: { type: "CUSTOM" } }),
    ];
    const parsed = parseSessionFile(lines.join("\n"));
    expect(parsed.records.map((r) => r.seq)).toEqual([1, 4]);
    expect(parsed.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(parsed.errors[0].error).toMatch(/^invalid JSON: /);
    expect(parsed.errors.slice(1).map((e) => e.error)).toEqual([
      "record is not a JSON object",
      "record is not a JSON object",
      "record has no valid seq",
      "record has no valid seq",
      "record has no valid seq",
      'record 2: dir must be "in" or "out"',
      'record 2: unknown kind "mystery"',
      "record 3: event record without an event",
      "record 3: event record without an event",
    ]);
  });

  it("refuses a file that is not a session, saying why and where", () => {
    expect(() => parseSessionFile("")).toThrow(new SessionFileError("empty file: no session header"));
    expect(() => parseSessionFile("\n\n{nope")).toThrow(/^line 3: the header is not JSON \(/);
    expect(() => parseSessionFile('{"format":"other"}')).toThrow(new SessionFileError('line 1: not an agui-inspector session (header "format" must be "agui-inspector-session")'));
    expect(() => parseSessionFile("null")).toThrow(/line 1: not an agui-inspector session/);
    expect(() => parseSessionFile(`{"format":"${SESSION_FORMAT}","version":2}`)).toThrow(new SessionFileError("line 1: session format version 2 is not supported (this build reads 1)"));
    let name = "";
    try {
      parseSessionFile("x");
    } catch (err) {
      name = (err as Error).name;
    }
    expect(name).toBe("SessionFileError");
  });
});
