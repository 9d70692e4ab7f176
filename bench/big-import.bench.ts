// Importing a gigabyte (issue 15): a session file of BENCH_IMPORT_EVENTS events (default
// 3,600,000 ≈ 1 GB, the big bench's generator) imported through the UI's "Import session"
// button in headless Chromium, into the library (the worker parses, indexes and writes it to
// IndexedDB). Reported: throughput against a worker that only reads the same file and
// JSON.parses each line (same browser, same run), the worker's JS heap at its peak (CDP, polled)
// against the 200 MB bound, the page's heap, the progress the status showed; an NDJSON file of
// bare events (schema-checked) imported the same way; and the built CLI's `verify` of the big
// file against a Node process that only JSON.parses each line. BENCH_IMPORT_DIR keeps the
// generated files between runs (written once, reused when their size matches); BENCH_PROFILE
// writes the worker's CPU profiles of both imports there; BENCH_IMPORT_BASELINE_WEB=<another
// build's dist/web> imports the big file through that build too, for a ratio in the same run.
// Needs `npm run build` first.
import { chromium, type Browser, type CDPSession, type Page } from "@playwright/test";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { chromiumArgs } from "../playwright.config";
import { startLoopbackServer } from "../src/server/server";
import { generateSession } from "./replay.bench";
import { measured, PARSE_FLOOR_SCRIPT, writeSession } from "./big.bench";
import type { BenchLine, BenchReport } from "./run";

const EVENTS = Number(process.env.BENCH_IMPORT_EVENTS ?? 3_600_000);
const NDJSON_EVENTS = Number(process.env.BENCH_NDJSON_EVENTS ?? 1_000_000);
const HEAP_BOUND_MB = 200;

const step = (what: string) => process.stderr.write(`[big-import bench ${new Date().toISOString().slice(11, 19)}] ${what}\n`);

