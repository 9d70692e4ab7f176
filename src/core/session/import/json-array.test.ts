import { describe, expect, it } from "vitest";
import { createJsonArraySplitter } from "./json-array";
import { createLineSplitter } from "./lines";

function split(text: string, chunk = text.length) {
  const elements: [string, number][] = [];
  const errors: [number, string][] = [];
  const s = createJsonArraySplitter({ element: (t, l) => elements.push([t, l]), error: (l, m) => errors.push([l, m]) });
  for (let i = 0; i < text.length; i += chunk) s.feed(text.slice(i, i + chunk));
  s.end();
  return { elements, errors };
}

describe("createJsonArraySplitter", () => {
  const text = '[\n  {"a": "x,]}\\"[{"},\n  [1, [2]],\n  "s",\n  {"b": {"c": [3]}}\n]\n';

  it("yields each top-level element with its starting line, strings and nesting respected", () => {
    expect(split(text).elements).toEqual([
      ['{"a": "x,]}\\"[{"}', 2],
      ["[1, [2]]", 3],
      ['"s"', 4],
      ['{"b": {"c": [3]}}', 5],
    ]);
  });

  it("gives the same elements whatever the chunk size", () => {
    for (const size of [1, 2, 3, 7, 16]) expect(split(text, size)).toEqual(split(text));
  });

  it("reports a cut-off file and keeps the element it was reading", () => {
    const r = split('[{"type":"A"},\n{"type":"B"');
    expect(r.elements.map((e) => e[0])).toEqual(['{"type":"A"}', '{"type":"B"']);
    expect(r.errors).toEqual([[2, "the array is not closed: the file looks cut off"]]);
  });

  it("reports empty elements and trailing text by line", () => {
    const r = split('[1,,2]\n\nxyz');
    expect(r.elements.map((e) => e[0])).toEqual(["1", "2"]);
    expect(r.errors).toEqual([
      [1, "empty array element"],
      [3, "text after the end of the array"],
    ]);
  });
});

describe("createLineSplitter", () => {
  it("numbers LF and CRLF lines and keeps a last line without newline", () => {
    const lines: [string, number][] = [];
    const s = createLineSplitter((t, n) => lines.push([t, n]));
    for (const part of ["a\r", "\nbb", "b\n\nlong", "er", " tail"]) s.feed(part);
    s.end();
    expect(lines).toEqual([
      ["a", 1],
      ["bbb", 2],
      ["", 3],
      ["longer tail", 4],
    ]);
  });
});
