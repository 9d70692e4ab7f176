import { describe, expect, it } from "vitest";
import { encode } from "@ag-ui/proto";
import type { RecordDraft } from "../session/record";
import { createFrameRecorder, recordsFromSseText } from "./frames";

// Frames to records: the ids each record carries, the run a connect replay takes over, the SSE
// fields kept, and the bad-frame records for what is no frame (an unterminated tail without
// data, protobuf bytes that do not decode, a cut protobuf frame).

function recorder(ctx: { x: number; agentId?: string; threadId?: string; runId?: string } = { x: 3, agentId: "a", threadId: "t", runId: "asked" }) {
  const out: RecordDraft[] = [];
  const events: unknown[] = [];
  const frames = createFrameRecorder(ctx, (d) => out.push(d), (e) => events.push(e));
  return { frames, out, events };
}
const data = (o: object) => ({ data: JSON.stringify(o) });

describe("the ids a frame's record carries", () => {
  it("are the exchange's; a RUN_STARTED with another run id (a connect replay) takes the run over", () => {
    const { frames, out } = recorder();
    frames.sse(data({ type: "CUSTOM", name: "before", value: 1, runId: "not-a-start" }));
    frames.sse(data({ type: "RUN_STARTED", threadId: "t", runId: 42 }));
    frames.sse(data({ type: "CUSTOM", name: "still asked", value: 1 }));
    frames.sse(data({ type: "RUN_STARTED", threadId: "t", runId: "replayed" }));
    frames.sse(data({ type: "RUN_FINISHED", threadId: "t", runId: "replayed" }));
    frames.sse({ data: "{broken" });
    expect(out.map((r) => [r.kind, r.x, r.agentId, r.threadId, r.runId])).toEqual([
      ["event", 3, "a", "t", "asked"],
      ["event", 3, "a", "t", "asked"],
      ["event", 3, "a", "t", "asked"],
      ["event", 3, "a", "t", "replayed"],
      ["event", 3, "a", "t", "replayed"],
      ["bad-frame", 3, "a", "t", "replayed"],
    ]);
  });

  it("leave out ids the exchange has none of", () => {
    const { frames, out } = recorder({ x: 1 });
    frames.sse(data({ type: "CUSTOM", name: "n", value: 1 }));
    frames.comment("hi");
    expect(out.map((r) => Object.keys(r).filter((k) => k.endsWith("Id")))).toEqual([[], []]);
    expect(out[1]).toEqual({ dir: "in", kind: "comment", x: 1, text: "hi" });
  });
});

describe("SSE fields", () => {
  it("are kept when the frame had an event or an id field, and only then", () => {
    const { frames, out } = recorder();
    const e = { type: "CUSTOM", name: "n", value: 1 };
    frames.sse({ ...data(e), id: "7" });
    frames.sse({ ...data(e), event: "message" });
    frames.sse({ ...data(e), id: "" });
    frames.sse(data(e));
    frames.sse({ data: "{bad", id: "9" });
    expect(out.map((r) => (r as { sse?: unknown }).sse)).toEqual([{ id: "7" }, { event: "message" }, { id: "" }, undefined, { id: "9" }]);
  });
});

describe("the end of a body inside a frame", () => {
  it("with data lines: the event, flagged unterminated", () => {
    const { frames, out, events } = recorder();
    frames.unterminated({ raw: 'data: {"type":"RUN_FINISHED","threadId":"t","runId":"r"}', length: 52, midLine: true, frame: data({ type: "RUN_FINISHED", threadId: "t", runId: "r" }) });
    expect(out).toEqual([expect.objectContaining({ kind: "event", unterminated: true, event: { type: "RUN_FINISHED", threadId: "t", runId: "r" } })]);
    expect(events).toHaveLength(1);
    expect(frames.tally()).toEqual({ frames: 1, bad: 0, unterminated: true });
  });

  it("without a data line: a bad frame with the bytes, their full length when capped, and whether a line was cut", () => {
    const { frames, out, events } = recorder();
    frames.unterminated({ raw: "event: x\nid: 1", length: 14, midLine: true });
    frames.unterminated({ raw: "event: y", length: 90_000, midLine: false });
    expect(out).toEqual([
      { dir: "in", kind: "bad-frame", x: 3, agentId: "a", threadId: "t", runId: "asked", raw: "event: x\nid: 1", error: "the stream ended inside a frame with no data line (14 character(s), cut mid-line)", unterminated: true },
      { dir: "in", kind: "bad-frame", x: 3, agentId: "a", threadId: "t", runId: "asked", raw: "event: y", rawLength: 90_000, error: "the stream ended inside a frame with no data line (90000 character(s))", unterminated: true },
    ]);
    expect(events).toEqual([]);
    expect(frames.tally()).toEqual({ frames: 2, bad: 2, unterminated: true });
    expect(frames.frames()).toBe(2);
  });

  it("of a captured text: the last frame kept, counted", () => {
    const out: RecordDraft[] = [];
    const n = recordsFromSseText('data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\nevent: orphan', { x: 1 }, (d) => out.push(d));
    expect([n, out.map((r) => r.kind)]).toEqual([2, ["event", "bad-frame"]]);
  });
});

describe("protobuf frames", () => {
  it("decode to events kept with their bytes; bytes that do not decode and a cut frame are bad frames in base64", () => {
    const { frames, out, events } = recorder();
    const bytes = encode({ type: "RUN_STARTED", threadId: "t", runId: "proto-run" } as never);
    frames.proto(bytes);
    frames.proto(new Uint8Array([0xff, 0xff, 0xff]));
    frames.protoLeftover(new Uint8Array([1, 2]));
    expect(out[0]).toMatchObject({ kind: "event", rawEncoding: "base64", runId: "proto-run", event: { type: "RUN_STARTED", runId: "proto-run" } });
    expect(out[1]).toMatchObject({ kind: "bad-frame", rawEncoding: "base64", raw: "////", error: expect.stringMatching(/^protobuf /) });
    expect(out[2]).toEqual({ dir: "in", kind: "bad-frame", x: 3, agentId: "a", threadId: "t", runId: "proto-run", raw: "AQI=", error: "incomplete protobuf frame: 2 byte(s) at end of stream", rawEncoding: "base64", unterminated: true });
    expect(events).toHaveLength(1);
    expect(frames.tally()).toEqual({ frames: 3, bad: 2, unterminated: true });
  });
});
