import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deepJson, startFaultServer, type FaultServer } from "../e2e/fixtures/fault-server";
import { cli } from "./helpers";
import { createHeader, parseSessionFile } from "../src/core/session/file";
import { createFileSink } from "../src/cli/file-sink";
import type { SessionRecord } from "../src/core/session/record";

let fault: FaultServer;
let dir: string;
beforeAll(async () => {
  fault = await startFaultServer();
  dir = mkdtempSync(join(tmpdir(), "agui-cli-faults-"));
});
afterAll(async () => {
  await fault.close();
  rmSync(dir, { recursive: true, force: true });
});

const label = (r: SessionRecord) => (r.kind === "event" ? r.event.type : r.kind);
const record = async (scenario: string) => {
  const out = join(dir, `${scenario}.agui.jsonl`);
  const r = await cli("record", `${fault.url}/${scenario}`, "--transport", "agui", "--out", out);
  const file = parseSessionFile(readFileSync(out, "utf8"));
  expect(file.errors).toEqual([]);
  return { ...r, records: file.records };
};

describe("agui-inspector record against a misbehaving endpoint: the file holds every frame and the summary says what happened", () => {
  it("a 10,000-deep event mid-run: one bad frame in the file, the four later frames and RUN_FINISHED after it, exit 0", async () => {
    const r = await record("deep-middle");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: 6 events and 1 bad frame\(s\) kept as raw text, run .+ finished in .+ \(10 records\)\n$/);
    expect(r.records.map(label)).toEqual(["request", "response", "RUN_STARTED", "TEXT_MESSAGE_START", "bad-frame", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "STATE_SNAPSHOT", "RUN_FINISHED", "end"]);
    expect(r.records[4]).toMatchObject({ raw: `{"type":"STATE_SNAPSHOT","snapshot":{"deep":${deepJson(10_000)}}}` });
    expect(r.records.at(-1)).toMatchObject({ outcome: "complete", frames: 7, badFrames: 1 });
  });

  it("a cut: the cut frame's bytes are in the file and the message counts them", async () => {
    const r = await record("cut");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^failed: \[cut-stream\] The stream was cut off \(.+\)\. 3 frame\(s\) arrived and each is recorded in order; 1 of them as a bad frame with its raw text; the body ended inside the last one/);
    expect(r.stderr).toMatch(/\(2 events and 1 bad frame\(s\) kept as raw text\)/);
    expect(r.records.map(label)).toEqual(["request", "response", "RUN_STARTED", "TEXT_MESSAGE_START", "bad-frame", "end"]);
  });

  it("CR-only line ends: every frame in the file, exit 0", async () => {
    const r = await record("cr-only");
    expect(r.code).toBe(0);
    expect(r.records.map(label)).toEqual(["request", "response", "comment", "RUN_STARTED", "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "RUN_FINISHED", "end"]);
  });

  it("a last frame without its blank line: decoded, flagged, and the summary says so", async () => {
    const r = await record("final-no-blank");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: 4 events, run .+ finished in .+s \(the body ended inside its last frame, which is flagged unterminated\) → /);
    expect(r.records.at(-2)).toMatchObject({ kind: "event", event: { type: "RUN_FINISHED" }, unterminated: true });
  });

  it("a partial frame at EOF: kept, and the run is reported incomplete with the count", async () => {
    const r = await record("partial-eof");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[incomplete-stream\] The stream ended without RUN_FINISHED or RUN_ERROR\. 3 frame\(s\) arrived/);
    expect(r.records.at(-2)).toMatchObject({ kind: "bad-frame", raw: '{"type":"TEXT_MESSAGE_CONT', unterminated: true });
  });
});

describe("the CLI's file sink", () => {
  it("writes a record JSON cannot hold (10,000 deep, read from elsewhere) as a bad frame with its raw text; the records after it follow", async () => {
    const out = join(dir, "deep-record.agui.jsonl");
    const sink = await createFileSink(out, createHeader());
    const deepText = `{"type":"CUSTOM","name":"n","value":${deepJson(10_000)}}`;
    const records: SessionRecord[] = [
      { seq: 1, t: 1, x: 1, dir: "in", kind: "event", event: { type: "RUN_STARTED", threadId: "t", runId: "r" }, runId: "r" },
      { seq: 2, t: 2, x: 1, dir: "in", kind: "event", event: JSON.parse(deepText), raw: deepText, runId: "r" },
      { seq: 3, t: 3, x: 1, dir: "in", kind: "event", event: { type: "RUN_FINISHED", threadId: "t", runId: "r" }, runId: "r" },
    ];
    await sink.write(records);
    await sink.close();
    const file = parseSessionFile(readFileSync(out, "utf8"));
    expect(file.errors).toEqual([]);
    expect(file.records.map(label)).toEqual(["RUN_STARTED", "bad-frame", "RUN_FINISHED"]);
    expect(file.records[1]).toMatchObject({ seq: 2, t: 2, x: 1, runId: "r", raw: deepText, error: expect.stringMatching(/^this event record could not be stored \(Maximum call stack size exceeded\); its raw text is kept$/) });
    expect(sink.count()).toBe(3);
  });
});
