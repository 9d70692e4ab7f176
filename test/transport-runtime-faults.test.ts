import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { deepJson } from "../e2e/fixtures/fault-server";
import { createRuntimeClient } from "../src/core/transport/client";
import type { FetchLike } from "../src/core/transport/exchange";
import { buildRunInput, userMessage } from "../src/core/transport/input";
import type { SessionRecord } from "../src/core/session/record";
import { recordingHarness } from "./helpers";

// The real CopilotKit runtime's bytes, with one fault laid over them on the way in (the only
// mock here): the same stream cut mid-frame, re-written with CR-only line ends, or with one
// 10,000-deep frame slipped in the middle.

let rt: RuntimeFixture;
beforeAll(async () => {
  rt = await startRuntime();
});
afterAll(() => rt.close());

type Fault = (body: Uint8Array) => { bytes: Uint8Array; cut?: boolean };

/** Real fetch; a stream answer's body is read whole, then replayed through `fault`. */
function faulty(fault: Fault, seen: { body?: string }): FetchLike {
  return async (input, init) => {
    const res = await fetch(input, init);
    if (!(res.headers.get("content-type") ?? "").includes("text/event-stream")) return res;
    const body = new Uint8Array(await res.arrayBuffer());
    seen.body = new TextDecoder().decode(body);
    const { bytes, cut } = fault(body);
    // in two writes, so the decoder meets a chunk boundary too; a cut errors only after both
    // were read (erroring at once would discard what is queued)
    const half = Math.floor(bytes.length / 2);
    const pieces = [bytes.slice(0, half), bytes.slice(half)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = pieces.shift();
        if (next) controller.enqueue(next);
        else if (cut) controller.error(new TypeError("terminated"));
        else controller.close();
      },
    });
    return new Response(stream, { status: res.status, headers: res.headers });
  };
}

async function runWith(fault: Fault) {
  const { recorder, records } = recordingHarness();
  const seen: { body?: string } = {};
  const client = createRuntimeClient({ url: rt.restUrl, transport: "rest", recorder, fetch: faulty(fault, seen) });
  await client.discover();
  const outcome = await client.run("scripted", buildRunInput({ messages: [userMessage("fault me")] }));
  const x = outcome.x;
  const inbound = records.filter((r) => r.x === x && r.dir === "in" && (r.kind === "event" || r.kind === "bad-frame" || r.kind === "comment"));
  return { outcome, records: records.filter((r) => r.x === x), inbound, wire: seen.body! };
}

const label = (r: SessionRecord) => (r.kind === "event" ? r.event.type : r.kind);
const frameStarts = (wire: string) => [...wire.matchAll(/(^|\n\n)data: /g)].map((m) => m.index! + m[1].length);
const enc = (s: string) => new TextEncoder().encode(s);

describe("the real runtime's stream with a fault laid over it", () => {
  it("untouched, as a baseline: every wire frame is an event", async () => {
    const { outcome, inbound, wire } = await runWith((b) => ({ bytes: b }));
    expect(outcome.status).toBe("finished");
    expect(inbound.length).toBe(frameStarts(wire).length);
    expect(inbound.length).toBeGreaterThan(5);
  });

  it("cut in the middle of a frame: the frames before it are events, the cut one a bad frame holding exactly the bytes that came", async () => {
    const { outcome, inbound, records, wire } = await runWith((b) => {
      const text = new TextDecoder().decode(b);
      const starts = frameStarts(text);
      const at = starts[3] + 20; // inside the 4th frame's data
      return { bytes: enc(text.slice(0, at)), cut: true };
    });
    const starts = frameStarts(wire);
    const kept = wire.slice(starts[3] + "data: ".length, starts[3] + 20);
    expect(inbound.map(label).slice(0, 3)).toEqual(wire.slice(0, starts[3]).split("\n\n").filter(Boolean).map((f) => JSON.parse(f.slice(6)).type));
    expect(inbound).toHaveLength(4);
    expect(inbound[3]).toMatchObject({ kind: "bad-frame", raw: kept, unterminated: true });
    expect(outcome.status).toBe("failed");
    expect(outcome.error?.code).toBe("cut-stream");
    expect(outcome.error?.message).toMatch(/^The stream was cut off \(terminated\)\. 4 frame\(s\) arrived and each is recorded in order; 1 of them as a bad frame with its raw text; the body ended inside the last one/);
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "error", frames: 4, badFrames: 1, unterminated: true });
  });

  it("re-written with CR-only line ends: the same events as the LF original, RUN_FINISHED included", async () => {
    const { outcome, inbound, wire } = await runWith((b) => ({ bytes: b.map((c) => (c === 10 ? 13 : c)) }));
    expect(outcome.status).toBe("finished");
    const original = wire.split("\n\n").filter(Boolean).map((f) => JSON.parse(f.slice(6)).type);
    expect(inbound.map(label)).toEqual(original);
    expect(original.at(-1)).toBe("RUN_FINISHED");
  });

  it("a 10,000-deep frame slipped in mid-run: one bad frame there, every real frame around it kept, the run finished", async () => {
    const deep = `{"type":"CUSTOM","name":"deep","value":${deepJson(10_000)}}`;
    const { outcome, inbound, records, wire } = await runWith((b) => {
      const text = new TextDecoder().decode(b);
      const at = frameStarts(text)[2];
      return { bytes: enc(text.slice(0, at) + `data: ${deep}\n\n` + text.slice(at)) };
    });
    const original = wire.split("\n\n").filter(Boolean).map((f) => JSON.parse(f.slice(6)).type);
    expect(inbound.map(label)).toEqual([...original.slice(0, 2), "bad-frame", ...original.slice(2)]);
    expect(inbound[2]).toMatchObject({ raw: deep, error: expect.stringMatching(/nested more than 1000 levels/) });
    expect(outcome.status).toBe("finished");
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "complete", frames: original.length + 1, badFrames: 1 });
  });
});
