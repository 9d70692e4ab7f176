import { chromium } from "@playwright/test";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumArgs } from "./playwright.config";
import { startLoopbackServer } from "./src/server/server";
import { importFile, writeSession } from "./bench/big.bench";
const N = Number(process.env.N ?? 300000);
const dir = mkdtempSync(join(tmpdir(), "imp-"));
const file = join(dir, "s.agui.jsonl");
const bytes = await writeSession(file, N, "imp");
const server = await startLoopbackServer({ root: join(import.meta.dirname, "dist", "web") });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: [...chromiumArgs, "--enable-precise-memory-info"] });
const page = await browser.newPage();
page.on("console", (m) => m.text().includes("SINKTIMING") && console.log(m.text()));
await page.goto(server.url);
for (let k = 0; k < 2; k++) {
  const r = await importFile(page, file, N);
  console.log(`${(bytes / 1e6).toFixed(0)} MB in ${r.ms} ms = ${(bytes / 1e6 / (r.ms / 1000)).toFixed(1)} MB/s, peak heap ${r.peakHeapMiB.toFixed(0)} MiB`);
}
await browser.close(); await server.close();
