import { expect, test } from "@playwright/test";
import { inspectorUrl } from "./inspector";

// A live run longer than the page's window (?liveWindow=500): past it the view hands the session
// over to the worker, which pages it from IndexedDB as it grows. The timeline follows the run to
// its end, seeks work anywhere, and after a reload the library holds every record.

const COUNT = 4000;

test("a live run past the window is followed from storage to its end, and every record is kept", async ({ page }) => {
  await page.goto(`${inspectorUrl()}&liveWindow=500`);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("status").first()).toContainText("Connected");
  await page.getByRole("list", { name: "Agents" }).getByRole("button", { name: /^bulk\b/ }).click();
  await page.getByRole("checkbox", { name: "Edit the full RunAgentInput" }).check();
  await page.getByRole("textbox", { name: "RunAgentInput JSON" }).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(JSON.stringify({ forwardedProps: { count: COUNT } }));
  await page.getByRole("textbox", { name: "Message" }).fill("stream past the window");
  await page.getByRole("button", { name: "Run", exact: true }).click();

  const toolbar = page.getByRole("toolbar", { name: "Timeline filters" });
  await expect(toolbar).toContainText("paged from storage", { timeout: 30_000 });
  const timeline = page.getByRole("region", { name: "Timeline" });
  // Following: the run's last records are on screen once they are stored.
  await expect(timeline.getByRole("row").filter({ hasText: "end run: complete" })).toHaveCount(1, { timeout: 30_000 });
  const slider = page.getByRole("slider", { name: "Event cursor" });
  const total = Number(await slider.getAttribute("max"));
  expect(total).toBeGreaterThan(COUNT);
  await expect(toolbar).toContainText(`${total} shown · ${total} records`);
  await expect(page.getByRole("button", { name: "Follow live" })).toHaveAttribute("aria-pressed", "true");

  // A seek far back is answered by the worker.
  await slider.focus();
  await slider.fill("1500");
  await expect(page.getByRole("region", { name: "State" })).toContainText("State right after #1500");

  // A search over the whole run (the worker scans what was stored).
  await toolbar.getByRole("searchbox", { name: "Search records" }).fill("RUN_FINISHED");
  await expect(toolbar).toContainText(`1 shown · ${total} records`);

  // After a reload, the library holds every record, dense from 1.
  await page.reload();
  const stored = await page.evaluate(
    () =>
      new Promise<{ records: number; lastSeq: number }[]>((resolve, reject) => {
        const open = indexedDB.open("agui-inspector");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction("stats").objectStore("stats").getAll();
          req.onsuccess = () => (resolve(req.result), open.result.close());
        };
      }),
  );
  expect(stored.map((s) => [s.records, s.lastSeq])).toContainEqual([total, total]);
});
