import { expect, test, type Locator, type Page } from "@playwright/test";
import { inspectorUrl } from "./inspector";
import { generateMixedSession } from "../test/session-generator";
import { createHeader, encodeSessionFile } from "../src/core/session/file";

// A layout that breathes: panes resized by dragging or with the keyboard keep their size across a
// reload; the agent list folds and stays folded; at 900×700 Run is on screen and the cursor's
// row is scrolled into view.

const value = async (sep: Locator) => Number(await sep.getAttribute("aria-valuenow"));
const width = async (page: Page, selector: string) => Math.round((await page.locator(selector).boundingBox())!.width);
const height = async (page: Page, selector: string) => Math.round((await page.locator(selector).boundingBox())!.height);

async function drag(page: Page, sep: Locator, dx: number, dy: number) {
  const box = (await sep.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2);
  await page.mouse.move(x + dx, y + dy);
  await page.mouse.up();
}

test("the sidebar and detail panes resize by drag and by keyboard, and keep their sizes after a reload", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(inspectorUrl());
  const side = page.getByRole("separator", { name: "Resize the sidebar" });
  const detail = page.getByRole("separator", { name: "Resize the detail pane" });
  await expect(side).toHaveAttribute("aria-orientation", "vertical");
  await expect(side).toHaveAttribute("aria-controls", "sidebar");
  await expect.poll(async () => (await value(side)) > 0 && (await value(side)) === (await width(page, "#sidebar"))).toBe(true);
  await expect.poll(async () => (await value(detail)) > 0 && (await value(detail)) === (await width(page, "#detail-pane"))).toBe(true);
  const side0 = await value(side);
  const detail0 = await value(detail);

  await drag(page, side, 120, 0);
  await expect.poll(() => width(page, "#sidebar")).toBe(side0 + 120);
  expect(await value(side)).toBe(side0 + 120);
  // Dragging the detail separator left widens the detail pane.
  await drag(page, detail, -100, 0);
  await expect.poll(() => width(page, "#detail-pane")).toBe(detail0 + 100);

  // Keyboard: arrows move the focused separator by 16 px (Shift: 64), Home goes to the bound.
  await detail.focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect(detail).toHaveAttribute("aria-valuenow", String(detail0 + 132));
  await side.focus();
  await page.keyboard.press("Shift+ArrowLeft");
  await expect(side).toHaveAttribute("aria-valuenow", String(side0 + 56));
  await expect.poll(() => width(page, "#sidebar")).toBe(side0 + 56);
  await expect.poll(() => width(page, "#detail-pane")).toBe(detail0 + 132);

  await page.reload();
  await expect.poll(() => width(page, "#sidebar")).toBe(side0 + 56);
  await expect.poll(() => width(page, "#detail-pane")).toBe(detail0 + 132);
  await expect(page.getByRole("separator", { name: "Resize the sidebar" })).toHaveAttribute("aria-valuenow", String(side0 + 56));

  await page.getByRole("separator", { name: "Resize the sidebar" }).focus();
  await page.keyboard.press("Home");
  await expect.poll(() => width(page, "#sidebar")).toBe(Number(await side.getAttribute("aria-valuemin")));
});

test("at 900×700: the detail pane's height is a separator too; the agent list folds and stays folded; Run is on screen", async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 700 });
  await page.goto(inspectorUrl());
  const detail = page.getByRole("separator", { name: "Resize the detail pane" });
  await expect(detail).toHaveAttribute("aria-orientation", "horizontal");
  await expect.poll(async () => (await value(detail)) > 0 && (await value(detail)) === (await height(page, "#detail-pane"))).toBe(true);
  const h0 = await value(detail);
  await drag(page, detail, 0, -60);
  await expect.poll(() => height(page, "#detail-pane")).toBe(h0 + 60);
  await detail.focus();
  await page.keyboard.press("ArrowDown");
  await expect.poll(() => height(page, "#detail-pane")).toBe(h0 + 44);

  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByRole("status").first()).toContainText("Connected");
  const fold = page.getByRole("button", { name: /^Agents/ });
  await expect(fold).toHaveAttribute("aria-expanded", "true");
  await page.getByRole("list", { name: "Agents" }).getByRole("button", { name: /^scripted\b/ }).click();
  await fold.click();
  await expect(fold).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("list", { name: "Agents" })).toHaveCount(0);
  await expect(page.locator(".agent-chosen")).toHaveText("Agent: scripted");

  await page.reload();
  await expect.poll(() => height(page, "#detail-pane")).toBe(h0 + 44);
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByRole("status").first()).toContainText("Connected");
  await expect(page.getByRole("button", { name: /^Agents/ })).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("list", { name: "Agents" })).toHaveCount(0);
  await page.getByRole("textbox", { name: "Message" }).fill("folded");
  const run = page.getByRole("button", { name: "Run", exact: true });
  const box = (await run.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(700);
  await run.click();
  await expect(page.getByRole("region", { name: "Timeline" }).getByRole("row").filter({ hasText: "end run: complete" })).toHaveCount(1);
  await page.getByRole("button", { name: /^Agents/ }).click();
  await expect(page.getByRole("list", { name: "Agents" }).getByRole("button", { name: /^scripted\b/ })).toHaveAttribute("aria-pressed", "true");
  // Nothing in the timeline pane is pushed out of reach, and it shows at least 7 rows with the
  // default detail height (the one dragged above was taller).
  await page.evaluate(() => localStorage.removeItem("agui-inspector:layout"));
  await page.reload();
  await expect(page.getByRole("region", { name: "Timeline" }).getByRole("row").filter({ hasText: "end run: complete" })).toHaveCount(1);
  const main = await page.locator("main").evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(main.scroll).toBeLessThanOrEqual(main.client);
  await expect(page.getByRole("button", { name: "Follow live" })).toBeInViewport({ ratio: 1 });
  expect(await page.locator(".timeline-scroll").evaluate((el) => el.clientHeight)).toBeGreaterThanOrEqual(7 * 22);
});

