// Session files end to end: round trips for every fixture, SSE captured from the real runtime,
// streaming a file from disk, and forks run against the real runtime.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { createRuntimeClient } from "../src/core/transport/client";
import { buildRunInput, userMessage } from "../src/core/transport/input";
import { exportSession, selectRecords } from "../src/core/session/export";
import { createHeader } from "../src/core/session/file";
import { importSession, importText } from "../src/core/session/import";
import type { ImportProgress } from "../src/core/session/import";
import type { EventRecord, RequestRecord, SessionRecord } from "../src/core/session/record";
import { cli, recordingHarness } from "./helpers";
import { otherToolFixture } from "./other-tool-fixtures";

let rt: RuntimeFixture;
let dir: string;
beforeAll(async () => {
  rt = await startRuntime();
  dir = mkdtempSync(join(tmpdir(), "agui-files-"));
});
afterAll(async () => {
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
});


const here = import.meta.dirname;
const fixtureDirs = [join(here, "fixtures/streams"), join(here, "fixtures/import"), dirname(otherToolFixture("ag-ui-devtools-demo.agui.jsonl"))];
const fixtures = fixtureDirs.flatMap((d) => (existsSync(d) ? readdirSync(d).filter((f) => /\.(sse|jsonl|json|har|ndjson)$/.test(f)).map((f) => join(d, f)) : []));

describe("round trip: export → import gives identical records", () => {
  it("covers every fixture there is", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
    expect(fixtures.some((f) => f.endsWith(".har"))).toBe(true);
    expect(fixtures.some((f) => f.endsWith("ag-ui-devtools-demo.agui.jsonl"))).toBe(true);
  });

  for (const file of fixtures) {
    it(file.split("/").slice(-2).join("/"), () => {
      const imported = importText(readFileSync(file, "utf8"), { file, now: 1_700_000_000_000 });
      expect(imported.records.length).toBeGreaterThan(0);
      const text = exportSession(imported.header, imported.records);
      const back = importText(text);
      expect(back.format).toBe("agui-inspector");
      expect(back.errors).toEqual([]);
      expect(back.header).toEqual(imported.header);
      expect(back.records).toEqual(imported.records);
      expect(exportSession(back.header, back.records)).toBe(text);
      // every run on its own, too
      const runIds = [...new Set(imported.records.flatMap((r) => (r.runId ? [r.runId] : [])))];
      for (const runId of runIds) {
        const part = importText(exportSession(imported.header, imported.records, { select: { kind: "run", runId } }));
        expect(part.records).toEqual(selectRecords(imported.records, { kind: "run", runId }));
      }
    });
  }

  it("a live recording from the real runtime, written by the CLI", async () => {
    const out = join(dir, "live.agui.jsonl");
    expect((await cli("record", rt.singleUrl, "--agent", "reasoning", "--message", "round trip", "--out", out)).code).toBe(0);
    const text = readFileSync(out, "utf8");
    const imported = importText(text);
    expect(imported.format).toBe("agui-inspector");
    expect(exportSession(imported.header, imported.records)).toBe(text);
  });
});

describe("SSE captured from the real runtime imports exactly like a live recording", () => {
  for (const agent of ["scripted", "reasoning", "frontend-tool"]) {
    it(agent, async () => {
      const { recorder, records } = recordingHarness();
      const client = createRuntimeClient({ url: rt.restUrl, transport: "rest", recorder });
      await client.discover();
      const before = rt.tapped.length;
      await client.run(agent, buildRunInput({ messages: [userMessage(`capture ${agent}`)] }));
      const wire = rt.tapped.slice(before).find((t) => t.path.endsWith(`/agent/${agent}/run`))!;
      const captured = join(dir, `${agent}.sse`);
      writeFileSync(captured, wire.body);
      const imported = importText(readFileSync(captured, "utf8"), { file: captured });
      const frameView = (r: SessionRecord) => {
        const { seq: _s, t: _t, x: _x, agentId: _a, threadId: _th, ...rest } = r;
        return rest;
      };
      const live = records.filter((r) => r.kind === "event" || r.kind === "bad-frame" || r.kind === "comment").map(frameView);
      expect(imported.records.filter((r) => r.kind !== "end").map(frameView)).toEqual(live);
      expect(imported.records.at(-1)).toMatchObject({ kind: "end", frames: live.length });
    });
  }
});

