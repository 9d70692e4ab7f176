import { expect, test } from "@playwright/test";
import { runtime } from "./inspector";
import { startReactApp, type ReactApp } from "./apps/copilotkit-react/server";

// The CopilotKit React test app (e2e/apps/copilotkit-react) against the real runtime: a chat
// message gets the scripted agent's reply, runAgent counts the events, the tool handler runs.

let app: ReactApp;
test.beforeAll(async () => {
  app = await startReactApp();
});
test.afterAll(async () => {
  await app?.close();
});

test("the chat shows the scripted agent's reply; runAgent counts every event the page received", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  await page.goto(`${app.url}/?runtime=${encodeURIComponent(runtime.rest)}&agent=scripted&message=${encodeURIComponent("from the run button")}`);
  const chat = page.getByRole("region", { name: "Chat" });
  const input = chat.getByRole("textbox");
  await input.fill("hello from the React chat");
  await input.press("Enter");
  await expect(chat.getByText("You said: hello from the React chat")).toBeVisible({ timeout: 20_000 });

  await page.getByRole("button", { name: "Run agent" }).click();
  await expect(page.getByRole("status", { name: "Run status" })).toHaveText("done");
  // The scripted run: RUN_STARTED, snapshot, text (start, 4 words, end), delta, tool call (5), delta, RUN_FINISHED.
  const types = await page.getByRole("list", { name: "Event types" }).getByRole("listitem").allTextContents();
  expect(types[0]).toBe("RUN_STARTED");
  expect(types.at(-1)).toBe("RUN_FINISHED");
  expect(types.filter((t) => t === "TEXT_MESSAGE_CONTENT")).toHaveLength("You said: from the run button".split(" ").length);
  await expect(page.getByLabel("Events received", { exact: true })).toHaveText(String(types.length));
  await expect(chat.getByText("You said: from the run button")).toBeVisible();
  expect(errors).toEqual([]);
});

test("the frontend tool's handler runs when the agent calls it, and the agent answers with its result", async ({ page }) => {
  await page.goto(`${app.url}/?runtime=${encodeURIComponent(runtime.rest)}&agent=frontend-tool`);
  const chat = page.getByRole("region", { name: "Chat" });
  await chat.getByRole("textbox").fill("please deploy");
  await chat.getByRole("textbox").press("Enter");
  await expect(page.getByLabel("Tool handler calls")).toHaveText("1", { timeout: 20_000 });
  await expect(page.getByRole("list", { name: "Tool handler arguments" })).toHaveText("deploy → staging");
  await expect(chat.getByText(/Tool .*-call answered: .*"confirmed":true/)).toBeVisible();
});
