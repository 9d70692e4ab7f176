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
    const attached = cli("attach", rt.debugUrl, "--for", "3", "--out", out);
    for (let i = 0; i < 300 && rt.openFeeds() === 0; i++) await new Promise((r) => setTimeout(r, 10));
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

describe("agui-inspector threads / pull / connect", () => {
  beforeAll(async () => {
    await clientRun("scripted", "cli-thread", "stored");
  });

  it("threads lists what the runtime ran (REST and single-route), --json too", async () => {
    const r = await cli("threads", rt.debugUrl, "--agent", "scripted");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^cli-thread\tscripted\t/m);
    const single = await cli("threads", rt.singleUrl, "--json");
    expect(JSON.parse(single.stdout).map((t: { id: string }) => t.id)).toContain("cli-thread");
  });

  it("pull saves the thread; its replay equals the runtime's state and messages", async () => {
    const out = join(dir, "pulled.agui.jsonl");
    const r = await cli("pull", rt.debugUrl, "--thread", "cli-thread", "--out", out);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/replayed state and messages equal the runtime's/);
    const file = parseSessionFile(readFileSync(out, "utf8"));
    expect(file.header).toMatchObject({ agentId: "scripted", source: { kind: "runtime-thread" } });
    const stored = (await (await fetch(`${rt.debugUrl}/threads/cli-thread/events`)).json()).events;
    expect(file.records.flatMap((x) => (x.kind === "event" ? [x.event] : []))).toEqual(stored);
    // the saved file replays with the project's own replay command
    const replay = await cli("replay", out);
    expect(JSON.parse(replay.stdout).state).toEqual((await (await fetch(`${rt.debugUrl}/threads/cli-thread/state`)).json()).state);
  });

  it("pull of a thread the runtime does not hold fails and says so", async () => {
    const r = await cli("pull", rt.debugUrl, "--thread", "never-ran", "--out", join(dir, "none.agui.jsonl"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/holds no events/);
  });

  it("connect records the runtime's replay of the thread", async () => {
    const out = join(dir, "connect.agui.jsonl");
    const r = await cli("connect", rt.debugUrl, "--agent", "scripted", "--thread", "cli-thread", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/replayed \d+ events in 1 run\(s\)/);
    const file = parseSessionFile(readFileSync(out, "utf8"));
    const stored = (await (await fetch(`${rt.debugUrl}/threads/cli-thread/events`)).json()).events;
    expect(file.records.flatMap((x) => (x.kind === "event" ? [x.event] : []))).toEqual(stored);
    expect((await cli("connect", rt.debugUrl, "--thread", "x")).code).toBe(2);
  });
});
