import { describe, expect, it } from "vitest";
import { createSseDecoder, type SseFrame, type UnterminatedFrame } from "./sse";

function decode(chunks: string[]) {
  const frames: SseFrame[] = [];
  const comments: string[] = [];
  const partial: UnterminatedFrame[] = [];
  const decoder = createSseDecoder({ frame: (f) => frames.push(f), comment: (c) => comments.push(c), unterminated: (p) => partial.push(p) });
  for (const chunk of chunks) decoder.feed(chunk);
  const beforeEnd = frames.length;
  decoder.end();
  return { frames, comments, partial, beforeEnd };
}

describe("SSE decoder end()", () => {
  it("hands over a final frame that has no blank line after it, fields and all", () => {
    const { frames, partial } = decode(["data: one\n\n", "event: last\nid: 9\ndata: two"]);
    expect(frames).toEqual([{ data: "one" }]);
    expect(partial).toEqual([{ raw: "event: last\nid: 9\ndata: two", length: 27, frame: { data: "two", event: "last", id: "9" }, midLine: true }]);
  });

  it("hands over a final frame whose lines ended but whose blank line never came", () => {
    const { partial } = decode(["data: a\r\ndata: b\n"]);
    expect(partial).toEqual([{ raw: "data: a\ndata: b", length: 15, frame: { data: "a\nb" }, midLine: false }]);
  });

  it("hands over nothing when the stream ended cleanly or with a comment", () => {
    const { frames, comments, partial } = decode(["data: x\n\n: bye\n"]);
    expect(frames).toEqual([{ data: "x" }]);
    expect(comments).toEqual(["bye"]);
    expect(partial).toEqual([]);
  });

  it("ends lines at CR, LF and CRLF alike, a CRLF split across chunks included", () => {
    const { frames, partial } = decode(["data: a\r\r", "data: b\n\n", "data: c\r", "\n\r\n", "data: d\r\n\r\n"]);
    expect(frames.map((f) => f.data)).toEqual(["a", "b", "c", "d"]);
    expect(partial).toEqual([]);
  });

  it("drops a byte-order mark at the very start only", () => {
    expect(decode(["\uFEFFdata: x\n\n"]).frames).toEqual([{ data: "x" }]);
  });
});
