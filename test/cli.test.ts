import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { startFaultServer, type FaultServer } from "../e2e/fixtures/fault-server";
import { cli } from "./helpers";
import { parseSessionFile } from "../src/core/session/file";

let rt: RuntimeFixture;
let fault: FaultServer;
let dir: string;
beforeAll(async () => {
  [rt, fault] = await Promise.all([startRuntime(), startFaultServer()]);
  dir = mkdtempSync(join(tmpdir(), "agui-cli-"));
});
afterAll(async () => {
  await Promise.all([rt.close(), fault.close()]);
  rmSync(dir, { recursive: true, force: true });
});


describe("agui-inspector info", () => {
  it("lists agents over auto-detected single-route", async () => {
    const r = await cli("info", rt.singleUrl);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/transport: single/);
    expect(r.stdout).toMatch(/frontend-tool — Calls a frontend tool/);
  });
  it("--json prints the runtime info", async () => {
    const r = await cli("info", rt.restUrl, "--transport", "rest", "--json");
    expect(JSON.parse(r.stdout)).toMatchObject({ transport: "rest", info: { version: "1.75.0" } });
  });
  it("exits 1 with the reason when nothing answers", async () => {
    const r = await cli("info", "http://127.0.0.1:9/x", "--transport", "rest");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[unreachable\] Cannot reach/);
  });
  it("exits 2 on bad usage", async () => {
    expect((await cli("info")).code).toBe(2);
    expect((await cli("info", rt.restUrl, "--transport", "carrier-pigeon")).code).toBe(2);
    expect((await cli("record", rt.restUrl)).code).toBe(2);
    expect((await cli("frobnicate")).code).toBe(2);
    expect((await cli("info", rt.restUrl, "--bogus")).code).toBe(2);
  });
});

