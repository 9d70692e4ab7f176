// `agui-inspector proxy` and the served proxy's record feed (what the web page reads).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "node:net";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ProxiedCopilotRuntimeAgent } from "@copilotkit/core";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { startServedProxy } from "../src/server/proxy/served";
import { RECORD_FEED_PATH } from "../src/server/proxy/record-feed";
import { parseSessionFile } from "../src/core/session/file";
import type { SessionRecord } from "../src/core/session/record";
import { cli, eventsOf } from "./helpers";

process.env.SUPPRESS_TRANSFORMATION_WARNINGS = "true";

let rt: RuntimeFixture;
let dir: string;
beforeAll(async () => {
  rt = await startRuntime();
  dir = mkdtempSync(join(tmpdir(), "agui-proxy-cli-"));
});
afterAll(async () => {
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

async function run(runtimeUrl: string, threadId: string) {
  const agent = new ProxiedCopilotRuntimeAgent({ runtimeUrl, agentId: "scripted", transport: "rest" });
  agent.threadId = threadId;
  agent.messages = [{ id: `${threadId}-m`, role: "user", content: threadId }];
  const seen: unknown[] = [];
  await agent.runAgent({}, { onEvent: ({ event }) => void seen.push(event) });
  return JSON.parse(JSON.stringify(seen)) as unknown[];
}

describe("agui-inspector proxy", () => {
  it("records what an app runs through it into --out", async () => {
    const port = await freePort();
    const out = join(dir, "proxy.agui.jsonl");
    const running = cli("proxy", rt.restUrl, "--port", String(port), "--for", "3", "--out", out);
    // wait until the proxy answers (its /info passes through to the runtime)
    for (let i = 0; i < 300; i++) {
      if (await fetch(`http://127.0.0.1:${port}/info`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const seen = await run(`http://127.0.0.1:${port}`, "cli-proxy");
    const r = await running;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok: 1 run\(s\) recorded/);
    expect(r.stderr).toMatch(/GET .*\/rest\/info \(info\)/);
    const file = parseSessionFile(readFileSync(out, "utf8"));
    expect(file.header.source).toEqual({ kind: "proxy" });
    expect(eventsOf(file.records)).toEqual(seen);
  });
});

async function readFeed(url: string, headers: Record<string, string>, until: (records: SessionRecord[]) => boolean) {
  const ctl = new AbortController();
  const res = await fetch(url, { headers, signal: ctl.signal });
  if (res.status !== 200) return { status: res.status, header: null, records: [] as SessionRecord[] };
  const reader = res.body!.getReader();
  let text = "";
  const parse = () => {
    const frames = text.split("\n\n").filter((f) => f.includes("data: "));
    const header = frames[0]?.startsWith("event: header") ? JSON.parse(frames[0].split("data: ")[1]) : null;
    return { header, records: frames.slice(1).map((f) => JSON.parse(f.slice("data: ".length)) as SessionRecord) };
  };
  while (!until(parse().records)) text += new TextDecoder().decode((await reader.read()).value);
  ctl.abort();
  return { status: 200, ...parse() };
}

describe("served proxy: the record feed for inspector pages", () => {
  it("gives a page with the token the backlog, then live records; refuses pages without it", async () => {
    const served = await startServedProxy({ runtimeUrl: rt.restUrl, token: "page-token", spoolPath: join(dir, "spool.agui.jsonl") });
    try {
      const before = await run(served.proxy.url, "spooled-before-page");
      const feedUrl = served.proxy.url + RECORD_FEED_PATH;
      const pending = readFeed(feedUrl, { "x-inspector-token": "page-token", origin: "http://127.0.0.1:9999" }, (rs) => rs.some((r) => r.threadId === "after-page" && r.kind === "end"));
      await new Promise((r) => setTimeout(r, 200));
      const after = await run(served.proxy.url, "after-page");
      const got = await pending;
      expect(got.header).toMatchObject({ id: served.spool.header.id, source: { kind: "proxy" } });
      expect(got.records.map((r) => r.seq)).toEqual(got.records.map((_, i) => i + 1));
      expect(eventsOf(got.records.filter((r) => r.threadId === "spooled-before-page"))).toEqual(before);
      expect(eventsOf(got.records.filter((r) => r.threadId === "after-page"))).toEqual(after);

      expect((await readFeed(feedUrl, { origin: "http://127.0.0.1:9999" }, () => true)).status).toBe(401);
      expect((await readFeed(feedUrl, { "x-inspector-token": "wrong-token!" }, () => true)).status).toBe(401);
      expect((await readFeed(feedUrl, { "x-inspector-token": "page-token", origin: "http://evil.example" }, () => true)).status).toBe(403);
    } finally {
      await served.close();
    }
  });
});
