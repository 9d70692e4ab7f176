// The CLI's attach / threads / pull / connect against the real runtime.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HttpAgent } from "@ag-ui/client";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { parseSessionFile } from "../src/core/session/file";
import { cli } from "./helpers";

process.env.SUPPRESS_TRANSFORMATION_WARNINGS = "true";

let rt: RuntimeFixture;
let dir: string;
beforeAll(async () => {
  rt = await startRuntime();
  dir = mkdtempSync(join(tmpdir(), "agui-feed-cli-"));
});
afterAll(async () => {
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
});

async function clientRun(agentId: string, threadId: string, text: string) {
  const agent = new HttpAgent({ url: `${rt.debugUrl}/agent/${agentId}/run`, threadId });
  agent.messages = [{ id: `${threadId}-${text}`, role: "user", content: text }];
  const seen: unknown[] = [];
  await agent.runAgent({}, { onEvent: ({ event }) => void seen.push(event) });
  return JSON.parse(JSON.stringify(seen)) as unknown[];
}

describe("agui-inspector attach", () => {
  it("records the feed for --for seconds into --out", async () => {
    const out = join(dir, "feed.agui.jsonl");
    const attached = cli("attach", rt.debugUrl, "--for", "1.5", "--out", out);
    await new Promise((r) => setTimeout(r, 400));
    const seen = await clientRun("scripted", "cli-feed", "hello feed");
    const r = await attached;
    expect(r.stderr).toMatch(/attached/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`ok: ${seen.length} events on 1 thread\\(s\\)`));
    const file = parseSessionFile(readFileSync(out, "utf8"));
    expect(file.header.source).toEqual({ kind: "debug-feed" });
    expect(file.records.flatMap((x) => (x.kind === "event" && x.threadId === "cli-feed" ? [x.event] : []))).toEqual(seen);
  });

  it("exits 1 naming the debug setting when the feed is off", async () => {
    const r = await cli("attach", rt.restUrl, "--out", join(dir, "off.agui.jsonl"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/debug: true/);
  });
});