describe("agui-inspector record", () => {
  it("writes a session file with every record and exits 0 on RUN_FINISHED", async () => {
    const out = join(dir, "ok.agui.jsonl");
    const r = await cli("record", rt.restUrl, "--agent", "scripted", "--message", "first", "--message", "second", "-H", "Authorization: Bearer top-secret", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: \d+ events, run .* finished .*→ .*ok\.agui\.jsonl \(\d+ records\)\n$/);
    const text = readFileSync(out, "utf8");
    expect(text).not.toContain("top-secret");
    const file = parseSessionFile(text);
    expect(file.header).toMatchObject({ format: "agui-inspector-session", version: 1, agentId: "scripted", runtimeUrl: rt.restUrl });
    expect(file.records.map((r) => r.seq)).toEqual(file.records.map((_, i) => i + 1));
    const run = file.records.find((r) => r.kind === "request" && r.op === "run") as { body: { messages: { content: string }[] } };
    expect(run.body.messages.map((m) => m.content)).toEqual(["first", "second"]);
  });

  it("continues a given thread, with tool results and resume answers", async () => {
    const out = join(dir, "resume.agui.jsonl");
    const r = await cli("record", rt.restUrl, "--agent", "interrupt", "--thread", "cli-thread", "--resume", 'int-1={"approved":true}', "--tool-result", 'call-9={"ok":1}', "--out", out);
    expect(r.code).toBe(0);
    const file = parseSessionFile(readFileSync(out, "utf8"));
    const run = file.records.find((r) => r.kind === "request" && r.op === "run") as { body: Record<string, unknown> };
    expect(run.body).toMatchObject({ threadId: "cli-thread", resume: [{ interruptId: "int-1", status: "resolved", payload: { approved: true } }], messages: [{ role: "tool", toolCallId: "call-9", content: '{"ok":1}' }] });
    const texts = file.records.flatMap((r) => (r.kind === "event" && r.event.type === "TEXT_MESSAGE_CONTENT" ? [String(r.event.delta)] : []));
    expect(texts.join("")).toMatch(/Resumed int-1 \(resolved\): \{"approved":true\}/);
  });

  it("--input keeps the file's thread and run ids (and parentRunId); --run-id sets one", async () => {
    const input = join(dir, "input.json");
    writeFileSync(input, JSON.stringify({ threadId: "file-thread", runId: "file-run", parentRunId: "file-parent", state: {}, messages: [{ id: "file-u1", role: "user", content: "from the file" }], tools: [], context: [], forwardedProps: {} }));
    for (const [extra, runId] of [[[], "file-run"], [["--run-id", "flag-run"], "flag-run"]] as const) {
      const out = join(dir, `input-${runId}.agui.jsonl`);
      const r = await cli("record", rt.restUrl, "--agent", "scripted", "--input", input, ...extra, "--out", out);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`run ${runId} finished`);
      const file = parseSessionFile(readFileSync(out, "utf8"));
      const run = file.records.find((x) => x.kind === "request" && x.op === "run") as { body: Record<string, unknown> };
      expect(run.body).toMatchObject({ threadId: "file-thread", runId, parentRunId: "file-parent", messages: [{ id: "file-u1", content: "from the file" }] });
      const started = file.records.find((x) => x.kind === "event" && x.event.type === "RUN_STARTED") as unknown as { event: { runId: string; threadId: string } };
      expect([started.event.threadId, started.event.runId]).toEqual(["file-thread", runId]);
    }
  });

  it("--proto asks for protobuf, and the request in the file says so", async () => {
    const out = join(dir, "proto.agui.jsonl");
    const r = await cli("record", `${fault.url}/mixed`, "--transport", "agui", "--proto", "--out", out);
    const file = parseSessionFile(readFileSync(out, "utf8"));
    const run = file.records.find((x) => x.kind === "request" && x.op === "run") as { headers: Record<string, string> };
    expect(run.headers.Accept).toBe("application/vnd.ag-ui.event+proto, text/event-stream");
    expect(r.code).not.toBe(2);
    const plain = join(dir, "sse.agui.jsonl");
    await cli("record", `${fault.url}/mixed`, "--transport", "agui", "--out", plain);
    const sseRun = parseSessionFile(readFileSync(plain, "utf8")).records.find((x) => x.kind === "request" && x.op === "run") as { headers: Record<string, string> };
    expect(sseRun.headers.Accept).toBe("text/event-stream");
  });

  it("connect --proto asks for protobuf on the connect request, and the runtime's SSE replay is still recorded", async () => {
    await cli("record", rt.restUrl, "--agent", "scripted", "--thread", "proto-connect", "--message", "m", "--out", join(dir, "pc-run.agui.jsonl"));
    const out = join(dir, "pc.agui.jsonl");
    const r = await cli("connect", rt.restUrl, "--agent", "scripted", "--thread", "proto-connect", "--proto", "--out", out);
    expect(r.code).toBe(0);
    const file = parseSessionFile(readFileSync(out, "utf8"));
    const request = file.records.find((x) => x.kind === "request" && x.op === "connect") as { headers: Record<string, string> };
    expect(request.headers.Accept).toBe("application/vnd.ag-ui.event+proto, text/event-stream");
    expect(file.records.some((x) => x.kind === "event" && x.event.type === "RUN_STARTED")).toBe(true);
  });

  it("exits 3 when the run ends RUN_ERROR, and still writes the file", async () => {
    const out = join(dir, "err.agui.jsonl");
    const r = await cli("record", `${fault.url}/run-error`, "--transport", "agui", "--out", out);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/run error: model quota exhausted/);
    expect(parseSessionFile(readFileSync(out, "utf8")).records.some((r) => r.kind === "event" && r.event.type === "RUN_ERROR")).toBe(true);
  });

  it("exits 1 on a failed connection or stream, and keeps what arrived", async () => {
    const out = join(dir, "cut.agui.jsonl");
    const r = await cli("record", `${fault.url}/cut`, "--transport", "agui", "--out", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/failed: \[cut-stream\]/);
    const file = parseSessionFile(readFileSync(out, "utf8"));
    expect(file.records.filter((r) => r.kind === "event")).toHaveLength(2);
    expect(file.records.at(-1)).toMatchObject({ kind: "end", outcome: "error", code: "cut-stream" });

    const unknown = join(dir, "unknown.agui.jsonl");
    const u = await cli("record", rt.restUrl, "--agent", "ghost", "--message", "x", "--out", unknown);
    expect(u.code).toBe(1);
    expect(u.stderr).toMatch(/\[unknown-agent\]/);
    expect(parseSessionFile(readFileSync(unknown, "utf8")).records.some((r) => r.kind === "response" && r.status === 404)).toBe(true);
  });
});

describe("agui-inspector stop", () => {
  it("stops a running thread and prints the runtime's answer", async () => {
    const out = join(dir, "slow.agui.jsonl");
    const recording = cli("record", rt.restUrl, "--agent", "slow", "--thread", "stop-me", "--message", "go", "--out", out);
    // the run may not have reached the runtime yet: ask until it is there (bounded)
    let s = await cli("stop", rt.restUrl, "--agent", "slow", "--thread", "stop-me");
    for (let i = 0; i < 50 && !JSON.parse(s.stdout || "{}").stopped; i++) {
      await new Promise((r) => setTimeout(r, 100));
      s = await cli("stop", rt.restUrl, "--agent", "slow", "--thread", "stop-me");
    }
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({ stopped: true });
    const r = await recording;
    expect(r.code).toBe(0);
  });
});