/** Bare AG-UI events, one JSON value a line: the foreign NDJSON format, schema-checked on import. */
async function writeNdjson(file: string, events: number): Promise<number> {
  const out = createWriteStream(file);
  for (let done = 0; done < events; ) {
    const n = Math.min(2_000, events - done);
    let text = "";
    for (const event of generateSession(n, 1, Math.floor(n / 5))) text += JSON.stringify(event) + "\n";
    done += n;
    if (!out.write(text)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return statSync(file).size;
}

/** A generated file, reused from BENCH_IMPORT_DIR when one of the same recipe is there. */
async function generated(dir: string, name: string, make: (file: string) => Promise<number>): Promise<number> {
  const file = join(dir, name);
  const stamp = `${file}.size`;
  if (existsSync(file) && existsSync(stamp) && Number(readFileSync(stamp, "utf8")) === statSync(file).size) return statSync(file).size;
  const size = await make(file);
  writeFileSync(stamp, String(size));
  return size;
}

/**
 * The page's session worker, reached through the page's CDP session (auto-attach, messages
 * relayed): Chrome DevTools' own way to a dedicated worker, which Playwright's API does not expose.
 */
async function attachWorker(page: Page): Promise<{ call(method: string, params?: object): Promise<any>; cdp: CDPSession }> {
  const cdp = await page.context().newCDPSession(page);
  const waiting = new Map<number, (msg: any) => void>();
  let sessionId: string | undefined;
  const found = new Promise<void>((resolve) => {
    cdp.on("Target.attachedToTarget", (e) => {
      if (e.targetInfo.type === "worker" && /worker/.test(e.targetInfo.url) && !sessionId) (sessionId = e.sessionId), resolve();
    });
  });
  cdp.on("Target.receivedMessageFromTarget", (e) => {
    const msg = JSON.parse(e.message);
    if (e.sessionId === sessionId && waiting.has(msg.id)) waiting.get(msg.id)!(msg), waiting.delete(msg.id);
  });
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await Promise.race([found, new Promise((_, reject) => setTimeout(() => reject(new Error("the page's session worker never showed up")), 30_000))]);
  let id = 0;
  return {
    cdp,
    call(method, params = {}) {
      const n = ++id;
      const answer = new Promise<any>((resolve, reject) =>
        waiting.set(n, (msg) => (msg.error ? reject(new Error(`${method}: ${msg.error.message}`)) : resolve(msg.result))),
      );
      void cdp.send("Target.sendMessageToTarget", { sessionId: sessionId!, message: JSON.stringify({ id: n, method, params }) });
      return answer;
    },
  };
}

/** Import `file` through the button; the worker's and the page's heap polled meanwhile, and the progress texts the status showed. */
async function importWatched(page: Page, worker: Awaited<ReturnType<typeof attachWorker>>, file: string, records: number, profile?: string) {
  await worker.call("HeapProfiler.collectGarbage");
  const startHeap = (await worker.call("Runtime.getHeapUsage")).usedSize / 2 ** 20;
  await page.evaluate(() => {
    const w = window as unknown as { __peak: number; __poll: number; __progress: Set<string>; __shown: number; __watch: MutationObserver };
    w.__peak = 0;
    w.__progress = new Set();
    w.__shown = 0;
    // When the status first says "Imported": the moment a person sees it, not when a poll from here notices.
    w.__watch = new MutationObserver(() => {
      if (w.__shown) return;
      for (const s of document.querySelectorAll('[role="status"]')) if (s.textContent?.startsWith("Imported")) w.__shown = Date.now();
    });
    w.__watch.observe(document.body, { subtree: true, childList: true, characterData: true });
    w.__poll = window.setInterval(() => {
      w.__peak = Math.max(w.__peak, (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
      for (const s of document.querySelectorAll('[role="status"]')) if (s.textContent?.startsWith("Importing")) w.__progress.add(s.textContent);
    }, 100);
  });
  let workerPeak = 0;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      workerPeak = Math.max(workerPeak, (await worker.call("Runtime.getHeapUsage")).usedSize);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  if (profile) await worker.call("Profiler.enable"), await worker.call("Profiler.start");
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import session" }).click()]);
  const started = Date.now();
  await chooser.setFiles(file);
  await page.getByRole("status").filter({ hasText: `Imported ${records} record(s)` }).waitFor({ timeout: 1_800_000 });
  const ms = (await page.evaluate(() => (window as unknown as { __shown: number }).__shown)) - started;
  if (profile) writeFileSync(profile, JSON.stringify((await worker.call("Profiler.stop")).profile));
  polling = false;
  await poll;
  const page_ = await page.evaluate(() => {
    const w = window as unknown as { __peak: number; __poll: number; __progress: Set<string>; __watch: MutationObserver };
    clearInterval(w.__poll);
    w.__watch.disconnect();
    return { peak: w.__peak / 2 ** 20, progress: w.__progress.size };
  });
  return { ms, workerPeakMiB: workerPeak / 2 ** 20, workerStartMiB: startHeap, pagePeakMiB: page_.peak, progressTexts: page_.progress };
}

/**
 * The browser's floor: a worker of its own reads the file and JSON.parses each line, nothing
 * more. In a blank page of the same browser (the app's CSP allows no worker from a blob).
 */
async function parseFloorMs(browser: Browser, file: string): Promise<number> {
  const page = await browser.newPage();
  await page.evaluate(() => {
    const input = document.createElement("input");
    input.type = "file";
    input.id = "bench-floor-file";
    input.hidden = true;
    document.body.append(input);
  });
  await page.setInputFiles("#bench-floor-file", file);
  const ms = await page.evaluate(async () => {
    const input = document.getElementById("bench-floor-file") as HTMLInputElement;
    const source = `onmessage = async (e) => {
      const t0 = performance.now();
      const reader = e.data.stream().getReader();
      const decoder = new TextDecoder();
      let carry = "", n = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const text = carry + decoder.decode(value, { stream: true });
        let start = 0, nl;
        while ((nl = text.indexOf("\\n", start)) >= 0) { if (nl > start) { JSON.parse(text.slice(start, nl)); n++; } start = nl + 1; }
        carry = text.slice(start);
      }
      postMessage(performance.now() - t0);
    };`;
    const w = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
    const took = await new Promise<number>((resolve, reject) => {
      w.onmessage = (e) => resolve(e.data as number);
      w.onerror = (e) => reject(new Error(e.message));
      w.postMessage(input.files![0]);
    });
    w.terminate();
    input.remove();
    return took;
  });
  await page.close();
  return ms;
}

export async function run(): Promise<BenchReport> {
  const keep = process.env.BENCH_IMPORT_DIR;
  const dir = keep ?? mkdtempSync(join(tmpdir(), "agui-big-import-bench-"));
  if (keep) mkdirSync(keep, { recursive: true });
  const lines: BenchLine[] = [];
  try {
    step(`writing ${EVENTS.toLocaleString("en-US")} events`);
    const big = join(dir, `big-${EVENTS}.agui.jsonl`);
    const bigBytes = await generated(dir, `big-${EVENTS}.agui.jsonl`, (f) => writeSession(f, EVENTS, "bench-gigabyte"));
    const nd = join(dir, `events-${NDJSON_EVENTS}.ndjson`);
    const ndBytes = await generated(dir, `events-${NDJSON_EVENTS}.ndjson`, (f) => writeNdjson(f, NDJSON_EVENTS));
    const mb = bigBytes / 1e6;
    const label = `${EVENTS.toLocaleString("en-US")} events, ${mb.toFixed(0)} MB`;

    step("CLI verify");
    const cli = join(import.meta.dirname, "..", "dist", "cli", "agui-inspector.js");
    const floor = measured(["node", "-e", PARSE_FLOOR_SCRIPT, big]);
    const verify = measured(["node", cli, "verify", big]);
    lines.push(
      { name: `CLI verify (${label}): RSS`, value: verify.rssMiB, unit: "MiB", baseline: floor.rssMiB, note: `bound 300 MB; baseline = read + JSON.parse per line; exit ${verify.status}` },
      { name: "CLI verify: throughput", value: mb / (verify.ms / 1000), unit: "MB/s", baseline: mb / (floor.ms / 1000) },
    );

    const server = await startLoopbackServer({ root: join(import.meta.dirname, "..", "dist", "web") });
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: [...chromiumArgs, "--enable-precise-memory-info", "--js-flags=--expose-gc"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(server.url);
      const worker = await attachWorker(page);

      step("floor (parse only, in a worker)");
      const floorMs = await parseFloorMs(browser, big);
      step(`floor ${(mb / (floorMs / 1000)).toFixed(1)} MB/s; importing`);
      const imp = await importWatched(page, worker, big, EVENTS, process.env.BENCH_PROFILE ? join(process.env.BENCH_PROFILE, `import-${Date.now()}.cpuprofile`) : undefined);
      step(`imported at ${(mb / (imp.ms / 1000)).toFixed(1)} MB/s, worker heap peak ${imp.workerPeakMiB.toFixed(0)} MiB`);
      if (imp.progressTexts < 2) throw new Error(`the status showed ${imp.progressTexts} progress text(s) during a ${(imp.ms / 1000).toFixed(0)} s import`);
      lines.push(
        { name: `import ${label} through "Import session": throughput`, value: mb / (imp.ms / 1000), unit: "MB/s", baseline: mb / (floorMs / 1000), note: "target ≥ 50; baseline = a worker that only reads the file and JSON.parses each line" },
        { name: "import: session worker JS heap, peak (CDP, polled every 100 ms)", value: imp.workerPeakMiB, unit: "MiB", baseline: HEAP_BOUND_MB, note: `baseline = the 200 MB bound; ${imp.workerStartMiB.toFixed(1)} MiB after GC before it` },
        { name: "import: page JS heap, peak", value: imp.pagePeakMiB, unit: "MiB", baseline: HEAP_BOUND_MB, note: "main thread" },
        { name: "import: distinct progress texts the status showed", value: imp.progressTexts, unit: "texts", note: `"Importing… x of y · n records", polled every 100 ms` },
      );

      // Optional: the same file through another build of the app (BENCH_IMPORT_BASELINE_WEB=its dist/web), in the same run.
      const other = process.env.BENCH_IMPORT_BASELINE_WEB;
      if (other) {
        await page.close();
        const otherServer = await startLoopbackServer({ root: other });
        try {
          const otherPage = await browser.newPage({ viewport: { width: 1400, height: 900 } });
          await otherPage.goto(otherServer.url);
          step(`importing through ${other}`);
          const was = await importWatched(otherPage, await attachWorker(otherPage), big, EVENTS);
          await otherPage.close();
          lines.push({ name: "import: throughput, this build", value: mb / (imp.ms / 1000), unit: "MB/s", baseline: mb / (was.ms / 1000), note: `baseline = the build in ${other}, same file, same run; its worker heap peak ${was.workerPeakMiB.toFixed(0)} MiB` });
        } finally {
          await otherServer.close();
        }
      }

      const ndMb = ndBytes / 1e6;
      step("NDJSON floor and import");
      // A page of its own: the app opens what it imported, and that page's worker folds it meanwhile.
      if (!page.isClosed()) await page.close();
      const ndPage = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await ndPage.goto(server.url);
      const ndWorker = await attachWorker(ndPage);
      const ndFloorMs = await parseFloorMs(browser, nd);
      // The NDJSON reader adds one end record after the events.
      const ndImp = await importWatched(ndPage, ndWorker, nd, NDJSON_EVENTS + 1, process.env.BENCH_PROFILE ? join(process.env.BENCH_PROFILE, `ndjson-${Date.now()}.cpuprofile`) : undefined);
      lines.push(
        { name: `import NDJSON of ${NDJSON_EVENTS.toLocaleString("en-US")} events (${ndMb.toFixed(0)} MB, schema-checked): throughput`, value: ndMb / (ndImp.ms / 1000), unit: "MB/s", baseline: ndMb / (ndFloorMs / 1000), note: "target ≥ 50; baseline = read + JSON.parse per line in a worker" },
        { name: "NDJSON import: session worker JS heap, peak", value: ndImp.workerPeakMiB, unit: "MiB", baseline: HEAP_BOUND_MB },
      );
      return { title: `Importing a gigabyte (${label}; headless Chromium, built CLI)`, lines };
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
