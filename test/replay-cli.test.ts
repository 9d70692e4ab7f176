import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replayCommand, verifyCommand, type CommandIo } from "../src/cli/replay-commands";
import { createHeader, encodeSessionFile } from "../src/core/session/file";
import { fixtureRecords, STREAMS } from "./replay-helpers";

function io(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const fake: CommandIo = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    readFile: async (path) => (path in files ? files[path] : readFile(join(STREAMS, path), "utf8")),
  };
  return { fake, out: () => out.join(""), err: () => err.join("") };
}

describe("agui-inspector replay", () => {
  it("prints the final seq, state and messages as JSON", async () => {
    const t = io();
    expect(await replayCommand(["connect-replay.sse"], t.fake)).toBe(0);
    const out = JSON.parse(t.out());
    expect(out.seq).toBe(19);
    expect(out.state).toEqual({ turn: 3 });
    expect(out.messages.map((m: { id: string }) => m.id)).toEqual(["u1", "a1", "u2", "u3", "a3"]);
    expect(out.pendingInterrupts).toEqual([]);
    expect(t.err()).toBe("");
  });

  it("--at replays to a record", async () => {
    const t = io();
    expect(await replayCommand(["connect-replay.sse", "--at", "6"], t.fake)).toBe(0);
    const out = JSON.parse(t.out());
    expect(out).toMatchObject({ seq: 6, runId: "r1", state: { turn: 1 } });
    expect(out.messages).toEqual([
      { id: "u1", role: "user", content: "first" },
      { id: "a1", role: "assistant", content: "answer one" },
    ]);
  });

  it("--run picks a run's end and its pending interrupts", async () => {
    const t = io();
    expect(await replayCommand(["interrupt.sse", "--run=r1"], t.fake)).toBe(0);
    const out = JSON.parse(t.out());
    expect(out.runId).toBe("r1");
    expect(out.pendingInterrupts).toEqual([{ id: "i1", reason: "tool_call", toolCallId: "c1", message: "Delete /tmp/x?" }]);
    expect(out.state).toEqual({ pending: "approval" });
  });

  it("reads session files", async () => {
    const file = encodeSessionFile(createHeader({ id: "s" }), fixtureRecords("text-basic.sse"));
    const t = io({ "s.agui.jsonl": file });
    expect(await replayCommand(["s.agui.jsonl", "--at", "3"], t.fake)).toBe(0);
    expect(JSON.parse(t.out()).messages).toEqual([
      { id: "u1", role: "user", content: "Hi there" },
      { id: "a1", role: "assistant", content: "" },
    ]);
  });

  it("exits 2 on usage errors", async () => {
    for (const argv of [[], ["a.sse", "b.sse"], ["text-basic.sse", "--at"], ["text-basic.sse", "--at", "x"], ["text-basic.sse", "--frobnicate"], ["text-basic.sse", "--at", "999"], ["text-basic.sse", "--run", "nope"]]) {
      const t = io();
      expect(await replayCommand(argv, t.fake), argv.join(" ")).toBe(2);
      expect(t.err()).toContain("usage: agui-inspector replay");
      expect(t.out()).toBe("");
    }
  });

  it("exits 1 on unreadable or corrupt files", async () => {
    const header = JSON.stringify(createHeader({ id: "s" }));
    const files = {
      "bad-header.agui.jsonl": '{"format":"agui-inspector-session","version":9}\n',
      "bad-line.agui.jsonl": `${header}\n{"seq":1,"t":0,"x":1,"dir":"in","kind":"event","event":{"type":"RUN_STARTED"}}\nnot json\n`,
      "binary.bin": "\u0000\u0001garbage",
    };
    for (const path of ["missing.sse", ...Object.keys(files)]) {
      const t = io(files);
      expect(await replayCommand([path], t.fake), path).toBe(1);
      expect(t.err()).toMatch(/agui-inspector: /);
    }
  });

  it("--help prints usage and exits 0", async () => {
    const t = io();
    expect(await replayCommand(["--help"], t.fake)).toBe(0);
    expect(t.out()).toContain("usage");
  });
});

describe("agui-inspector verify", () => {
  it("exits 0 for a clean stream and says so", async () => {
    const t = io();
    expect(await verifyCommand(["text-basic.sse"], t.fake)).toBe(0);
    expect(t.out()).toBe("0 error(s), 0 warning(s), 0 info(s) in 9 record(s), 1 run(s)\n");
  });

  it("exits 4 when a finding is an error, listing each with its rule id", async () => {
    const t = io();
    expect(await verifyCommand(["failed-patches.sse"], t.fake)).toBe(4);
    const lines = t.out().trim().split("\n");
    expect(lines.filter((l) => l.includes("state/patch-failed"))).toHaveLength(3);
    expect(lines.at(-1)).toMatch(/^3 error\(s\)/);
  });

  it("exits 0 when there are only warnings and infos", async () => {
    const t = io();
    expect(await verifyCommand(["stop.sse"], t.fake)).toBe(0);
    expect(t.out()).toContain("run/bare-finished");
  });

  it("--json prints findings, summary and runs", async () => {
    const t = io();
    expect(await verifyCommand(["connect-replay.sse", "--json"], t.fake)).toBe(0);
    const out = JSON.parse(t.out());
    expect(out.summary).toEqual({ records: 19, runs: 3, errors: 0, warnings: 0, infos: 1 });
    expect(out.findings[0]).toMatchObject({ rule: "run/error", severity: "info", seq: 10 });
    expect(out.runs.map((r: { outcome: string }) => r.outcome)).toEqual(["success", "error", "success"]);
  });

  it("names material the reference client strips (finishReason) and the web inspector's truncation marks", async () => {
    const stream = 'data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\ndata: {"type":"RUN_FINISHED","threadId":"t","runId":"r","finishReason":"stop"}\n\n';
    const inspectorExport = await readFile(join(import.meta.dirname, "fixtures/import/copilotkit-inspector-events.json"), "utf8");
    const t = io({ "builtin.sse": stream, "inspector.json": inspectorExport });
    expect(await verifyCommand(["builtin.sse"], t.fake)).toBe(0);
    expect(t.out()).toMatch(/event\/stripped-by-client.*"finishReason"/);
    const u = io({ "inspector.json": inspectorExport });
    await verifyCommand(["inspector.json", "--json"], u.fake);
    const truncated = JSON.parse(u.out()).findings.filter((f: { rule: string }) => f.rule === "import/truncated-value");
    expect(truncated).toHaveLength(1);
    expect(truncated[0].message).toContain("[Truncated depth]");
  });

  it("flags unparseable frames in raw captures and exits 4", async () => {
    const t = io({ "cut.sse": 'data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\ndata: {"type":"TEXT_MES\n\n' });
    expect(await verifyCommand(["cut.sse", "--json"], t.fake)).toBe(4);
    const rules = JSON.parse(t.out()).findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(["frame/unparseable", "run/incomplete"]);
  });

  it("exits 2 on usage errors and 1 on unreadable files", async () => {
    const usage = io();
    expect(await verifyCommand(["a", "--at", "3"], usage.fake)).toBe(2);
    expect(usage.err()).toContain("usage: agui-inspector verify");
    const missing = io();
    expect(await verifyCommand(["missing.sse"], missing.fake)).toBe(1);
  });
});
