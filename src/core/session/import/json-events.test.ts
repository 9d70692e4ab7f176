// A JSON array of AG-UI events (the runtime's stream saved as an array): one exchange, events in
// array order, broken elements kept as bad frames and counted in the exchange's end.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importText } from "./importer";

const FIXTURE = readFileSync(join(import.meta.dirname, "../../../../test/fixtures/import/runtime-scripted.events.json"), "utf8");
const NOW = Date.parse("2026-01-01T00:00:00.000Z");

describe("a JSON array of events", () => {
  it("imports every event into exchange 1, closed by an end that counts them", () => {
    const source = JSON.parse(FIXTURE) as unknown[];
    const r = importText(FIXTURE, { file: "/tmp/runs/runtime-scripted.events.json", now: NOW });
    expect(r.format).toBe("json-events");
    expect(r.header.source).toEqual({ kind: "json-events", file: "runtime-scripted.events.json" });
    expect(r.header).not.toHaveProperty("agentId");
    expect(r.records.map((x) => [x.x, x.kind, x.t])).toEqual([...source.map(() => [1, "event", NOW]), [1, "end", NOW]]);
    expect(r.records.at(-1)).toMatchObject({ dir: "in", kind: "end", op: "run", outcome: "complete", frames: source.length });
  });

  it("keeps an element that is not JSON as a bad frame in its place, reported by line, and counts it", () => {
    const lines = FIXTURE.trimEnd().split("\n");
    // Break the second element's first field (pretty-printed: elements open with "  {").
    const at = lines.findIndex((l, i) => i > 1 && l === "  {");
    lines[at + 1] = lines[at + 1].replace('"type":', '"type"');
    const r = importText(lines.join("\n"), { now: NOW });
    expect(r.errors).toEqual([{ line: at + 1, error: expect.stringMatching(/^invalid JSON/) }]);
    expect(r.records.map((x) => x.kind).slice(0, 3)).toEqual(["event", "bad-frame", "event"]);
    // Tagged with its exchange and the run it fell in, and nothing the array did not say.
    const bad = r.records[1] as { raw: string };
    expect(r.records[1]).toStrictEqual({ seq: 2, t: NOW, dir: "in", kind: "bad-frame", x: 1, runId: "run-capture-1", raw: bad.raw, error: r.errors[0].error });
    expect(bad.raw).toContain('"type" "');
    expect(r.records.at(-1)).toMatchObject({ kind: "end", frames: r.records.length - 1 });
  });

  it("keeps a first element that is not JSON as the first bad frame, tagged with nothing but its exchange", () => {
    const r = importText(`[\n{"type": RUN_STARTED},\n${JSON.stringify({ type: "RUN_FINISHED", threadId: "t", runId: "r" })}\n]`, { now: NOW });
    expect(r.errors).toEqual([{ line: 2, error: expect.stringMatching(/^invalid JSON/) }]);
    expect(r.records[0]).toStrictEqual({ seq: 1, t: NOW, dir: "in", kind: "bad-frame", x: 1, raw: '{"type": RUN_STARTED}', error: r.errors[0].error });
    expect(r.records.map((x) => x.kind)).toEqual(["bad-frame", "event", "end"]);
  });

  it("keeps what a file cut off mid-array holds: the events, the partial last one as a bad frame, and says it was cut", () => {
    const cut = FIXTURE.slice(0, FIXTURE.lastIndexOf('"type"'));
    const whole = (JSON.parse(FIXTURE) as unknown[]).length;
    const r = importText(cut, { now: NOW });
    expect(r.format).toBe("json-events");
    expect(r.errors.at(-1)).toEqual({ line: cut.split("\n").length, error: "the array is not closed: the file looks cut off" });
    expect(r.records.filter((x) => x.kind === "event")).toHaveLength(whole - 1);
    expect(r.records.at(-2)).toMatchObject({ kind: "bad-frame", raw: expect.stringMatching(/^\{/) });
  });
});
