import { expect, test, type Page } from "@playwright/test";
import { INSPECTOR_PORT, TEST_TOKEN } from "../playwright.config";
import { startHostileSite, type HostileSite } from "./fixtures/hostile-site";
import { startFaultServer, type FaultServer } from "./fixtures/fault-server";
import { runtime } from "./inspector";

// The loopback server against a hostile page on another 127.0.0.1 port, in real Chromium.

const inspector = `http://127.0.0.1:${INSPECTOR_PORT}`;
/** The URL as agui-inspector prints it: runtime in the query, token in the fragment. */
const printed = (runtimeUrl: string) => `${inspector}/?runtime=${encodeURIComponent(runtimeUrl)}#token=${TEST_TOKEN}`;

let hostile: HostileSite;
let fault: FaultServer;
test.beforeAll(async () => {
  [hostile, fault] = await Promise.all([startHostileSite(inspector), startFaultServer()]);
});
test.afterAll(async () => {
  await Promise.all([hostile.close(), fault.close()]);
});

async function connectPlain(page: Page, url: string) {
  await page.getByRole("textbox", { name: "Runtime URL" }).fill(url);
  await page.getByRole("combobox", { name: "Transport" }).selectOption("agui");
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByRole("status").first()).toContainText("Connected · agui");
}

test("the token leaves the address bar, is never a cookie, and a reload still forwards", async ({ page, context }) => {
  await page.goto(printed(runtime.restNoCors));
  await expect(page.getByRole("button", { name: "Connect" })).toBeVisible();
  expect(page.url()).toBe(`${inspector}/?runtime=${encodeURIComponent(runtime.restNoCors)}`);
  expect(await page.evaluate(() => location.href + history.state)).not.toContain(TEST_TOKEN);
  expect(await context.cookies()).toEqual([]);
  await page.reload();
  await page.getByRole("button", { name: "Connect" }).click();
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
  await evil.waitForTimeout(500); // let a beacon from a payload that did run arrive
  expect([...hostile.forwarded.keys()].filter((p) => p.startsWith("/payload"))).toEqual(["/payload-control"]);
  expect(hostile.exfil).toEqual([]);
  expect(await context.cookies()).toEqual([]);
});

test("a stream cut off through the forward keeps every frame that arrived before the cut", async ({ page }) => {
  await page.goto(printed(`${fault.url}/cut`));
  await connectPlain(page, `${fault.url}/cut`);
  await page.getByRole("textbox", { name: "Message" }).fill("cut me");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const timeline = page.getByRole("region", { name: "Timeline" });
  const end = timeline.getByRole("row").filter({ hasText: "end run: error" });
  await expect(end).toHaveCount(1);
  await expect(end).toContainText("cut off");
  // The fault server is not CORS-enabled: the request went through the forward.
  await expect(timeline.getByRole("row").filter({ hasText: "RUN_STARTED" })).toHaveCount(1);
  await expect(timeline.getByRole("row").filter({ hasText: "TEXT_MESSAGE_START" })).toHaveCount(1);
  const ends = await page.evaluate(() => [...document.querySelectorAll(".rec.kind-end")].map((r) => r.textContent ?? ""));
  expect(ends.join("\n")).toMatch(/after [2-9] frame\(s\)/);
});
