import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { createVariantAgents } from "../e2e/fixtures/variant-agents";
import { cli } from "./helpers";
import { answerTool, CONFIRM_TOOL, recordSession, resumeWith, say } from "./recordings";
import type { SessionComparison } from "../src/core/compare";

// `agui-inspector diff` on recordings of the real runtime: scripted agents and test variants.

let rt: RuntimeFixture;
let dir: string;
const file = (name: string) => join(dir, `${name}.agui.jsonl`);

beforeAll(async () => {
  rt = await startRuntime(0, createVariantAgents());
  dir = mkdtempSync(join(tmpdir(), "agui-diff-"));
  await recordSession(rt.restUrl, "scripted", [say("find the red kite")], file("scripted"));
  await recordSession(rt.restUrl, "scripted", [say("find the red kite")], file("scripted-again"));
  await recordSession(rt.restUrl, "scripted-rechunked", [say("find the red kite")], file("rechunked"));
  await recordSession(rt.restUrl, "scripted-shout", [say("find the red kite")], file("shout"));
  await recordSession(rt.restUrl, "scripted", [say("one"), say("two")], file("two-runs"));
  for (const n of ["1", "2"]) {
    await recordSession(rt.restUrl, "frontend-tool", [say("deploy it", [CONFIRM_TOOL]), answerTool({ approved: true }, [CONFIRM_TOOL])], file(`frontend-tool-${n}`));
    await recordSession(rt.restUrl, "interrupt", [say("ship it"), resumeWith({ approved: true })], file(`interrupt-${n}`));
  }
});
afterAll(async () => {
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
});

async function diffJson(...args: string[]): Promise<{ code: number; result: SessionComparison }> {
  const r = await cli("diff", ...args, "--json");
  expect(r.stderr).toBe("");
  return { code: r.code, result: JSON.parse(r.stdout) as SessionComparison };
}

describe("agui-inspector diff", () => {
  it("finds nothing between a run and itself", async () => {
    const { code, result } = await diffJson(file("scripted"), file("scripted"));
    expect(result.runs).toHaveLength(1);
    expect(result.runs[0].differences).toEqual([]);
    expect(result.differences).toBe(0);
    expect(code).toBe(0);
  });

  it("matches ids that differ only by generation (two runs of the same agent)", async () => {
    const { code, result } = await diffJson(file("scripted"), file("scripted-again"));
    expect(result.runs[0].a.runId).not.toBe(result.runs[0].b.runId);
    expect(result.runs[0].differences).toEqual([]);
    expect(code).toBe(0);
  });

  it("matches ids a later run mentions from an earlier one (tool round trip, interrupt resume)", async () => {
    for (const agent of ["frontend-tool", "interrupt"]) {
      const { code, result } = await diffJson(file(`${agent}-1`), file(`${agent}-2`));
      expect(result.runs).toHaveLength(2);
      expect(result.runs.flatMap((r) => r.differences)).toEqual([]);
      expect(code).toBe(0);
    }
  });

  it("finds nothing between equal content streamed in different chunks", async () => {
    const { code, result } = await diffJson(file("scripted"), file("rechunked"));
    expect(result.runs[0].differences).toEqual([]);
    expect(code).toBe(0);
  });

  it("reports exactly one tool argument and one state value when those two differ", async () => {
    const { code, result } = await diffJson(file("scripted"), file("shout"));
    const diffs = result.runs[0].differences;
    expect(diffs.map((d) => [d.kind, d.path, d.before, d.after])).toEqual([
      ["tool-args", "/query", "find the red kite", "FIND THE RED KITE"],
      ["state", "/last", "find the red kite", "FIND THE RED KITE"],
    ]);
    expect(diffs[0].name).toBe("lookup");
    expect(code).toBe(5);
    const text = await cli("diff", file("scripted"), file("shout"));
    expect(text.stdout).toMatch(/tool-args\s+tool call "lookup" argument \/query "find the red kite" → "FIND THE RED KITE"/);
    expect(text.stdout).toMatch(/2 difference\(s\) in 1 compared run\(s\)/);
  });

  it("compares two runs of one file with --run twice, and names the run in the first file", async () => {
    const runs = (await diffJson(file("two-runs"), file("two-runs"))).result.runs;
    expect(runs).toHaveLength(2);
    const [one, two] = runs.map((r) => r.a.runId!);
    const { result } = await diffJson(file("two-runs"), file("two-runs"), "--run", one, "--run", two);
    expect(result.runs).toHaveLength(1);
    const kinds = result.runs[0].differences.map((d) => `${d.kind} ${d.path ?? ""}`);
    // "You said: one" vs "You said: two", the query, the result size and the state that echoes it.
    expect(kinds).toContain("text ");
    expect(kinds).toContain("tool-args /query");
    expect(result.runs[0].differences.find((d) => d.kind === "text")).toMatchObject({ before: "You said: one", after: "You said: two" });
    const single = await diffJson(file("two-runs"), file("scripted"), "--run", one);
    expect(single.result.runs).toHaveLength(1);
    expect(single.result.runs[0].a.runId).toBe(one);
  });

  it("reports runs only one side has", async () => {
    const { code, result } = await diffJson(file("two-runs"), file("scripted"));
    expect(result.unpaired).toEqual([{ side: "a", index: 2, runId: expect.any(String) }]);
    expect(code).toBe(5);
  });

  it("exits 2 on bad usage and 1 on an unreadable file", async () => {
    expect((await cli("diff", file("scripted"))).code).toBe(2);
    const unknown = await cli("diff", file("scripted"), file("scripted"), "--run", "nope");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no run "nope"/);
    const missing = await cli("diff", file("scripted"), join(dir, "missing.jsonl"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*missing\.jsonl/);
  });
});
