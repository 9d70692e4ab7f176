// Opening a 100k-event session in the web inspector and scrolling its timeline end to end, in
// headless Chromium against the built app (dist/web) served by the loopback server.
import { chromium } from "@playwright/test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumArgs } from "../playwright.config";
import { startLoopbackServer } from "../src/server/server";
import { createHeader, encodeSessionFile } from "../src/core/session/file";
import type { SessionRecord } from "../src/core/session/record";
import type { BenchReport } from "./run";

function session(events: number): string {
  const records: SessionRecord[] = [];
  let seq = 0;
  const t0 = Date.UTC(2026, 0, 1);
  const base = { x: 1, threadId: "t1", runId: "r1" };
  records.push({ seq: ++seq, t: t0, dir: "out", kind: "request", op: "run", method: "POST", url: "http://127.0.0.1:1/agent/a/run", transport: "rest", headers: {}, body: { threadId: "t1", runId: "r1", messages: [], tools: [], context: [] }, ...base });
  records.push({ seq: ++seq, t: t0, dir: "in", kind: "event", event: { type: "RUN_STARTED", threadId: "t1", runId: "r1" }, ...base });
  records.push({ seq: ++seq, t: t0, dir: "in", kind: "event", event: { type: "STATE_SNAPSHOT", snapshot: { n: 0, items: [] } }, ...base });
  records.push({ seq: ++seq, t: t0, dir: "in", kind: "event", event: { type: "TEXT_MESSAGE_START", messageId: "m", role: "assistant" }, ...base });
  for (let i = 0; i < events - 6; i++) {
    const event = i % 10 === 9 ? { type: "STATE_DELTA", delta: [{ op: "replace", path: "/n", value: i }] } : { type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: `word ${i} ` };
    records.push({ seq: ++seq, t: t0 + i, dir: "in", kind: "event", event, ...base });
  }
  records.push({ seq: ++seq, t: t0 + events, dir: "in", kind: "event", event: { type: "TEXT_MESSAGE_END", messageId: "m" }, ...base });
  records.push({ seq: ++seq, t: t0 + events, dir: "in", kind: "event", event: { type: "RUN_FINISHED", threadId: "t1", runId: "r1" }, ...base });
  return encodeSessionFile(createHeader({ name: "bench-100k" }), records);
}

export async function run(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), "agui-ui-bench-"));
  const file = join(dir, "bench-100k.agui.jsonl");
  writeFileSync(file, session(100_000));
  const server = await startLoopbackServer({ root: join(import.meta.dirname, "..", "dist", "web") });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: [...chromiumArgs, "--enable-precise-memory-info"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import session" }).click()]);
    await chooser.setFiles(file);
    await page.getByRole("status").filter({ hasText: "Imported 100000 record(s)" }).waitFor({ timeout: 300_000 });
    // Open it again from the library, timed from the click to the first rows on screen.
    await page.reload();
    const open = page.getByRole("list", { name: "Stored sessions" }).getByRole("button", { name: "Open bench-100k" }).first();
    await open.waitFor();
    const started = Date.now();
    await open.click();
    await page.getByRole("region", { name: "Timeline" }).getByRole("row").first().waitFor();
    const firstScreen = Date.now() - started;
    await page.getByRole("slider", { name: "Event cursor" }).and(page.locator('[max="100000"]')).waitFor({ timeout: 300_000 });
    const fullyLoaded = Date.now() - started;
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);

    // Scroll end to end one screen per animation frame; record frame gaps.
    const scroll = await page.evaluate(async () => {
      const el = document.querySelector(".timeline-scroll") as HTMLElement;
      el.scrollTop = 0;
      const gaps: number[] = [];
      const t0 = performance.now();
      let last = t0;
      while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
        el.scrollTop += el.clientHeight;
        await new Promise(requestAnimationFrame);
        const now = performance.now();
        gaps.push(now - last);
        last = now;
      }
      gaps.sort((a, b) => a - b);
      return { ms: performance.now() - t0, frames: gaps.length, p50: gaps[Math.floor(gaps.length / 2)], p99: gaps[Math.floor(gaps.length * 0.99)], rowsInDom: document.querySelectorAll("[role=row]").length };
    });
    return {
      title: "Web inspector, 100k-event session (headless Chromium)",
      lines: [
        { name: "open: first screen of rows", value: firstScreen, unit: "ms" },
        { name: "open: all 100k records folded and listed", value: fullyLoaded, unit: "ms" },
        { name: "scroll end to end", value: scroll.ms, unit: "ms", note: `${scroll.frames} frames, one screen each` },
        { name: "scroll frame gap p50", value: scroll.p50, unit: "ms", baseline: 1000 / 60, note: "baseline = one 60 Hz frame" },
        { name: "scroll frame gap p99", value: scroll.p99, unit: "ms", baseline: 1000 / 60 },
        { name: "rows in the DOM while scrolling", value: scroll.rowsInDom, unit: "rows" },
        { name: "JS heap with the session open", value: heap / 2 ** 20, unit: "MiB", note: "the opened session is held in memory (records + replay checkpoints)" },
      ],
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
