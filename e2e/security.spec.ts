import { expect, test, type Page } from "@playwright/test";
import { INSPECTOR_PORT, TEST_TOKEN } from "../playwright.config";
import { startHostileSite, type HostileSite } from "./fixtures/hostile-site";
import { startFaultServer, type FaultServer } from "./fixtures/fault-server";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { runtime } from "./inspector";

// The loopback server against a hostile page on another 127.0.0.1 port, in real Chromium.

const inspector = `http://127.0.0.1:${INSPECTOR_PORT}`;
/** The URL as agui-inspector prints it: runtime in the query, token in the fragment. */
const printed = (runtimeUrl: string) => `${inspector}/?runtime=${encodeURIComponent(runtimeUrl)}#token=${TEST_TOKEN}`;

let hostile: HostileSite;
let fault: FaultServer;
/** Two frames and half a third in one write, then the connection destroyed: bytes and cut arrive together. */
let burst: Server;
let burstUrl: string;
const frame = (o: object) => `data: ${JSON.stringify(o)}\n\n`;
test.beforeAll(async () => {
  burst = createServer((req, res) => {
    if (req.method === "GET") return void res.writeHead(405, { allow: "POST" }).end();
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(frame({ type: "RUN_STARTED", threadId: "t", runId: "r" }) + frame({ type: "TEXT_MESSAGE_START", messageId: "m", role: "assistant" }) + 'data: {"type":"TEXT_MESS', () => res.socket?.destroy());
    });
  });
  await new Promise<void>((resolve) => burst.listen(0, "127.0.0.1", resolve));
  burstUrl = `http://127.0.0.1:${(burst.address() as AddressInfo).port}/burst`;
  [hostile, fault] = await Promise.all([startHostileSite(inspector), startFaultServer()]);
});
test.afterAll(async () => {
  burst.closeAllConnections();
  await Promise.all([hostile.close(), fault.close(), new Promise((r) => burst.close(r))]);
});

async function connectPlain(page: Page, url: string) {
  await page.getByRole("textbox", { name: "Runtime URL" }).fill(url);
  await page.getByRole("combobox", { name: "Transport" }).selectOption("agui");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("status").first()).toContainText("Connected · agui");
}

test("the token leaves the address bar, is never a cookie, and a reload still forwards", async ({ page, context }) => {
  await page.goto(printed(runtime.restNoCors));
  await expect(page.getByRole("button", { name: "Connect", exact: true })).toBeVisible();
  expect(page.url()).toBe(`${inspector}/?runtime=${encodeURIComponent(runtime.restNoCors)}`);
  expect(await page.evaluate(() => location.href + history.state)).not.toContain(TEST_TOKEN);
  expect(await context.cookies()).toEqual([]);
  await page.reload();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  // restNoCors sends no CORS headers: only the forward (with the token kept for this tab) reaches it.
  await expect(page.getByRole("status").first()).toContainText("Connected · rest");
  expect(await context.cookies()).toEqual([]);
});

test("a page on another loopback port reads nothing and forwards nothing through /__forward", async ({ page, context }) => {
  // The inspector is open and connected to the hostile origin itself: the forward's own target.
  await page.goto(printed(`${hostile.origin}/runtime`));
  await connectPlain(page, `${hostile.origin}/runtime`);
  // Control: the page itself can reach that target through the forward, so a zero below is the defence.
  const control = await page.evaluate(async (target) => {
    const res = await fetch(`/__forward?url=${encodeURIComponent(target)}`, { headers: { "X-Inspector-Token": sessionStorage.getItem("agui-inspector-token") ?? "" } });
    return [res.status, await res.text()];
  }, `${hostile.origin}/payload-control`);
  expect(control).toEqual([200, "forwarded /payload-control"]);
  expect(hostile.forwarded.get("/payload-control")).toBe(1);

  const evil = await context.newPage();
  await evil.goto(`${hostile.origin}/evil.html`);
  await evil.waitForFunction(() => (window as unknown as { attackDone?: boolean }).attackDone === true, undefined, { timeout: 30_000 });
  const results = await evil.evaluate(() => (window as unknown as { attackResults: Record<string, { type?: string; status?: number; text?: string; error?: string }> }).attackResults);
  // Nothing comes back to read: the refusal carries Cross-Origin-Resource-Policy same-origin
  // (no-cors fails outright) and no CORS headers (cors fails).
  for (const name of ["nocors-get", "nocors-post", "cors-get", "cors-post-token"]) expect(results[name]).toEqual({ error: "TypeError: Failed to fetch" });
  // The framed forward shows the refusal, sandboxed; the framed inspector is refused by frame-ancestors.
  const framed = evil.frames().filter((f) => f.url().includes("/__forward"));
  expect(framed.length).toBe(2);
  // Each frame holds the forward's refusal, not the payload (frames loaded before attackDone).
  for (const f of framed) expect(await f.content()).toMatch(/"error":"forward: Sec-Fetch-Site same-site refused.*"code":"not-the-page"/);
  expect([...hostile.forwarded.keys()].filter((p) => p.startsWith("/payload"))).toEqual(["/payload-control"]);
  expect(hostile.exfil).toEqual([]);
  expect(await context.cookies()).toEqual([]);
});

for (const [name, url] of [
  ["the fault server's cut route", () => `${fault.url}/cut`],
  ["a runtime whose bytes and cut arrive together", () => burstUrl],
] as const) {
  test(`a stream cut off through the forward keeps every frame that arrived before the cut: ${name}`, async ({ page }) => {
    await page.goto(printed(url()));
    await connectPlain(page, url());
    await page.getByRole("textbox", { name: "Message" }).fill("cut me");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const timeline = page.getByRole("region", { name: "Timeline" });
    const end = timeline.getByRole("row").filter({ hasText: "end run: error" });
    await expect(end).toHaveCount(1);
    // 2 whole frames and the half frame at the cut, kept as an unterminated bad frame (issue 10)
    await expect(end).toContainText(/cut off .*\b3 frame\(s\) arrived and each is recorded in order; 1 of them as a bad frame/);
    // Neither server sends CORS headers: the request went through the forward.
    await expect(timeline.getByRole("row").filter({ hasText: "RUN_STARTED" })).toHaveCount(1);
    await expect(timeline.getByRole("row").filter({ hasText: "TEXT_MESSAGE_START" })).toHaveCount(1);
    // And the stored session, read back after a reload, holds them too.
    await page.reload();
    const stored = await page.evaluate(async () => {
      const types: string[] = [];
      for (const info of await indexedDB.databases()) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(info.name!);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        for (const store of Array.from(db.objectStoreNames)) {
          const all = await new Promise<unknown[]>((resolve) => {
            const req = db.transaction(store).objectStore(store).getAll();
            req.onsuccess = () => resolve(req.result);
          });
          // Record chunks hold their records as JSON text: decoded before looking for event types.
          const decoded = all.map((v) => (v && typeof (v as { json?: unknown }).json === "string" ? JSON.parse((v as { json: string }).json) : v));
          JSON.stringify(decoded).replace(/"type":"([A-Z_]+)"/g, (_m, t: string) => (types.push(t), ""));
        }
        db.close();
      }
      return types;
    });
    expect(stored).toEqual(expect.arrayContaining(["RUN_STARTED", "TEXT_MESSAGE_START"]));
  });
}
