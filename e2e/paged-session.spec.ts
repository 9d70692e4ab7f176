import { expect, test, type Page } from "@playwright/test";
import { writeFileSync } from "node:fs";
import { inspectorUrl } from "./inspector";
import { generateMixedSession } from "../test/session-generator";
import { createHeader, encodeSessionFile } from "../src/core/session/file";
import { createSessionView } from "../src/models/session-view";
import { NO_FILTER } from "../src/models/filters";
import { HELPER_MIN_CORES } from "../src/worker/gram-helper";

// A stored session opened in the web inspector is held by the page's worker as a window. What
// the page shows (rows, counts under a search, state at a clicked row, the end of the timeline)
// equals what the same records give in memory, computed here in Node.

const records = generateMixedSession(40);
const timeline = (page: Page) => page.getByRole("region", { name: "Timeline" });

function inMemory() {
  const view = createSessionView();
  view.reset(records);
  return view;
}

test("a stored session opens as a window the worker pages; rows, search, seeks and the end match the session in memory", async ({ page }, testInfo) => {
  const file = testInfo.outputPath("paged.agui.jsonl");
  writeFileSync(file, encodeSessionFile(createHeader({ id: "paged-e2e", name: "paged e2e" }), records));
  const memory = inMemory();

  await page.goto(inspectorUrl());
  const workers: string[] = [];
  page.on("worker", (w) => workers.push(w.url()));
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import session" }).click()]);
  await chooser.setFiles(file);
  await expect(page.getByRole("status").filter({ hasText: `Imported ${records.length} record(s)` })).toBeVisible();
  // The import's text index was built by a helper worker of its own where the machine has a core
  // for it, else by the session worker (either way the search below finds by that index).
  const sessionWorker = page.workers().find((w) => /\/worker-/.test(w.url()))!;
  const cores = await sessionWorker.evaluate(() => navigator.hardwareConcurrency);
  expect(workers.some((url) => /grams-helper/.test(url))).toBe(cores >= HELPER_MIN_CORES);
  // The page runs one worker, and the session went to it.
  await expect.poll(() => page.workers().some((w) => /worker/.test(w.url()))).toBe(true);

  const slider = page.getByRole("slider", { name: "Event cursor" });
  await expect(slider).toHaveAttribute("max", String(records.length));
  const toolbar = page.getByRole("toolbar", { name: "Timeline filters" });
  await expect(toolbar).toContainText(`${records.length} shown · ${records.length} records`);
  const rows = timeline(page).locator(`[role="row"]:not(.timeline-head)`);
  await expect(rows.first()).toContainText("GET info");

  // Click a row: the state drawn is the in-memory state at that seq.
  for (const seq of [9, 14]) {
    await rows.filter({ has: page.locator(".seq", { hasText: new RegExp(`^${seq}$`) }) }).click();
    memory.select(seq);
    const want = memory.view.value.state as { round?: number; items?: unknown[] };
    const state = page.getByRole("region", { name: "State" });
    await expect(state).toContainText(`State right after #${seq}`);
    await expect(state).toContainText(`round: ${want.round}`);
  }

  // Step with the keyboard far into the session: the state follows.
  await page.getByRole("slider", { name: "Event cursor" }).focus();
  await slider.fill("2000");
  memory.select(2000);
  await expect(page.getByRole("region", { name: "State" })).toContainText("State right after #2000");
  await expect(page.getByRole("region", { name: "State" })).toContainText(`round: ${(memory.view.value.state as { round: number }).round}`);

  // Search: the count the page settles on is the in-memory count.
  memory.filter.value = { ...NO_FILTER, text: "needle1" };
  await toolbar.getByRole("searchbox", { name: "Search records" }).fill("needle1");
  await expect(toolbar).toContainText(`${memory.rowCount.value} shown · ${records.length} records`);
  expect(memory.rowCount.value).toBeGreaterThan(5);
  const firstSeq = memory.rowAt(0)!.record.seq;
  await expect(rows.first().locator(".seq")).toHaveText(String(firstSeq));
  await toolbar.getByRole("searchbox", { name: "Search records" }).fill("");
  await expect(toolbar).toContainText(`${records.length} shown · ${records.length} records`);

  // Scroll to the end: the last rows are paged in.
  await timeline(page).locator(".timeline-scroll").evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(rows.filter({ has: page.locator(".seq", { hasText: new RegExp(`^${records.length}$`) }) })).toHaveCount(1);

  // Findings come from the worker's fold, as many as in memory.
  await expect(page.getByRole("tab", { name: /Findings/ })).toContainText(String(memory.findings.value.length));

  // The first fold left its checkpoints and index in IndexedDB for the next open.
  const stored = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open("agui-inspector");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction("checkpoints").objectStore("checkpoints").count();
          req.onsuccess = () => (resolve(req.result), open.result.close());
        };
      }),
  );
  expect(stored).toBeGreaterThan(3);

  // Reopened after a reload, it answers the same.
  await page.reload();
  await page.getByRole("list", { name: "Stored sessions" }).getByRole("button", { name: /^Open paged e2e/ }).first().click();
  await expect(slider).toHaveAttribute("max", String(records.length));
  await rows.filter({ has: page.locator(".seq", { hasText: /^14$/ }) }).click();
  memory.select(14);
  await expect(page.getByRole("region", { name: "State" })).toContainText(`round: ${(memory.view.value.state as { round: number }).round}`);
});
