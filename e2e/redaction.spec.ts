import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { INSPECTOR_PORT, RUNTIME_PORT, TEST_TOKEN } from "../playwright.config";

// Seven secrets sent from the web page to the real runtime (through the loopback forward: the
// single-route mount sends no CORS headers), against an agent that echoes its input and an
// auth layer that answers 401 echoing the request. None may reach IndexedDB or any export.

const S = {
  authorization: "sk-auth-SECRET-1111",
  apiKey: "xak-SECRET-2222",
  myToken: "mytok-SECRET-3333",
  query: "qtok-SECRET-4444",
  forwardedApiKey: "fp-SECRET-5555",
  password: "pw-SECRET-6666",
  nested: "nested-SECRET-7777",
  cookie: "cookie-SECRET-8888",
};
const leaks = (text: string) => Object.values(S).filter((s) => text.includes(s));
const runtimeOrigin = `http://127.0.0.1:${RUNTIME_PORT}`;
const single = `${runtimeOrigin}/single?token=${S.query}`;
const timeline = (page: Page) => page.getByRole("region", { name: "Timeline" });

async function setHeaders(page: Page) {
  await page.getByText(/^Headers/).click();
  const rows: [string, string][] = [["Authorization", `Bearer ${S.authorization}`], ["X-Api-Key", S.apiKey], ["X-My-Token", S.myToken], ["Cookie", `sid=${S.cookie}`]];
  for (const [i, [name, value]] of rows.entries()) {
    await page.getByRole("button", { name: "Add header" }).click();
    await page.getByRole("textbox", { name: `Header ${i + 1} name` }).fill(name);
    await page.getByLabel(`Header ${i + 1} value`).fill(value);
  }
}

async function runWithInput(page: Page, message: string) {
  await page.getByRole("checkbox", { name: "Edit the full RunAgentInput" }).check();
  await page.getByRole("textbox", { name: "RunAgentInput JSON" }).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(JSON.stringify({ forwardedProps: { apiKey: S.forwardedApiKey, myPassword: S.password, nested: { token: S.nested } } }));
  await page.getByRole("textbox", { name: "Message" }).fill(message);
  await page.getByRole("button", { name: "Run", exact: true }).click();
}

/** Every value of every object store of every IndexedDB database of the page's origin, as JSON. */
const dumpIndexedDb = (page: Page) =>
  page.evaluate(async () => {
    const out: unknown[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        // Record chunks hold their records as JSON text: decoded, so a secret is looked for as written.
        out.push({ db: info.name, store, all: all.map((v) => (v && typeof (v as { json?: unknown }).json === "string" ? { ...v, json: JSON.parse((v as { json: string }).json) } : v)) });
      }
      db.close();
    }
    return JSON.stringify(out);
  });

async function download(page: Page, click: () => Promise<void>, path: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  await file.saveAs(path);
  return readFileSync(path, "utf8");
}

test("secrets sent from the page reach neither IndexedDB nor any export, echoed or not", async ({ page }, testInfo) => {
  await page.goto(`http://127.0.0.1:${INSPECTOR_PORT}/?runtime=${encodeURIComponent(single)}#token=${TEST_TOKEN}`);
  await page.getByRole("combobox", { name: "Transport" }).selectOption("single");
  await setHeaders(page);
  await expect(page.getByRole("alert").filter({ hasText: "Not sent" })).toContainText("a browser does not let a page send Cookie");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("status").first()).toContainText("Connected · single");
  await page.getByRole("list", { name: "Agents" }).getByRole("button", { name: /^echo\b/ }).click();
  await runWithInput(page, "echo this");
  const finished = timeline(page).getByRole("row").filter({ hasText: "RUN_FINISHED" });
  await expect(finished).toHaveCount(1);
  // The echo came back (so the checks below are not vacuous).
  await expect(timeline(page).getByRole("row").filter({ hasText: "TEXT_MESSAGE_CONTENT" })).toContainText("you sent");

  // Every export option: the whole session and the run, each with every content redaction.
  const files: string[] = [];
  await finished.click();
  await page.getByText("Redact…").click();
  const text = page.getByRole("checkbox", { name: "Message text" });
  const state = page.getByRole("checkbox", { name: "State values" });
  for (const [m, s] of [[false, false], [true, false], [false, true], [true, true]]) {
    await text.setChecked(m);
    await state.setChecked(s);
    for (const scope of ["session", "run"]) {
      files.push(await download(page, () => page.getByRole("button", { name: `Export ${scope}` }).click(), testInfo.outputPath(`${scope}-${m}-${s}.agui.jsonl`)));
    }
  }
  expect(files).toHaveLength(8);
  for (const f of files) {
    expect(f).toContain("RUN_STARTED");
    expect(leaks(f)).toEqual([]);
  }
  expect(files[0]).toContain('"apiKey":"[redacted]"');

  // A 401 that echoes the request's URL, headers and body.
  await page.getByRole("textbox", { name: "Runtime URL" }).fill(`${runtimeOrigin}/auth-echo?token=${S.query}`);
  await page.getByRole("combobox", { name: "Transport" }).selectOption("agui");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("status").first()).toContainText("Connected · agui");
  await runWithInput(page, "let me in");
  await expect(timeline(page).getByRole("row").filter({ hasText: "end run: error" })).toContainText("HTTP 401");
  await expect(timeline(page).getByRole("row").filter({ hasText: "401 run" })).toHaveCount(1);

  const stored = await dumpIndexedDb(page);
  expect(stored).toContain("you sent");
  expect(stored).toContain("x-my-token");
  expect(stored).toContain("[redacted]");
  expect(leaks(stored)).toEqual([]);
  // The cookie the browser could not send is not recorded as sent either.
  expect(stored.toLowerCase()).not.toContain('"cookie":');
  const authExport = await download(page, () => page.getByRole("button", { name: "Export session" }).click(), testInfo.outputPath("auth.agui.jsonl"));
  expect(authExport).toContain("HTTP 401");
  expect(leaks(authExport)).toEqual([]);
});
