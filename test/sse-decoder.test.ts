import { describe, expect, it } from "vitest";
import { createSseDecoder, type SseFrame, type UnterminatedFrame } from "../src/core/transport/sse";
import { recordsFromSseText } from "../src/core/transport/frames";
import { RAW_CAP } from "../src/core/protocol/limits";
import type { SessionRecord } from "../src/core/session/record";
import { importText } from "../src/core/session/import";
import { createEventRecorder } from "../src/core/session/import/events";
import type { RecordDraft } from "../src/core/session/record";

/** Decode `chunks` exactly as split, and list what came out in order. */
function decode(chunks: string[]) {
  const out: (SseFrame | { comment: string } | { partial: UnterminatedFrame })[] = [];
  const d = createSseDecoder({ frame: (f) => out.push(f), comment: (c) => out.push({ comment: c }), unterminated: (p) => out.push({ partial: p }) });
  for (const c of chunks) d.feed(c);
  d.end();
  return out;
}

/** Every way of cutting `text` into two chunks. */
function allSplits(text: string): string[][] {
  const out: string[][] = [];
  for (let i = 0; i <= text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  return out;
}

describe("SSE line ends: CR, LF and CRLF all end a line", () => {
  const crOnly = "data: a\r\rdata: b\rdata: c\r\r: note\r\rdata: last\r\r";
  const expected = [{ data: "a" }, { data: "b\nc" }, { comment: "note" }, { data: "last" }];

  it("a CR-only body keeps every frame, the last one included", () => {
    expect(decode([crOnly])).toEqual(expected);
  });

  it("however the body is split into chunks (a CR at a chunk's end is one line end, not two)", () => {
    for (const split of allSplits(crOnly)) expect(decode(split), JSON.stringify(split)).toEqual(expected);
    const crlf = "data: a\r\n\r\ndata: b\r\ndata: c\r\n\r\n";
    for (const split of allSplits(crlf)) expect(decode(split), JSON.stringify(split)).toEqual([{ data: "a" }, { data: "b\nc" }]);
  });

  it("a frame ended by CR CR is handed over at once, not held back for the next chunk", () => {
    const seen: SseFrame[] = [];
    const d = createSseDecoder({ frame: (f) => seen.push(f), comment: () => {} });
    d.feed("data: now\r\r");
    expect(seen).toEqual([{ data: "now" }]);
  });

  it("mixed line ends in one body", () => {
    expect(decode(["data: 1\n\ndata: 2\r\rdata: 3\r\n\r\nevent: e\rid: 9\ndata: 4\r\n\n"])).toEqual([
      { data: "1" },
      { data: "2" },
      { data: "3" },
      { data: "4", event: "e", id: "9" },
    ]);
  });
});

describe("a body that ends inside a frame", () => {
  it("a whole data line with no blank line after it is handed over as the unterminated frame", () => {
    const out = decode(['data: {"type":"A"}\n\n', 'data: {"type":"RUN_FINISHED"}\n']);
    expect(out).toEqual([{ data: '{"type":"A"}' }, { partial: { raw: 'data: {"type":"RUN_FINISHED"}', length: 29, midLine: false, frame: { data: '{"type":"RUN_FINISHED"}' } } }]);
  });

  it("part of a data line (no line end at all) is handed over with its bytes", () => {
    const out = decode(['data: {"type":"A"}\n\n', 'event: x\ndata: {"type":"TEXT_MESS']);
    expect(out[1]).toEqual({ partial: { raw: 'event: x\ndata: {"type":"TEXT_MESS', length: 33, midLine: true, frame: { data: '{"type":"TEXT_MESS', event: "x" } } });
  });

  it("a cut inside a field name is kept too, though it has no data", () => {
    expect(decode(["data: 1\n\n", "da"])).toEqual([{ data: "1" }, { partial: { raw: "da", length: 2, midLine: true } }]);
  });

  it("nothing is handed over when the body ended on a frame boundary or after a comment", () => {
    expect(decode(["data: 1\n\n"])).toEqual([{ data: "1" }]);
    expect(decode(["data: 1\r\r: bye"])).toEqual([{ data: "1" }, { comment: "bye" }]);
  });

  it("a frame far over the cap keeps RAW_CAP characters and says how long it was", () => {
    const big = "x".repeat(RAW_CAP * 3);
    const [p] = decode([`data: ${big.slice(0, RAW_CAP)}`, big.slice(RAW_CAP)]) as { partial: UnterminatedFrame }[];
    expect(p.partial.raw).toHaveLength(RAW_CAP);
    expect(p.partial.length).toBe(RAW_CAP * 3 + 6);
    expect(p.partial.raw.startsWith("data: xxx")).toBe(true);
  });
});

describe("frames to records: each frame isolated", () => {
  const records = (text: string) => {
    const out: SessionRecord[] = [];
    let seq = 0;
    const frames = recordsFromSseText(text, { x: 1 }, (d) => out.push({ ...d, seq: ++seq, t: 0 } as SessionRecord));
    return { out, frames };
  };

  it("an unterminated last frame that decodes is an event flagged unterminated, as @ag-ui/client decodes it", () => {
    const { out, frames } = records('data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\ndata: {"type":"RUN_FINISHED","threadId":"t","runId":"r"}');
    expect(frames).toBe(2);
    expect(out.map((r) => r.kind)).toEqual(["event", "event"]);
    expect(out[1]).toMatchObject({ kind: "event", event: { type: "RUN_FINISHED" }, unterminated: true });
    expect(out[0]).not.toHaveProperty("unterminated");
  });

  it("an unterminated frame that does not decode is a bad frame with its raw text and the reason", () => {
    const { out } = records('data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\ndata: {"type":"TEXT_MESSAGE_CONT');
    expect(out[1]).toMatchObject({ kind: "bad-frame", raw: '{"type":"TEXT_MESSAGE_CONT', unterminated: true, error: expect.stringMatching(/^the stream ended inside this frame .*invalid JSON/) });
  });

  it("a 10,000-deep event becomes a bad frame with its raw text, and the frames after it are events", () => {
    const deep = `{"type":"CUSTOM","name":"n","value":${"[".repeat(10_000)}${"]".repeat(10_000)}}`;
    const { out } = records(`data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\ndata: ${deep}\n\ndata: {"type":"RUN_FINISHED","threadId":"t","runId":"r"}\n\n`);
    expect(out.map((r) => r.kind)).toEqual(["event", "bad-frame", "event"]);
    expect(out[1]).toMatchObject({ raw: deep, error: expect.stringMatching(/nested more than 1000 levels/) });
    expect(() => JSON.stringify(out)).not.toThrow();
    expect(() => structuredClone(out)).not.toThrow();
  });

  it("1000 levels is still an event; 1001 is not", () => {
    const nested = (n: number) => `{"type":"CUSTOM","name":"n","value":${"[".repeat(n - 1)}${"]".repeat(n - 1)}}`;
    expect(records(`data: ${nested(1000)}\n\n`).out[0].kind).toBe("event");
    expect(records(`data: ${nested(1001)}\n\n`).out[0].kind).toBe("bad-frame");
  });

  it("a bad frame's raw text is capped at RAW_CAP with the original length", () => {
    const junk = "not json ".repeat(RAW_CAP / 4);
    const { out } = records(`data: ${junk}\n\ndata: {"type":"RUN_FINISHED"}\n\n`);
    expect(out[0]).toMatchObject({ kind: "bad-frame", rawLength: junk.length });
    expect((out[0] as { raw: string }).raw).toBe(junk.slice(0, RAW_CAP));
    expect(out[1]).toMatchObject({ kind: "event" });
  });

  it("a push that throws for one frame costs only that frame", () => {
    const out: SessionRecord[] = [];
    let calls = 0;
    recordsFromSseText('data: {"type":"A"}\n\ndata: {"type":"B"}\n\ndata: {"type":"C"}\n\n', { x: 1 }, (d) => {
      calls++;
      if (d.kind === "event" && d.event.type === "B") throw new Error("sink refused B");
      out.push(d as SessionRecord);
    });
    expect(out.map((r) => (r.kind === "event" ? r.event.type : `${r.kind}: ${(r as { error?: string }).error}`))).toEqual(["A", "bad-frame: could not be handled: sink refused B", "C"]);
    expect(calls).toBe(4);
  });
});

describe("imports hold each frame apart too", () => {
  const deep = "[".repeat(10_000) + "]".repeat(10_000);
  const R = '{"type":"RUN_STARTED","threadId":"t","runId":"r"}';
  const F = '{"type":"RUN_FINISHED","threadId":"t","runId":"r"}';
  const kinds = (records: SessionRecord[]) => records.map((r) => (r.kind === "event" ? r.event.type : r.kind));

  it("an SSE capture with a 10,000-deep frame and CR-only ends, ending inside its last frame", () => {
    const r = importText(`data: ${R}\r\rdata: {"type":"CUSTOM","name":"n","value":${deep}}\r\rdata: ${F}`, { now: 0 });
    expect(kinds(r.records)).toEqual(["RUN_STARTED", "bad-frame", "RUN_FINISHED", "end"]);
    expect(r.records[2]).toMatchObject({ unterminated: true });
    expect(r.records.at(-1)).toMatchObject({ frames: 3, badFrames: 1, unterminated: true });
  });

  it("a JSON array of events with a 10,000-deep one", () => {
    const r = importText(`[${R},{"type":"CUSTOM","name":"n","value":${deep}},${F}]`, { now: 0 });
    expect(kinds(r.records).slice(0, 3)).toEqual(["RUN_STARTED", "bad-frame", "RUN_FINISHED"]);
    expect(r.records[1]).toMatchObject({ error: expect.stringMatching(/nested more than 1000 levels/) });
    expect(() => JSON.stringify(r.records)).not.toThrow();
  });
});

describe("event values from other tools' exports", () => {
  it("a value too deep to write back as text is a bad frame that says so, not a thrown import", () => {
    const out: RecordDraft[] = [];
    const rec = createEventRecorder({ x: 1 }, (d) => out.push(d));
    rec.value({ type: "RUN_STARTED", threadId: "t", runId: "r" });
    // 200,000 levels overflow the stack of any test pool (worker threads have 4 MB), so the case holds under Stryker too.
    expect(() => rec.value(JSON.parse(`{"type":"CUSTOM","value":${"[".repeat(200_000)}${"]".repeat(200_000)}}`))).not.toThrow();
    rec.value({ type: "RUN_FINISHED", threadId: "t", runId: "r" });
    expect(out.map((d) => d.kind)).toEqual(["event", "bad-frame", "event"]);
    expect(out[1]).toMatchObject({ raw: "(not writable as JSON text: Maximum call stack size exceeded)", error: expect.stringMatching(/nested more than 1000/) });
  });
});

describe("a sink that throws", () => {
  it("gets every later frame once, in order, and the decoder's error names the first failure", () => {
    const seen: string[] = [];
    const d = createSseDecoder({
      frame: (f) => {
        seen.push(f.data);
        if (f.data === "2") throw new Error("sink failed on 2");
      },
      comment: () => {},
    });
    expect(() => d.feed("data: 1\n\ndata: 2\n\ndata: 3\n\n")).toThrow("sink failed on 2");
    d.feed("data: 4\n\n");
    d.end();
    expect(seen).toEqual(["1", "2", "3", "4"]);
  });
});
