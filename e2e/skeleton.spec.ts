import { expect, test } from "@playwright/test";
import { HARNESS_PORT } from "../playwright.config";
import { inspectorUrl, runtime } from "./inspector";

test("connects to the demo runtime, runs an agent and shows every record live", async ({ page }) => {
  await page.goto(inspectorUrl());
  await expect(page.getByRole("textbox", { name: "Runtime URL" })).toHaveValue(runtime.rest);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("status").first()).toContainText("Connected · rest · runtime 1.75.0");
  const agents = page.getByRole("list", { name: "Agents" });
  await agents.getByRole("button", { name: /scripted/ }).click();
  await page.getByRole("textbox", { name: "Message" }).fill("hello from playwright");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(1);
  // /info: request, response, end; the run: request, response, end and 17 events
  // (the scripted agent streams "You said: hello from playwright" as 5 deltas among 12 other events)
  await expect(timeline.locator(`[role="row"]:not(.timeline-head)`)).toHaveCount(3 + 3 + 12 + 5);
  await expect(timeline.getByRole("row").filter({ hasText: "TEXT_MESSAGE_CONTENT" }).filter({ hasText: "playwright" })).toHaveCount(1);
});

test("through the loopback server, a runtime without CORS is reached by forwarding", async ({ page }) => {
  await page.goto(inspectorUrl(runtime.restNoCors));
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("status").first()).toContainText("Connected · rest");
  // the recorded request names the runtime, not the forwarding route
  await expect(page.getByRole("region", { name: "Timeline" }).locator(`[role="row"]:not(.timeline-head)`).first()).toContainText(`${runtime.restNoCors}/info`);
});

test("from another static host, a CORS refusal is named with the way out", async ({ page }) => {
  await page.goto(`http://127.0.0.1:${HARNESS_PORT}/index.html?runtime=${encodeURIComponent(runtime.restNoCors)}`);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("status").first()).toContainText("cors");
  await expect(page.getByRole("status").first()).toContainText("reachable but refused this page's origin");
});