test("at 900×700 the cursor's row is scrolled into view when the cursor jumps in a library session", async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 700 });
  const records = generateMixedSession(30);
  await page.goto(inspectorUrl());
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import session" }).click()]);
  await chooser.setFiles({ name: "long.agui.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(encodeSessionFile(createHeader({ id: "long", name: "long" }), records)) });
  await expect(page.getByRole("status").filter({ hasText: `Imported ${records.length} record(s)` })).toBeVisible();
  const slider = page.getByRole("slider", { name: "Event cursor" });
  await expect(slider).toHaveAttribute("max", String(records.length));
  const scroller = page.getByRole("region", { name: "Timeline" }).locator(".timeline-scroll");
  for (const seq of [1500, 300, records.length - 5]) {
    await slider.fill(String(seq));
    const row = scroller.locator(".rec.cursor");
    await expect(row.locator(".seq")).toHaveText(String(seq));
    await expect(row).toBeInViewport();
    const r = (await row.boundingBox())!;
    const s = (await scroller.boundingBox())!;
    expect(r.y).toBeGreaterThanOrEqual(s.y - 1);
    expect(r.y + r.height).toBeLessThanOrEqual(s.y + s.height + 1);
  }
});

test("at 1280×800 the Columns button has the gutter's header cell: it covers no column header, and the rows keep the header's columns", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const records = generateMixedSession(1);
  await page.goto(inspectorUrl());
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import session" }).click()]);
  await chooser.setFiles({ name: "cols.agui.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(encodeSessionFile(createHeader({ id: "cols", name: "cols" }), records)) });
  await expect(page.getByRole("status").filter({ hasText: `Imported ${records.length} record(s)` })).toBeVisible();
  const timeline = page.getByRole("region", { name: "Timeline" });
  const head = timeline.locator(".timeline-head");
  const button = timeline.getByRole("button", { name: "Columns" });
  const check = async () => {
    const b = (await button.boundingBox())!;
    const headers = head.getByRole("columnheader");
    const n = await headers.count();
    expect(n).toBeGreaterThan(3);
    // the button has the gutter's header cell (nothing else shows there), and every column's header starts after it
    const own = (await head.locator(".col-menu").boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(own.x - 0.5);
    expect(b.x + b.width).toBeLessThanOrEqual(own.x + own.width + 0.5);
    for (let i = 0; i < n; i++) {
      if ((await headers.nth(i).getAttribute("class"))?.includes("col-menu")) continue;
      const h = (await headers.nth(i).boundingBox())!;
      expect(h.x, await headers.nth(i).innerText()).toBeGreaterThanOrEqual(b.x + b.width);
    }
    // a row's summary starts where the Summary header does
    const summaryHead = (await head.getByRole("columnheader", { name: "Summary" }).boundingBox())!;
    const summaryCell = (await timeline.locator(".rec .summary").first().boundingBox())!;
    expect(Math.abs(summaryCell.x - summaryHead.x)).toBeLessThanOrEqual(1);
  };
  // By default Summary is the last column (Thread and Run hidden): it used to sit under the button.
  await expect(head.getByRole("columnheader", { name: "Thread", exact: true })).toHaveCount(0);
  await check();
  // More columns: Run is the last column header, and still clear of the button.
  await button.click();
  const menu = page.getByRole("group", { name: "Columns shown" });
  for (const name of ["Thread", "Run"]) await menu.getByRole("checkbox", { name }).check();
  await expect(head.getByRole("columnheader", { name: "Run", exact: true })).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
  await check();
  await button.click();
  await menu.getByRole("button", { name: "Reset columns" }).click();
  await expect(head.getByRole("columnheader", { name: "Run", exact: true })).toHaveCount(0);
});
