import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIG, deepJson, frameProto, protoEvents, scenarios, startFaultServer, type FaultServer } from "../e2e/fixtures/fault-server";
import { RAW_CAP } from "../src/core/protocol/limits";
import type { SessionRecord } from "../src/core/session/record";
import { createRuntimeClient } from "../src/core/transport/client";
import { buildRunInput } from "../src/core/transport/input";
import { recordingHarness } from "./helpers";

let fault: FaultServer;

const label = (r: SessionRecord) => (r.kind === "event" ? r.event.type : r.kind);
/** Records numbered 1, 2, 3… with no gap: nothing was skipped between them. */
const expectDense = (records: SessionRecord[]) => expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
beforeAll(async () => {
  fault = await startFaultServer();
});
afterAll(() => fault.close());

const run = async (scenario: string, opts: { preferProto?: boolean } = {}) => {
  const { recorder, records } = recordingHarness();
  const client = createRuntimeClient({ url: `${fault.url}/${scenario}`, transport: "agui", recorder, ...opts });
  const outcome = await client.run("agent", buildRunInput());
  return { outcome, records, inbound: records.filter((r) => r.dir === "in" && r.kind !== "response" && r.kind !== "end") };
};

describe("a plain AG-UI endpoint that misbehaves", () => {
  it("records every frame in order: CRLF, comments, event/id fields, multi-line data, bad frames", async () => {
    const { outcome, inbound, records } = await run("mixed");
    expect(records[0]).toMatchObject({ dir: "out", kind: "request", op: "run", transport: "agui", url: `${fault.url}/mixed` });
    expect(inbound.map((r) => (r.kind === "event" ? r.event.type : r.kind))).toEqual([
      "comment",
      "RUN_STARTED",
      "TEXT_MESSAGE_START",
      "TEXT_MESSAGE_CONTENT",
      "bad-frame",
      "bad-frame",
      "comment",
      "TEXT_MESSAGE_CONTENT",
      "TEXT_MESSAGE_END",
      "SOMETHING_NEW",
      "RUN_FINISHED",
    ]);
    expect(inbound[0]).toMatchObject({ kind: "comment", text: "hello from the fault server" });
    expect(inbound[2]).toMatchObject({ sse: { event: "message", id: "7" } });
    // multi-line data: the parsed event plus the raw text, which differs from its canonical form
    expect(inbound[3]).toMatchObject({ kind: "event", event: { messageId: "m", delta: "multi-line" }, raw: '{"type":"TEXT_MESSAGE_CONTENT",\n"messageId":"m","delta":"multi-line"}' });
    expect(inbound[4]).toMatchObject({ kind: "bad-frame", raw: "this is not json", error: expect.stringMatching(/^invalid JSON/) });
    expect(inbound[5]).toMatchObject({ kind: "bad-frame", raw: "[1,2,3]", error: expect.stringMatching(/expected a JSON object/) });
    expect(inbound[7]).toMatchObject({ kind: "event", event: { delta: " after the bad frame" } });
    expect(inbound[7]).not.toHaveProperty("raw");
    expect(inbound[9]).toMatchObject({ issues: expect.arrayContaining([expect.objectContaining({ message: 'unknown event type "SOMETHING_NEW"' })]) });
    expect(outcome.status).toBe("finished");
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "complete", frames: 9 });
  });

  it("a cut stream ends the run with a clear error and keeps what arrived, the cut frame's bytes included", async () => {
    const { outcome, inbound, records } = await run("cut");
    expect(outcome.status).toBe("failed");
    expect(outcome.error?.code).toBe("cut-stream");
    expect(outcome.error?.message).toMatch(/^The stream was cut off \(.+\)\. 3 frame\(s\) arrived and each is recorded in order; 1 of them as a bad frame with its raw text; the body ended inside the last one/);
    expect(outcome.error?.message).not.toMatch(/Everything that arrived/);
    expect(inbound.map(label)).toEqual(["RUN_STARTED", "TEXT_MESSAGE_START", "bad-frame"]);
    expect(inbound[2]).toMatchObject({ raw: '{"type":"TEXT_MESSAGE_CONT', unterminated: true, error: expect.stringMatching(/ended inside this frame.*invalid JSON/) });
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "error", code: "cut-stream", frames: 3, badFrames: 1, unterminated: true });
    expectDense(records);
  });

  it("a cut before any frame says none was read, not that nothing came", async () => {
    const { outcome, inbound, records } = await run("cut-at-once");
    expect(inbound).toEqual([]);
    expect(outcome.error?.code).toBe("cut-stream");
    expect(outcome.error?.message).toMatch(/^The stream was cut off \(.+\)\. No frame was read before the cut; what a browser had buffered is lost with a cut response\.$/);
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "error", frames: 0 });
  });

  it("a body that ends cleanly inside a data line keeps its bytes as a bad frame and says so", async () => {
    const { outcome, inbound, records } = await run("partial-eof");
    expect(inbound.map(label)).toEqual(["RUN_STARTED", "TEXT_MESSAGE_START", "bad-frame"]);
    expect(inbound[2]).toMatchObject({ raw: '{"type":"TEXT_MESSAGE_CONT', unterminated: true });
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "complete", frames: 3, badFrames: 1, unterminated: true });
    expect(outcome.error?.code).toBe("incomplete-stream");
    expect(outcome.error?.message).toBe(
      "The stream ended without RUN_FINISHED or RUN_ERROR. 3 frame(s) arrived and each is recorded in order; 1 of them as a bad frame with its raw text; the body ended inside the last one, which is flagged unterminated.",
    );
  });

  it("a last frame with no blank line after it is decoded (as @ag-ui/client does) and flagged: the run finishes", async () => {
    const { outcome, inbound, records } = await run("final-no-blank");
    expect(inbound.map(label)).toEqual(["RUN_STARTED", "TEXT_MESSAGE_START", "TEXT_MESSAGE_END", "RUN_FINISHED"]);
    expect(inbound[3]).toMatchObject({ kind: "event", unterminated: true });
    expect(inbound[2]).not.toHaveProperty("unterminated");
    expect(outcome.status).toBe("finished");
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "complete", frames: 4, unterminated: true });
    expect(records.at(-1)).not.toHaveProperty("badFrames");
  });

  it("CR-only line ends lose no frame, the last one included", async () => {
    const { outcome, inbound, records } = await run("cr-only");
    expect(inbound.map(label)).toEqual(["comment", "RUN_STARTED", "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "RUN_FINISHED"]);
    expect(inbound[2]).toMatchObject({ event: { messageId: "m", role: "assistant" }, sse: { event: "message" } });
    expect(outcome.status).toBe("finished");
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "complete", frames: 5 });
    expect(records.at(-1)).not.toHaveProperty("unterminated");
  });

  it("a 10,000-deep event in the middle of a run is one bad frame with its raw text; the four after it and RUN_FINISHED are kept", async () => {
    const { outcome, inbound, records } = await run("deep-middle");
    expect(inbound.map(label)).toEqual(["RUN_STARTED", "TEXT_MESSAGE_START", "bad-frame", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "STATE_SNAPSHOT", "RUN_FINISHED"]);
    expect(inbound[2]).toMatchObject({ raw: `{"type":"STATE_SNAPSHOT","snapshot":{"deep":${deepJson(10_000)}}}`, error: expect.stringMatching(/nested more than 1000 levels deep/) });
    expect(outcome.status).toBe("finished");
    expect(outcome.error).toBeUndefined();
    expect(outcome.tally).toEqual({ frames: 7, bad: 1, unterminated: false });
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "complete", frames: 7, badFrames: 1 });
    // every record can be written out and stored
    expect(() => structuredClone(records)).not.toThrow();
    expect(() => JSON.stringify(records)).not.toThrow();
  });

  it("a 50 MB frame that ends the body without its blank line is decoded whole and flagged", async () => {
    const { outcome, inbound, records } = await run("big-unterminated");
    expect(inbound.map(label)).toEqual(["RUN_STARTED", "TEXT_MESSAGE_START", "STATE_SNAPSHOT"]);
    expect(inbound[2]).toMatchObject({ unterminated: true });
    expect(((inbound[2] as unknown as { event: { snapshot: { blob: string } } }).event.snapshot.blob.length)).toBe(BIG - 'data: {"type":"STATE_SNAPSHOT","snapshot":{"blob":"'.length - 4);
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "complete", frames: 3, unterminated: true });
    expect(outcome.error?.code).toBe("incomplete-stream");
  }, 60_000);

  it("a 50 MB frame cut off with no blank line keeps its first 1 MiB and its length", async () => {
    const { outcome, inbound, records } = await run("big-cut");
    expect(inbound.map(label)).toEqual(["RUN_STARTED", "TEXT_MESSAGE_START", "bad-frame"]);
    const bad = inbound[2] as { raw: string; rawLength: number };
    expect(bad.raw).toHaveLength(RAW_CAP);
    expect(bad.raw.startsWith('{"type":"STATE_SNAPSHOT","snapshot":{"blob":"xxx')).toBe(true);
    // all of the frame's data that was sent before the cut (the closing `"}}` and line end never were)
    expect(bad.rawLength).toBe(BIG - "data: ".length - 4);
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "error", code: "cut-stream", frames: 3, badFrames: 1, unterminated: true });
    expect(outcome.error?.message).toMatch(/3 frame\(s\) arrived and each is recorded in order; 1 of them as a bad frame/);
  }, 60_000);

  it("a stream that ends without a terminal event is an incomplete run", async () => {
    const { outcome } = await run("unterminated");
    expect(outcome.status).toBe("failed");
    expect(outcome.error?.code).toBe("incomplete-stream");
    expect(outcome.events).toHaveLength(2);
  });

  it("200 with an empty body is named", async () => {
    const { outcome } = await run("empty");
    expect(outcome.error?.code).toBe("empty-run");
  });

  it("non-2xx shows the runtime's JSON error", async () => {
    const { outcome, records } = await run("error-500");
    expect(outcome.status).toBe("failed");
    expect(outcome.error?.code).toBe("http");
    expect(outcome.error?.message).toMatch(/HTTP 500 .*Failed to run agent: scripted failure/);
    expect(records.find((r) => r.kind === "response")).toMatchObject({ status: 500, body: { error: "Failed to run agent" } });
  });

  it("the bare RUN_FINISHED is recorded and flagged, not fatal", async () => {
    const { outcome, inbound } = await run("bare-finish");
    expect(outcome.status).toBe("finished");
    expect(inbound[1]).toMatchObject({ event: { type: "RUN_FINISHED" }, issues: expect.arrayContaining([expect.objectContaining({ path: "threadId" })]) });
  });

  it("keeps a 5 MB event whole", async () => {
    const { outcome } = await run("huge");
    expect(outcome.status).toBe("finished");
    expect((outcome.events[1] as unknown as { snapshot: { blob: string } }).snapshot.blob).toHaveLength(5 * 1024 * 1024);
  });

  it("reassembles a stream dripped one character at a time", async () => {
    const { outcome } = await run("drip");
    expect(outcome.events.map((e) => e.type)).toEqual(["RUN_STARTED", "RUN_FINISHED"]);
  });

  it("decodes the binary protobuf transport when asked for it, keeping each frame's bytes", async () => {
    const { outcome, inbound, records } = await run("proto", { preferProto: true });
    expect(records[0]).toMatchObject({ headers: { Accept: expect.stringContaining("application/vnd.ag-ui.event+proto") } });
    expect(outcome.status).toBe("finished");
    expect(outcome.events.map((e) => e.type)).toEqual(protoEvents.map((e) => e.type));
    expect(outcome.events[2]).toMatchObject({ messageId: "m", delta: "over protobuf" });
    for (const r of inbound) expect(r).toMatchObject({ kind: "event", rawEncoding: "base64", raw: expect.any(String) });
  });

  it("a protobuf body that ends inside a message keeps its bytes as an unterminated bad frame and counts it", async () => {
    const { outcome, inbound, records } = await run("proto-cut", { preferProto: true });
    expect(inbound.map(label)).toEqual([...protoEvents.slice(0, -1).map((e) => e.type), "bad-frame"]);
    const last = frameProto(protoEvents.at(-1)!);
    expect(inbound.at(-1)).toMatchObject({ rawEncoding: "base64", raw: Buffer.from(last.subarray(0, last.length - 3)).toString("base64"), unterminated: true });
    expect(outcome.error?.code).toBe("cut-stream");
    expect(outcome.error?.message).toBe(`The stream ended inside a protobuf frame. ${protoEvents.length} frame(s) arrived and each is recorded in order; 1 of them as a bad frame with its raw text; the body ended inside the last one, which is flagged unterminated.`);
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "error", frames: protoEvents.length, badFrames: 1, unterminated: true });
  });

  it("refuses an intelligence-mode runtime with an explanation", async () => {
    const { recorder } = recordingHarness();
    const err = await createRuntimeClient({ url: `${fault.url}/intelligence`, transport: "rest", recorder }).discover().catch((e) => e);
    expect(err.code).toBe("intelligence");
    expect(err.message).toMatch(/WebSocket/);
  });

  it("the scenario bytes cover what the tests claim", () => {
    expect(scenarios.mixed.join("")).toContain("\r\n");
  });
});
