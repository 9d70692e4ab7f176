import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { replayCommand, verifyCommand, type CommandIo } from "../src/cli/replay-commands";
import { main } from "../src/cli/main";
import { processIO } from "../src/cli/io";
import { createHeader, encodeSessionFile } from "../src/core/session/file";
import { createReplay } from "../src/core/replay";
import { generateMixedSession } from "./session-generator";

// replay and verify stream their file through a windowed fold. These show that what they print
// equals a fold of the whole file in memory, and that `replay --at N` stops reading at N.

const records = generateMixedSession(60);
const file = encodeSessionFile(createHeader({ id: "big" }), records);
const dir = mkdtempSync(join(tmpdir(), "agui-stream-"));
const path = join(dir, "big.agui.jsonl");
writeFileSync(path, file);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(extra: Partial<CommandIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { ...processIO, stdout: (s) => out.push(s), stderr: (s) => err.push(s), ...extra };
  return { io, out: () => out.join(""), err: () => err.join("") };
}

function full() {
  const replay = createReplay({ checkSchema: true });
  replay.append(records);
  return replay;
}

describe("replay and verify stream the file", () => {
  it("verify --json of a streamed file equals a fold of all its records in memory", async () => {
    const t = capture();
    // Small chunks, so records cross chunk boundaries everywhere.
    t.io.readStream = async function* () {
      for (let i = 0; i < file.length; i += 4096) yield new TextEncoder().encode(file.slice(i, i + 4096));
    };
    expect(await verifyCommand([path, "--json"], t.io)).toBe(4);
    const got = JSON.parse(t.out());
    const want = full();
    expect(records.length).toBeGreaterThan(3000);
    expect(got.summary.records).toBe(records.length);
    expect(got.findings).toEqual(JSON.parse(JSON.stringify(want.findingsUpTo())));
    expect(got.runs).toEqual(JSON.parse(JSON.stringify(want.runs())));
  });

  it("replay at several seqs and runs equals the in-memory fold (through the real file stream)", async () => {
    const want = full();
    for (const at of [1, 500, 1777, 2500, records.length]) {
      const t = capture();
      expect(await main(["replay", path, "--at", String(at)], t.io), t.err()).toBe(0);
      const got = JSON.parse(t.out());
      const view = want.at(at);
      expect(got.seq).toBe(at);
      expect(got.state).toEqual(view.state);
      expect(got.messages).toEqual(JSON.parse(JSON.stringify(view.messages)));
    }
    const t = capture();
    expect(await replayCommand([path, "--run", "r7"], t.io)).toBe(0);
    const run = want.runs().find((r) => r.runId === "r7")!;
    expect(JSON.parse(t.out())).toMatchObject({ seq: run.endSeq, runId: "r7", state: JSON.parse(JSON.stringify(want.stateAt(run.endSeq!))) });
  });

  it("replay --at N stops reading once record N is folded (the stream after it never ends)", async () => {
    let pulled = 0;
    const head = file.split("\n").slice(0, 301).join("\n") + "\n";
    const t = capture({
      readStream: async function* () {
        yield head;
        // An endless tail: a reader that went on would never return.
        for (let seq = 301; ; seq++) {
          pulled++;
          yield JSON.stringify({ seq, t: 0, x: 1, dir: "in", kind: "comment", text: "more" }) + "\n";
        }
      },
    });
    expect(await replayCommand(["endless.agui.jsonl", "--at", "120"], t.io)).toBe(0);
    expect(JSON.parse(t.out()).seq).toBe(120);
    expect(pulled).toBe(0);
  });

  it("a file that cannot be read or is corrupt before N still exits 1 with the reason", async () => {
    const missing = capture();
    expect(await replayCommand([join(dir, "missing.agui.jsonl")], missing.io)).toBe(1);
    expect(missing.err()).toMatch(/cannot read .*missing/);
    const lines = file.split("\n");
    lines[50] = "not json";
    const bad = join(dir, "bad.agui.jsonl");
    writeFileSync(bad, lines.join("\n"));
    const t = capture();
    expect(await replayCommand([bad, "--at", "100"], t.io)).toBe(1);
    expect(t.err()).toMatch(/corrupt .*line 51/);
  });
});
