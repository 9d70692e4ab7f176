// A real CopilotKit React app (e2e/apps/copilotkit-react) with its runtimeUrl set to the served
// inspector's recording proxy: the app works as it does direct (chat, frontend-tool round trip,
// stop) while the inspector, open in another tab, shows the proxied traffic live.
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { inspectorUrl, proxyUrl, runtime } from "./inspector";
import { startReactApp, type ReactApp } from "./apps/copilotkit-react/server";

let app: ReactApp;
test.beforeAll(async () => {
  app = await startReactApp();
});
test.afterAll(async () => {
  await app?.close();
});

const timeline = (page: Page) => page.getByRole("region", { name: "Timeline" });

test("a CopilotKit React app runs through the proxy; the inspector shows it live", async ({ context }) => {
  const inspector = await context.newPage();
  await inspector.goto(`${inspectorUrl(runtime.rest)}&proxy=${encodeURIComponent(proxyUrl)}`);
  await expect(inspector.getByTestId("proxy-status")).toContainText("live");

  const appPage = await context.newPage();
  const errors: string[] = [];
  appPage.on("pageerror", (err) => errors.push(err.message));

  // frontend-tool round trip: the agent calls the page's tool, the handler answers, the agent replies
  await appPage.goto(`${app.url}/?runtime=${encodeURIComponent(proxyUrl)}&agent=frontend-tool`);
  const chat = appPage.getByRole("region", { name: "Chat" });
  await chat.getByRole("textbox").fill("please deploy");
  await chat.getByRole("textbox").press("Enter");
  await expect(appPage.getByLabel("Tool handler calls")).toHaveText("1", { timeout: 20_000 });
  await expect(chat.getByText(/Tool .*-call answered: .*"confirmed":true/)).toBeVisible({ timeout: 20_000 });
  await expect(timeline(inspector).getByRole("row").filter({ hasText: "TOOL_CALL_START" }).first()).toBeVisible();
  await expect.poll(async () => timeline(inspector).getByRole("row").filter({ hasText: "POST run" }).count()).toBeGreaterThanOrEqual(2);

  // a run and its events, counted by the page and seen by the inspector
  await appPage.goto(`${app.url}/?runtime=${encodeURIComponent(proxyUrl)}&agent=scripted&message=${encodeURIComponent("via the proxy")}`);
  await appPage.getByRole("button", { name: "Run agent" }).click();
  await expect(appPage.getByRole("status", { name: "Run status" })).toHaveText("done", { timeout: 20_000 });
  await expect(appPage.getByRole("region", { name: "Chat" }).getByText("You said: via the proxy")).toBeVisible({ timeout: 20_000 });

  // a stop: the page's Stop sends the runtime's stop through the proxy
  await appPage.goto(`${app.url}/?runtime=${encodeURIComponent(proxyUrl)}&agent=slow`);
  await appPage.getByRole("button", { name: "Run agent" }).click();
  await expect.poll(async () => Number(await appPage.getByLabel("Events received", { exact: true }).textContent()), { timeout: 20_000 }).toBeGreaterThan(3);
  await expect(timeline(inspector).getByRole("row").filter({ hasText: "tick" }).first()).toBeVisible();
  mkdirSync("reports/screenshots", { recursive: true });
  await inspector.screenshot({ path: "reports/screenshots/watching-proxied-react.png" });
  await appPage.getByRole("button", { name: "Stop run" }).click();
  await expect(appPage.getByRole("status", { name: "Run status" })).not.toHaveText("running", { timeout: 20_000 });
  await expect(timeline(inspector).getByRole("row").filter({ hasText: "200 stop" })).toHaveCount(1);
  expect(errors).toEqual([]);
});
