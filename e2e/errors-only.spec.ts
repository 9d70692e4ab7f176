import { expect, test, type Page } from "@playwright/test";
import { inspectorUrl } from "./inspector";
import { startFaultServer, type FaultServer } from "./fixtures/fault-server";
import { generateMixedSession } from "../test/session-generator";
import { createHeader, encodeSessionFile } from "../src/core/session/file";
import { createSessionView } from "../src/models/session-view";
import { NO_FILTER } from "../src/models/filters";

// The always-visible "errors only" chip keeps the rows the gutter marks — errors, warnings, bad
// frames, failed patches — for a live session in memory and for a library session the worker pages.

const rows = (page: Page) => page.getByRole("region", { name: "Timeline" }).locator(`[role="row"]:not(.timeline-head)`);
const chip = (page: Page) => page.getByRole("button", { name: "errors only" });

let fault: FaultServer;
test.beforeAll(async () => {
  fault = await startFaultServer();
});
test.afterAll(() => fault.close());

test("errors only on a live session: the failed check, its end, the bad frame and the run end that counts it (a warning); off again gives every row back", async ({ page }) => {
  await page.goto(inspectorUrl(`${fault.url}/deep-middle`));
  await page.getByRole("combobox", { name: "Transport" }).selectOption("agui");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("status").first()).toContainText("Connected");
  await page.getByRole("textbox", { name: "Message" }).fill("errors please");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(rows(page).filter({ hasText: /end run/ })).toHaveCount(1);
  const all = await rows(page).count();
  await expect(chip(page)).toHaveAttribute("aria-pressed", "false");
  await chip(page).click();
  await expect(chip(page)).toHaveAttribute("aria-pressed", "true");
  await expect(rows(page).locator(".type")).toHaveText(["405 info", "end info: error", "BAD FRAME", "end run: complete"]);
  await chip(page).click();
  await expect(rows(page)).toHaveCount(all);
});

test("errors only on a library session filters in the worker: the rows equal the in-memory answer", async ({ page }) => {
  const records = generateMixedSession(10);
  const memory = createSessionView();
  memory.reset(records);
  memory.filter.value = { ...NO_FILTER, errorsOnly: true };
  const want = memory.rows.value.map((r) => String(records[r.index].seq));
  expect(want.length).toBeGreaterThan(3);
  expect(want.length).toBeLessThan(40);
  // Kinds the fixture flags: bad frames and failed patches.
  expect(records.filter((r) => want.includes(String(r.seq))).some((r) => r.kind === "bad-frame")).toBe(true);
  expect(records.filter((r) => want.includes(String(r.seq))).some((r) => r.kind === "event" && r.event.type === "STATE_DELTA")).toBe(true);

  await page.goto(inspectorUrl());
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import session" }).click()]);
  await chooser.setFiles({ name: "errs.agui.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(encodeSessionFile(createHeader({ id: "errs", name: "errs" }), records)) });
  await expect(page.getByRole("status").filter({ hasText: `Imported ${records.length} record(s)` })).toBeVisible();
  await expect(page.getByRole("slider", { name: "Event cursor" })).toHaveAttribute("max", String(records.length));
  await chip(page).click();
  const toolbar = page.getByRole("toolbar", { name: "Timeline filters" });
  await expect(toolbar).toContainText(`${want.length} shown · ${records.length} records`);
  await expect(rows(page).locator(".seq")).toHaveText(want);
  await page.screenshot({ path: "reports/screenshots/errors-only.png" });
  // Every row shown carries a severity tint.
  for (const row of await rows(page).all()) await expect(row).toHaveClass(/sev-row/);
  // Nothing left under a search as well: the list says so instead of staying blank.
  await page.getByRole("searchbox", { name: "Search records" }).fill("TEXT_MESSAGE_START");
  await expect(toolbar).toContainText(`0 shown · ${records.length} records`);
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("No errors, warnings, bad frames or failed patches under the other filters.");
  await page.getByRole("searchbox", { name: "Search records" }).fill("");
  await chip(page).click();
  await expect(toolbar).toContainText(`${records.length} shown · ${records.length} records`);
});