describe("streaming a file from disk", () => {
  it("reads a multi-megabyte session in small chunks with progress up to the file's size", async () => {
    const { recorder, records } = recordingHarness();
    const client = createRuntimeClient({ url: rt.restUrl, transport: "rest", recorder });
    await client.discover();
    await client.run("bulk", buildRunInput({ messages: [userMessage("many")], forwardedProps: { count: 10_000 } }));
    const path = join(dir, "bulk.agui.jsonl");
    writeFileSync(path, exportSession(createHeader({ agentId: "bulk" }), records));
    const size = readFileSync(path).length;
    expect(size).toBeGreaterThan(1_000_000);
    const seen: ImportProgress[] = [];
    const r = await importSession(createReadStream(path, { highWaterMark: 16 * 1024 }), { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(100);
    expect(seen.at(-1)).toEqual({ bytes: size, records: records.length, errors: 0 });
    expect(r.records).toEqual(records);
  });
});

describe("fork: record --from <file>[@seq]", () => {
  it("answers the frontend-tool agent's call with --tool-result and the follow-up run completes", async () => {
    const first = join(dir, "ask.agui.jsonl");
    expect((await cli("record", rt.restUrl, "--agent", "frontend-tool", "--message", "deploy to staging", "--out", first)).code).toBe(0);
    const asked = importText(readFileSync(first, "utf8")).records;
    const call = asked.find((r): r is EventRecord => r.kind === "event" && r.event.type === "TOOL_CALL_START")!.event;
    const thread = asked.find((x): x is RequestRecord => x.kind === "request" && x.op === "run")!.threadId;

    const second = join(dir, "answer.agui.jsonl");
    const r = await cli("record", rt.restUrl, "--agent", "frontend-tool", "--from", first, "--tool-result", `${call.toolCallId}={"approved":true}`, "--out", second);
    expect(r.stderr).toContain(`fork: ${first} at seq ${asked.at(-1)!.seq}: 2 message(s), thread ${thread}`);
    expect(r.stderr).toContain(`awaiting tool call ${call.toolCallId} (confirm_action)`);
    expect(r.code).toBe(0);
    const answered = importText(readFileSync(second, "utf8")).records;
    const run = answered.find((x): x is RequestRecord => x.kind === "request" && x.op === "run")!;
    const body = run.body as { threadId: string; messages: { role: string; content?: unknown; toolCalls?: { id: string }[]; toolCallId?: string }[] };
    expect(body.threadId).toBe(thread);
    expect(body.messages.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
    expect(body.messages[1].toolCalls?.[0].id).toBe(call.toolCallId);
    expect(body.messages[2]).toMatchObject({ toolCallId: call.toolCallId, content: '{"approved":true}' });
    const text = answered.flatMap((x) => (x.kind === "event" && x.event.type === "TEXT_MESSAGE_CONTENT" ? [String(x.event.delta)] : [])).join("");
    expect(text).toBe(`Tool ${call.toolCallId} answered: {"approved":true}`);
    expect(answered.some((x) => x.kind === "event" && x.event.type === "RUN_FINISHED")).toBe(true);
  });

  it("forks at a seq before the call, so the agent is asked again", async () => {
    const first = join(dir, "ask2.agui.jsonl");
    await cli("record", rt.restUrl, "--agent", "frontend-tool", "--message", "deploy again", "--out", first);
    const asked = importText(readFileSync(first, "utf8")).records;
    const at = asked.find((r): r is EventRecord => r.kind === "event" && r.event.type === "RUN_STARTED")!.seq;
    const out = join(dir, "again.agui.jsonl");
    const r = await cli("record", rt.restUrl, "--agent", "frontend-tool", "--from", `${first}@${at}`, "--thread", "fresh-thread", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("awaiting");
    const body = (importText(readFileSync(out, "utf8")).records.find((x) => x.kind === "request" && x.op === "run") as RequestRecord).body as { threadId: string; messages: { role: string; content: string }[] };
    expect(body.threadId).toBe("fresh-thread");
    expect(body.messages.map((m) => [m.role, m.content])).toEqual([["user", "deploy again"]]);
  });

  it("resumes the interrupt agent with --resume", async () => {
    const first = join(dir, "interrupt.agui.jsonl");
    await cli("record", rt.restUrl, "--agent", "interrupt", "--message", "ship it", "--out", first);
    const fin = importText(readFileSync(first, "utf8")).records.find((r): r is EventRecord => r.kind === "event" && r.event.type === "RUN_FINISHED")!.event;
    const id = (fin.outcome as { interrupts: { id: string }[] }).interrupts[0].id;
    const out = join(dir, "resumed.agui.jsonl");
    const r = await cli("record", rt.restUrl, "--agent", "interrupt", "--from", first, "--resume", `${id}={"approved":true}`, "--out", out);
    expect(r.stderr).toContain(`awaiting interrupt ${id} (confirmation)`);
    expect(r.code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain(`Resumed ${id} (resolved): {\\"approved\\":true}`);
  });

  it("refuses a missing file or a seq past the end with a usage error", async () => {
    expect((await cli("record", rt.restUrl, "--agent", "scripted", "--from", join(dir, "nope.agui.jsonl"))).code).toBe(2);
    const capture = join(here, "fixtures/import/runtime-scripted.sse");
    const r = await cli("record", rt.restUrl, "--agent", "scripted", "--from", `${capture}@99999`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/seq 99999 is outside the file/);
  });
});
