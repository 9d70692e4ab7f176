// The page shows the app's own traffic live: runs a real CopilotKit client makes through the
// served inspector's recording proxy, and every thread of the runtime's debug feed once attached.
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { HttpAgent } from "@ag-ui/client";
import { ProxiedCopilotRuntimeAgent } from "@copilotkit/core";
import { inspectorUrl, proxyUrl, runtime } from "./inspector";

process.env.SUPPRESS_TRANSFORMATION_WARNINGS = "true";

const timeline = (page: Page) => page.getByRole("region", { name: "Timeline" });
const shot = (page: Page, name: string) => {
  mkdirSync("reports/screenshots", { recursive: true });
  return page.screenshot({ path: `reports/screenshots/${name}.png` });
};

test("proxied runs of a real CopilotKit client appear live", async ({ page }) => {
  await page.goto(`${inspectorUrl(runtime.rest)}&proxy=${encodeURIComponent(proxyUrl)}`);
  await expect(page.getByTestId("proxy-status")).toContainText("live");

  const agent = new ProxiedCopilotRuntimeAgent({ runtimeUrl: proxyUrl, agentId: "slow", transport: "rest" });
  agent.threadId = "proxyRun-e2e";
  agent.messages = [{ id: "e2e-proxied-user", role: "user", content: "through the proxy" }];
  const running = agent.runAgent({});
  // live: ticks show while the run is still streaming
  const ticks = timeline(page).getByRole("row").filter({ hasText: "TEXT_MESSAGE_CONTENT" });
  await expect.poll(async () => ticks.count()).toBeGreaterThan(2);
  await expect(timeline(page).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Threads seen" })).toContainText("proxyRun");
  await shot(page, "watching-proxied");
  agent.abortRun();
  await running;
  await expect(timeline(page).getByRole("row").filter({ hasText: "200 stop" })).toHaveCount(1);
  await expect(timeline(page).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Sessions" })).toContainText("proxy");
});

test("a reload of the page following the proxy neither repeats what it stored nor misses what came meanwhile", async ({ page }) => {
  await page.goto(`${inspectorUrl(runtime.rest)}&proxy=${encodeURIComponent(proxyUrl)}`);
  await expect(page.getByTestId("proxy-status")).toContainText("live");
  const threads = page.getByRole("list", { name: "Threads seen" });
  const run = async (threadId: string) => {
    const agent = new ProxiedCopilotRuntimeAgent({ runtimeUrl: proxyUrl, agentId: "scripted", transport: "rest" });
    agent.threadId = threadId;
    agent.messages = [{ id: `${threadId}-user`, role: "user", content: threadId }];
    await agent.runAgent({});
  };
  await run("rlBefore");
  await expect(threads).toContainText("rlBefore");
  // What the page stored is marked once its sink has it: wait until the mark holds still.
  const mark = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("agui-inspector:proxy-spool:")).map((k) => Number(localStorage.getItem(k))));
  let last: number[] = [];
  await expect
    .poll(async () => {
      const now = await mark();
      const steady = now.length === 1 && now[0] > 0 && now[0] === last[0];
      last = now;
      return steady;
    }, { intervals: [1500], timeout: 30_000 })
    .toBe(true);

  await page.reload();
  await expect(page.getByTestId("proxy-status")).toContainText("live");
  await run("rlAfter1");
  await expect(threads).toContainText("rlAfter1");
  await expect(threads).not.toContainText("rlBefore");
  // and the mark moved on past the new run
  await expect.poll(async () => (await mark())[0]).toBeGreaterThan(last[0]);
});

test("attached to the debug feed, two threads run by another client appear live in their lanes", async ({ page }) => {
  await page.goto(inspectorUrl(runtime.debug));
  await page.getByRole("button", { name: "Attach to debug feed" }).click();
  await expect(page.getByTestId("feed-status")).toContainText("Attached to the debug feed");

  const client = (agentId: string, threadId: string) => {
    const a = new HttpAgent({ url: `${runtime.debug}/agent/${agentId}/run`, threadId });
    a.messages = [{ id: `${threadId}-user`, role: "user", content: `hello ${threadId}` }];
    return a;
  };
  const slow = client("slow", "laneSlow-e2e");
  const slowRun = slow.runAgent({});
  await expect.poll(async () => timeline(page).getByRole("row").filter({ hasText: "TEXT_MESSAGE_CONTENT" }).count()).toBeGreaterThan(1);
  await client("scripted", "laneFast-e2e").runAgent({});
  const threads = page.getByRole("list", { name: "Threads seen" });
  await expect(threads).toContainText("laneSlow");
  await expect(threads).toContainText("laneFast");
  await expect(timeline(page).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(1);
  await shot(page, "watching-attached");
  // stop the slow run from outside; its closers arrive over the feed too
  await fetch(`${runtime.debug}/agent/slow/stop/laneSlow-e2e`, { method: "POST" });
  // @ag-ui/client rejects the runtime's bare RUN_FINISHED closer (no threadId/runId); the feed keeps it
  await slowRun.catch((err: Error) => expect(String(err)).toMatch(/threadId/));
  await expect(timeline(page).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(2);
  await page.getByRole("button", { name: "Detach" }).click();
  await expect(page.getByTestId("feed-status")).toContainText("Detached");
});

test("attaching to a runtime without the feed says how to turn it on (reached through the forward: no CORS there)", async ({ page }) => {
  await page.goto(inspectorUrl(runtime.restNoCors));
  await page.getByRole("button", { name: "Attach to debug feed" }).click();
  await expect(page.getByTestId("feed-status")).toContainText("debug: true");
});

test("runtime threads: pull one (replay checked against the runtime), continue it, connect to it", async ({ page }) => {
  const seed = new HttpAgent({ url: `${runtime.rest}/agent/scripted/run`, threadId: "pageThread-e2e" });
  seed.messages = [{ id: "page-thread-user", role: "user", content: "stored on the runtime" }];
  await seed.runAgent({});

  await page.goto(inspectorUrl(runtime.rest));
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("status").first()).toContainText("Connected");
  const panel = page.getByRole("region", { name: "Runtime threads" });
  await panel.getByRole("button", { name: "List threads" }).click();
  await panel.getByRole("button", { name: "Pull thread pageThread-e2e" }).click();
  await expect(page.getByTestId("runtime-threads-status")).toContainText("the replayed state and messages equal the runtime's");
  await expect(page.getByRole("list", { name: "Threads seen" })).toContainText("pageThre");
  await page.getByRole("tab", { name: "Messages" }).click();
  await expect(page.getByRole("tabpanel")).toContainText("You said: stored on the runtime");

  // continue the pulled thread: the run goes out on the same threadId
  await page.getByRole("textbox", { name: "Message" }).fill("and once more");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(timeline(page).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(2);
  const threads = (await (await fetch(`${runtime.rest}/threads/pageThread-e2e/messages`)).json()).messages as { content?: string }[];
  expect(threads.map((m) => m.content)).toContain("and once more");

  await page.getByRole("textbox", { name: "Thread id" }).fill("pageThread-e2e");
  await page.getByRole("button", { name: "Connect to thread", exact: true }).click();
  await expect(page.getByTestId("runtime-threads-status")).toContainText("replayed");
  await expect(page.getByTestId("runtime-threads-status")).toContainText("in 2 run(s)");
});
