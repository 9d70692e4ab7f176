import { expect, test, type Page } from "@playwright/test";
import { inspectorUrl, runtime } from "./inspector";

// The inspector served by its loopback server logs nothing red: not on load (the forward
// probe), not on connect and run (no CORS refusal before the forward), for a runtime with CORS
// and one without. And the page's Protobuf box asks for protobuf on the wire.

function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`${msg.text()} @ ${msg.location().url}`);
  });
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

async function connectAndRun(page: Page, text: string) {
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("status").first()).toContainText("Connected · rest · runtime 1.75.0");
  await page.getByRole("list", { name: "Agents" }).getByRole("button", { name: /scripted/ }).click();
  await page.getByRole("textbox", { name: "Message" }).fill(text);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByRole("region", { name: "Timeline" }).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(1);
}

for (const [name, url] of [
  ["without CORS (reached by the forward)", runtime.restNoCors],
  ["with CORS", runtime.rest],
] as const) {
  test(`no console error on load, connect and run: runtime ${name}`, async ({ page }) => {
    const errors = consoleErrors(page);
    await page.goto(inspectorUrl(url));
    await expect(page.getByRole("textbox", { name: "Runtime URL" })).toHaveValue(url);
    await connectAndRun(page, "no red lines");
    // the recorded requests name the runtime, whichever way they went
    await expect(page.getByRole("region", { name: "Timeline" }).locator(`[role="row"]:not(.timeline-head)`).first()).toContainText(`${url}/info`);
    expect(errors).toEqual([]);
  });
}

test("the Protobuf box asks for application/vnd.ag-ui.event+proto", async ({ page }) => {
  const accepts: string[] = [];
  page.on("request", (req) => {
    if (decodeURIComponent(req.url()).includes("/agent/scripted/run")) accepts.push(req.headers()["accept"] ?? "");
  });
  await page.goto(inspectorUrl(runtime.rest));
  await page.getByRole("checkbox", { name: "Protobuf" }).check();
  await connectAndRun(page, "proto please");
  await expect(page.getByRole("status").first()).toContainText("asks for protobuf");
  expect(accepts).toEqual(["application/vnd.ag-ui.event+proto, text/event-stream"]);
});
