import { expect, test, type Page } from "@playwright/test";
import { inspectorUrl } from "./inspector";
import { generateMixedSession } from "../test/session-generator";
import { createHeader, encodeSessionFile } from "../src/core/session/file";

// Library cards are one tab stop for the whole list: arrow keys move between cards, Enter opens,
// F2 renames, Delete deletes (with undo), Shift+F10 lists every action.

const list = (page: Page) => page.getByRole("list", { name: "Stored sessions" });
const records = generateMixedSession(1);

async function importNamed(page: Page, name: string) {
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import session" }).click()]);
  await chooser.setFiles({ name: `${name}.agui.jsonl`, mimeType: "application/x-ndjson", buffer: Buffer.from(encodeSessionFile(createHeader({ id: `id-${name}`, name }), records)) });
  await expect(list(page).getByRole("button", { name: `Open ${name}` })).toHaveCount(1);
}

const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.tagName ?? "");

test("the session list is one tab stop; arrows, Enter, F2, Delete and the menu key do the rest", async ({ page }) => {
  await page.goto(inspectorUrl());
  for (const name of ["alpha", "bravo", "charlie"]) await importNamed(page, name);
  const names = (await list(page).locator(".session-name").allInnerTexts()).map((t) => t.trim());
  expect(names).toHaveLength(3);
  // Twelve buttons in the list, one of them in the tab order.
  await expect(list(page).getByRole("button")).toHaveCount(12);
  expect(await list(page).locator('button:not([tabindex="-1"])').count()).toBe(1);

  await page.getByRole("button", { name: "Import session" }).focus();
  await page.keyboard.press("Tab");
  expect(await focusedName(page)).toBe(`Open ${names[0]}`);
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement?.closest('[aria-label="Stored sessions"]'))).toBe(false);
  await page.keyboard.press("Shift+Tab");
  expect(await focusedName(page)).toBe(`Open ${names[0]}`);

  await page.keyboard.press("ArrowDown");
  expect(await focusedName(page)).toBe(`Open ${names[1]}`);
  await page.keyboard.press("End");
  expect(await focusedName(page)).toBe(`Open ${names[2]}`);
  await page.keyboard.press("ArrowDown");
  expect(await focusedName(page)).toBe(`Open ${names[2]}`);
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowDown");
  // The tab stop moved with the focus: leaving and coming back lands on the same card.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Shift+Tab");
  expect(await focusedName(page)).toBe(`Open ${names[1]}`);

  await page.keyboard.press("Enter");
  await expect(list(page).locator("li.open .session-name")).toHaveText(names[1]);

  await page.keyboard.press("F2");
  const box = page.getByRole("textbox", { name: "Session name" });
  await expect(box).toBeFocused();
  await box.fill("bravo renamed");
  await page.keyboard.press("Enter");
  await expect(list(page).getByRole("button", { name: "Open bravo renamed" })).toBeFocused();

  await page.keyboard.press("Shift+F10");
  const menu = page.getByRole("menu", { name: "Session bravo renamed" });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole("menuitem")).toHaveText(["Open", "Rename (F2)", "Export", "Delete (Delete)"]);
  await expect(menu.getByRole("menuitem", { name: "Open" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  expect(download.suggestedFilename()).toBe("bravo_renamed.agui.jsonl");
  await expect(menu).toHaveCount(0);
  await expect(list(page).getByRole("button", { name: "Open bravo renamed" })).toBeFocused();

  await page.keyboard.press("Delete");
  await expect(list(page).locator(".session-name")).toHaveCount(2);
  // Focus goes to the card that took its place, still the list's only tab stop.
  const left = (await list(page).locator(".session-name").allInnerTexts()).map((t) => t.trim());
  expect(await focusedName(page)).toBe(`Open ${left[1]}`);
  expect(await list(page).locator('button:not([tabindex="-1"])').count()).toBe(1);
  await page.getByRole("button", { name: "Undo delete of bravo renamed" }).click();
  await expect(list(page).locator(".session-name")).toHaveCount(3);
});
