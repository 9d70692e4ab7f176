import { expect, test } from "@playwright/test";
import { inspectorUrl, runtime } from "./inspector";

test("connects to the demo runtime, runs an agent and shows every record live", async ({ page }) => {
  await page.goto(inspectorUrl());
  await expect(page.getByRole("textbox", { name: "Runtime URL" })).toHaveValue(runtime.rest);
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByRole("status")).toContainText("Connected · rest · runtime 1.75.0");
  const agents = page.getByRole("list", { name: "Agents" });
  await expect(agents.getByRole("button", { name: /scripted/ })).toBeVisible();
  await agents.getByRole("button", { name: /scripted/ }).click();
  await page.getByRole("textbox", { name: "Message" }).fill("hello from playwright");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(1);
  // /info: request, response, end; the run: request, response, end and 17 events
  // (the scripted agent streams "You said: hello from playwright" as 5 deltas among 12 other events)
  await expect(timeline.getByRole("row")).toHaveCount(3 + 3 + 12 + 5);
  await expect(timeline.getByRole("row").filter({ hasText: "TEXT_MESSAGE_CONTENT" }).filter({ hasText: "playwright" })).toHaveCount(1);
  await page.screenshot({ path: "docs/screenshots/skeleton.png" });
});

test("names a CORS refusal and the way out", async ({ page }) => {
  await page.goto(inspectorUrl(runtime.restNoCors));
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByRole("status")).toContainText("cors");
  await expect(page.getByRole("status")).toContainText("reachable but refused this page's origin");
});
