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

describe("createJsonArraySplitter on arrays as editors and other tools lay them out", () => {
  it("takes spaces, tabs and CRLF line ends around elements as layout, and an empty array as no elements", () => {
    expect(split('[\r\n\t{"a": 1} ,\r\n\t[2]\r\n]\r\n')).toEqual({ elements: [['{"a": 1}', 2], ["[2]", 3]], errors: [] });
    expect(split("[ ]\n")).toEqual({ elements: [], errors: [] });
    expect(split("\t[1]\t\r\n")).toEqual({ elements: [["1", 1]], errors: [] });
  });

  it("reads an empty string as a whole element, even as the very first string", () => {
    expect(split('["", {"b": "\\"q\\""}]').elements.map((e) => e[0])).toEqual(['""', '{"b": "\\"q\\""}']);
  });

  it("counts a raw line break inside a string (a hand edit) so later elements keep their line numbers", () => {
    const r = split('[{"a": "line\nbreak"},\n{"b": 1},\n,\n]');
    expect(r.elements).toEqual([
      ['{"a": "line\nbreak"}', 1],
      ['{"b": 1}', 3],
    ]);
    expect(r.errors).toEqual([[4, "empty array element"]]);
  });

  it("says when the input is no array, once", () => {
    expect(split('{"a": 1}\n{"b": 2}')).toEqual({ elements: [], errors: [[1, "not a JSON array"]] });
  });

  it("says when the file was cut right after an element or the opening bracket, or holds nothing", () => {
    expect(split('[{"type":"A"},\n').errors).toEqual([[2, "the array is not closed: the file looks cut off"]]);
    expect(split("[").errors).toEqual([[1, "the array is not closed: the file looks cut off"]]);
    expect(split("  \n").errors).toEqual([[2, "empty input: no JSON array"]]);
  });
});

describe("createLineSplitter", () => {
  it("adds no empty last line when the input ends with its newline", () => {
    const lines: string[] = [];
    const s = createLineSplitter((t) => lines.push(t));
    s.feed("a\nb\n");
    s.end();
    expect(lines).toEqual(["a", "b"]);
  });

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
