import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { protoEvents, scenarios, startFaultServer, type FaultServer } from "../e2e/fixtures/fault-server";
import { createRuntimeClient } from "../src/core/transport/client";
import { buildRunInput } from "../src/core/transport/input";
import { recordingHarness } from "./helpers";

let fault: FaultServer;
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

  it("a cut stream ends the run with a clear error and keeps what arrived", async () => {
    const { outcome, inbound, records } = await run("cut");
    expect(outcome.status).toBe("failed");
    expect(outcome.error?.code).toBe("cut-stream");
    expect(outcome.error?.message).toMatch(/cut off after 2 frame/);
    expect(inbound.map((r) => r.kind === "event" && r.event.type)).toEqual(["RUN_STARTED", "TEXT_MESSAGE_START"]);
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "error", code: "cut-stream" });
  });

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
