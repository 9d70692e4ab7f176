import { describe, expect, it } from "vitest";
import type { RequestRecord } from "../core/session/record";
import { boundedJson, rawFormOf } from "./raw-form";

describe("raw form of a refused record", () => {
  it("JSON text cut at the cap, with the full length", () => {
    expect(boundedJson({ a: "xyz" }, 5)).toEqual({ text: '{"a":', length: 11 });
    expect(boundedJson({ a: "xyz" }, 100)).toEqual({ text: '{"a":"xyz"}', length: 11 });
  });

  it("nesting too deep for JSON.stringify is written without recursion, matching what JSON would say", () => {
    const depth = 50_000;
    const root: unknown[] = [];
    let at = root;
    for (let i = 1; i < depth; i++) at.push((at = [1]));
    expect(() => JSON.stringify(root)).toThrow(RangeError);
    const { text, length } = boundedJson(root, 40);
    expect(text).toBe("[[1,[1,[1,[1,[1,[1,[1,[1,[1,[1,[1,[1,[1,".slice(0, 40));
    // the root's brackets, "[1]" per inner array, and a comma before each child
    expect(length).toBe(2 + 3 * (depth - 1) + (depth - 2));
  });

  it("the fallback drops what JSON drops, writes null where JSON does, and names a cycle", () => {
    const cyclic: Record<string, unknown> = { s: "q\"", n: NaN, u: undefined, f: () => 1, list: [undefined, 2n], shared: null };
    cyclic.self = cyclic;
    const twice = { k: 1 };
    cyclic.pair = [twice, twice];
    expect(boundedJson(cyclic, 1000).text).toBe('{"s":"q\\"","n":null,"list":[null,"2"],"shared":null,"self":"[Circular]","pair":[{"k":1},{"k":1}]}');
  });

  it("an outbound record is kept whole as JSON, and says what it was", () => {
    const req: RequestRecord = { seq: 4, t: 9, x: 2, dir: "out", kind: "request", op: "run", method: "POST", url: "http://127.0.0.1:1/rest", transport: "rest", headers: {}, runId: "r" };
    const form = rawFormOf(req, new DOMException("no", "DataCloneError"));
    expect(form).toMatchObject({ seq: 4, t: 9, x: 2, kind: "bad-frame", runId: "r", raw: JSON.stringify(req) });
    expect(form.error).toMatch(/refused this outbound request record \(DataCloneError: no\)/);
  });
});
