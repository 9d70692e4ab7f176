import { expect, test, type Page } from "@playwright/test";
import { inspectorUrl } from "./inspector";

// The full RunAgentInput editor is a roomy drawer opened from the composer: Esc closes it and
// focus goes back; every field typed there is what the real runtime receives.

const timeline = (page: Page) => page.getByRole("region", { name: "Timeline" });
const drawer = (page: Page) => page.getByRole("dialog", { name: "RunAgentInput" });

async function replaceText(page: Page, text: string) {
  await drawer(page).getByRole("textbox", { name: "RunAgentInput JSON" }).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
});

test("the RunAgentInput drawer: roomy, Esc closes and focus returns, every field reaches the runtime", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(inspectorUrl());
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByRole("status").first()).toContainText("Connected");
  await page.getByRole("list", { name: "Agents" }).getByRole("button", { name: /^echo\b/ }).click();

  const toggle = page.getByRole("checkbox", { name: "Edit the full RunAgentInput" });
  await toggle.check();
  await expect(drawer(page)).toBeVisible();
  await expect(drawer(page).getByRole("textbox", { name: "RunAgentInput JSON" })).toBeFocused();
  // Roomy: far wider than the sidebar it used to be squeezed into, and the full height.
  const box = (await drawer(page).boundingBox())!;
  const aside = (await page.locator("aside").boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(800);
  expect(box.height).toBeGreaterThanOrEqual(880);
  // Not modal: the sidebar (message box, Run) stays uncovered.
  expect(box.x).toBeGreaterThanOrEqual(aside.x + aside.width - 1);
  await page.keyboard.press("Escape");
  await expect(drawer(page)).toHaveCount(0);
  await expect(toggle).toBeFocused();
  await expect(toggle).toBeChecked();

  const open = page.getByRole("button", { name: "Open RunAgentInput editor" });
  await open.click();
  await expect(drawer(page)).toBeVisible();
  await replaceText(page, '{"threadId": 5}');
  await expect(drawer(page).getByRole("alert")).toHaveText('"threadId" must be a string.');
  await expect(drawer(page).getByRole("button", { name: "Run with this input" })).toBeDisabled();
  const input = {
    threadId: "thread-drawer",
    runId: "run-drawer-1",
    messages: [{ id: "m-extra", role: "user", content: "from the drawer" }],
    state: { from: "drawer" },
    tools: [{ name: "pick", description: "Pick one", parameters: { type: "object", properties: {} } }],
    context: [{ description: "where", value: "e2e" }],
    forwardedProps: { drawer: true },
  };
  await replaceText(page, JSON.stringify(input, null, 2));
  await expect(drawer(page).getByRole("alert")).toHaveCount(0);
  await drawer(page).getByText("What Run sends").click();
  const preview = drawer(page).getByLabel("Assembled RunAgentInput");
  await expect(preview).toContainText('"runId": "run-drawer-1"');
  await expect(preview).toContainText('"description": "where"');
  await page.keyboard.press("Escape");
  await expect(drawer(page)).toHaveCount(0);
  await expect(open).toBeFocused();
  await expect(page.getByText("Custom input: threadId, runId, messages, state, tools, context, forwardedProps.")).toBeVisible();

  await open.click();
  await drawer(page).getByRole("button", { name: "Run with this input" }).click();
  await expect(drawer(page)).toHaveCount(0);
  await expect(timeline(page).getByRole("row").filter({ hasText: "end run: complete" })).toHaveCount(1);
  await page.getByRole("tab", { name: "Messages" }).click();
  await expect(page.getByRole("region", { name: "Messages" })).toContainText('you sent {"drawer":true}');

  // The request as recorded is the input typed, field for field.
  await timeline(page).getByRole("row").filter({ hasText: "POST run" }).click();
  await page.getByRole("tab", { name: "Event" }).click();
  await page.getByRole("button", { name: "Copy record JSON" }).click();
  const record = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as { body: Record<string, unknown> };
  for (const [k, v] of Object.entries(input)) expect(record.body[k], k).toEqual(v);
});
