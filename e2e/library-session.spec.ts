import { expect, test, type Page } from "@playwright/test";
import { inspectorUrl } from "./inspector";
import { generateMixedSession } from "../test/session-generator";
import { createHeader, encodeSessionFile } from "../src/core/session/file";
import { runMetrics } from "../src/core/timing";
import { recordSummary, toolCallIndex } from "../src/core/summary";
import type { SessionRecord } from "../src/core/session/record";

// A session opened from the library is held by the page's worker as a window: its Runs tab,
// waterfall and tool-call summaries come from the worker's first pass and must equal what the
// same records give in memory (computed here in Node).

// Arrival gaps that vary (3–60 ms), so durations differ run to run.
const records: SessionRecord[] = (() => {
  let t = 5_000;
  return generateMixedSession(8).map((r, i) => ({ ...r, t: (t += 3 + ((i * 37) % 58)) }));
})();
const timeline = (page: Page) => page.getByRole("region", { name: "Timeline" });

async function importMixed(page: Page) {
  await page.goto(inspectorUrl());
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import session" }).click()]);
  await chooser.setFiles({ name: "timed.agui.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(encodeSessionFile(createHeader({ id: "timed", name: "timed" }), records)) });
  await expect(page.getByRole("status").filter({ hasText: `Imported ${records.length} record(s)` })).toBeVisible();
  await expect(page.getByRole("slider", { name: "Event cursor" })).toHaveAttribute("max", String(records.length));
}

test("a library session shows its runs with timing, the waterfall, and tool calls as name(args)", async ({ page }) => {
  const want = runMetrics(records);
  expect(want.length).toBeGreaterThanOrEqual(8);
  await importMixed(page);

  await page.getByRole("tab", { name: "Runs" }).click();
  const items = page.getByRole("region", { name: "Runs" }).getByRole("listitem").filter({ has: page.locator(".run-title") });
  await expect(items).toHaveCount(want.length);
  // The CUSTOM event before any RUN_STARTED is in no run: no pseudo-run keyed by its exchange.
  expect(want.every((r) => r.runId !== undefined)).toBe(true);
  await expect(page.getByRole("region", { name: "Runs" }).locator("[data-run^='x']")).toHaveCount(0);
  for (const [i, run] of want.entries()) {
    const item = items.nth(i);
    // Nothing streams in a stored session: a run left open reads "unfinished", never "running".
    await expect(item.locator(".outcome")).toHaveText(run.outcome ?? "unfinished");
    await expect(item).toHaveAttribute("data-run", run.runId ?? run.key);
    await expect(item.locator(".metric").filter({ hasText: "Duration" }).locator("dd")).toHaveAttribute("data-ms", String(Math.round(run.durationMs)));
    await expect(item.locator(".metric").filter({ hasText: "Gap max" }).locator("dd")).toHaveAttribute("data-ms", String(Math.round(run.gaps.max!)));
    await expect(item.locator(".metric").filter({ hasText: "Events" }).locator("dd")).toHaveText(String(run.events));
  }

  // A stored session is not live: its unfinished first "run" (records before any run) waits for nothing.
  await expect(page.getByRole("status", { name: "Pending requests" })).toHaveCount(0);
  // However narrow the timeline pane (here the grid is wider than it), the Columns button is in reach.
  const columns = timeline(page).getByRole("button", { name: "Columns" });
  await expect(columns).toBeInViewport({ ratio: 1 });
  const pane = (await timeline(page).boundingBox())!;
  const b = (await columns.boundingBox())!;
  expect(b.x + b.width).toBeLessThanOrEqual(pane.x + pane.width);
  await page.screenshot({ path: "reports/screenshots/library-runs.png" });
  const bars = page.getByRole("group", { name: /^Waterfall/ });
  await expect(bars.locator(".wf-bar[data-kind=run]")).toHaveCount(want.length);
  await expect(bars.locator(".wf-bar[data-kind=tool]")).toHaveCount(want.reduce((n, r) => n + r.toolCalls.length, 0));
  const origin = want[0].startT;
  const ends = await bars.locator(".wf-bar[data-kind=run]").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-end-ms"))));
  expect(ends.sort((a, b) => a - b)).toEqual(want.map((r) => Math.round(r.endT - origin)).sort((a, b) => a - b));

  // TOOL_CALL_START reads name(args), as the same session in memory does.
  const start = records.find((r) => r.kind === "event" && r.event.type === "TOOL_CALL_START")!;
  const expected = recordSummary(start, toolCallIndex(records));
  expect(expected).toMatch(/^\w+\(\{/);
  await page.getByRole("searchbox", { name: "Search records" }).fill("TOOL_CALL_START");
  await expect(timeline(page).getByRole("row").filter({ has: page.locator(".seq", { hasText: new RegExp(`^${start.seq}$`) }) }).locator(".summary")).toHaveText(expected);
});

test("a stored session's Waiting-for-you banner lists the first 3 open items and 'n more'; the long list and the fold are remembered", async ({ page }) => {
  await importMixed(page);
  const banner = page.getByRole("region", { name: "Waiting for you" });
  const count = Number(await banner.locator(".count-badge").innerText());
  expect(count).toBeGreaterThan(3);
  const items = banner.getByRole("list", { name: "Open items" }).getByRole("listitem");
  await expect(items).toHaveCount(3);
  const more = banner.getByRole("button", { name: `${count - 3} more` });
  await expect(more).toHaveAttribute("aria-expanded", "false");
  // The rows keep their room: the banner is shorter than the timeline's rows.
  const rows = timeline(page).locator(".timeline-scroll");
  expect((await banner.boundingBox())!.height).toBeLessThan((await rows.boundingBox())!.height);
  await more.click();
  await expect(items).toHaveCount(count);
  await expect(banner.getByRole("button", { name: "Show fewer" })).toHaveAttribute("aria-expanded", "true");

  // Remembered: the library's session opened again after a reload lists them all; then fold it.
  await page.reload();
  await page.getByRole("button", { name: "Open timed", exact: true }).click();
  await expect(items).toHaveCount(count);
  await banner.locator("summary").click();
  await expect(items.first()).toBeHidden();
  await page.reload();
  await page.getByRole("button", { name: "Open timed", exact: true }).click();
  await expect(banner.locator(".count-badge")).toHaveText(String(count));
  await expect(banner.locator("details")).not.toHaveAttribute("open", /.*/);
  // unfolded from the keyboard
  await banner.locator("summary").focus();
  await page.keyboard.press("Enter");
  await expect(banner.locator("details")).toHaveAttribute("open", "");
  await banner.getByRole("button", { name: "Show fewer" }).click();
  await expect(items).toHaveCount(3);
});
