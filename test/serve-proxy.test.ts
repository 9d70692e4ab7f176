// The built bin: `agui-inspector --proxy <runtimeUrl>` serves the inspector and a recording proxy
// whose session is spooled to --out and offered to the page (token required).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { parseSessionFile } from "../src/core/session/file";
import { RECORD_FEED_PATH } from "../src/server/proxy/record-feed";
import { eventsOf, wireEvents } from "./helpers";

const bin = join(import.meta.dirname, "../dist/cli/agui-inspector.js");
let rt: RuntimeFixture;
let dir: string;
beforeAll(async () => {
  rt = await startRuntime();
  dir = mkdtempSync(join(tmpdir(), "agui-serve-proxy-"));
});
afterAll(async () => {
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("agui-inspector --proxy", () => {
  it("serves the page and the proxy; the run is spooled and offered to the page", async () => {
    expect(existsSync(bin), "run npm run build first").toBe(true);
    const out = join(dir, "served.agui.jsonl");
    const child = spawn(process.execPath, [bin, "--port", "0", "--proxy", rt.restUrl, "--out", out], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      let stdout = "";
      const { page, proxy } = await new Promise<{ page: string; proxy: string }>((resolve, reject) => {
        child.stdout.on("data", (d) => {
          stdout += d;
          const p = /Recording proxy: (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          const i = /AG-UI Inspector: (\S+)/.exec(stdout);
          if (p && i) resolve({ page: i[1], proxy: p[1] });
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}: ${stdout}`)));
      });
      const pageUrl = new URL(page);
      expect(pageUrl.searchParams.get("proxy")).toBe(proxy);
      expect(pageUrl.searchParams.get("runtime")).toBe(rt.restUrl);
      // the token rides in the fragment, the proxy in the query
      const token = new URLSearchParams(pageUrl.hash.slice(1)).get("token")!;
      expect(token.length).toBeGreaterThanOrEqual(16);

      const body = JSON.stringify({ threadId: "served-proxy", runId: "r1", messages: [{ id: "m", role: "user", content: "served" }], tools: [], context: [], state: {}, forwardedProps: {} });
      const text = await (await fetch(`${proxy}/agent/scripted/run`, { method: "POST", headers: { "content-type": "application/json" }, body })).text();
      expect(wireEvents(text).length).toBeGreaterThan(5);

      const feed = await fetch(proxy + RECORD_FEED_PATH, { headers: { "x-inspector-token": token } });
      expect(feed.status).toBe(200);
      const reader = feed.body!.getReader();
      let got = "";
      while (!got.includes('"kind":"end"')) got += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
      expect(got).toMatch(/^event: header\n/);
      expect((await fetch(proxy + RECORD_FEED_PATH)).status).toBe(401);

      const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
      child.kill("SIGINT");
      expect(await exit).toBe(0);
      const file = parseSessionFile(readFileSync(out, "utf8"));
      expect(eventsOf(file.records)).toEqual(wireEvents(text));
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
