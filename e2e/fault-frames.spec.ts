import { expect, test, type Page } from "@playwright/test";
import { BIG, startFaultServer, type FaultServer } from "./fixtures/fault-server";
import { inspectorUrl } from "./inspector";

// The web page talks to a plain AG-UI endpoint that misbehaves (the fault server sends CORS, so
// no forwarding is involved): every frame that arrived is a row, in order, and the page says
// what happened.

let fault: FaultServer;
test.beforeAll(async () => {
  fault = await startFaultServer();
});
test.afterAll(() => fault.close());

async function runScenario(page: Page, scenario: string): Promise<string[]> {
  await page.goto(inspectorUrl(`${fault.url}/${scenario}`));
  await page.getByRole("combobox", { name: "Transport" }).selectOption("agui");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("status").first()).toContainText("Connected");
  await page.getByRole("textbox", { name: "Message" }).fill(`try ${scenario}`);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const rows = page.getByRole("region", { name: "Timeline" }).getByRole("row");
  await expect(rows.filter({ hasText: /end run/ })).toHaveCount(1);
  const labels = (await rows.locator(".type").allInnerTexts()).map((t) => t.trim());
  // Connect's reachability check (GET, answered 405) comes first; the run starts at "POST run".
  expect(labels.slice(0, 3)).toEqual(["GET info", "405 info", "end info: error"]);
  return labels.slice(labels.indexOf("POST run"));
}

test("a 10,000-deep event mid-run is one BAD FRAME row; the four frames after it and RUN_FINISHED are kept and folded", async ({ page }) => {
  const labels = await runScenario(page, "deep-middle");
  expect(labels).toEqual(["POST run", "200 run", "RUN_STARTED", "TEXT_MESSAGE_START", "BAD FRAME", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "STATE_SNAPSHOT", "RUN_FINISHED", "end run: complete"]);
  await expect(page.getByTestId("run-outcome")).toHaveText("Run finished: 7 frame(s) arrived and each is recorded in order; 1 of them as a bad frame with its raw text.");
  await expect(page.getByRole("region", { name: "State" })).toContainText("after: true");
  const rows = page.getByRole("region", { name: "Timeline" }).getByRole("row");
  await expect(rows.filter({ hasText: "end run: complete" })).toContainText("7 frame(s), 1 bad");
  await rows.filter({ hasText: "BAD FRAME" }).click();
  await page.getByRole("tab", { name: "Event" }).click();
  const detail = page.getByRole("region", { name: "Event" });
  await expect(detail).toContainText("nested more than 1000 levels deep");
  await expect(detail).toContainText('{"type":"STATE_SNAPSHOT","snapshot":{"deep":[[[[');

  // stored in IndexedDB, the bad frame as a record like any other: after a reload all are there
  await page.reload();
  await page.getByRole("list", { name: "Stored sessions" }).getByRole("button", { name: /^Open / }).first().click();
  // the three records of Connect's reachability check, then the run's ten
  await expect(page.getByRole("slider", { name: "Event cursor" })).toHaveAttribute("max", "13");
  const stored = page.getByRole("region", { name: "Timeline" }).getByRole("row");
  await expect(stored.filter({ hasText: "end run: complete" })).toHaveCount(1);
  expect((await stored.locator(".type").allInnerTexts()).map((t) => t.trim()).slice(3)).toEqual(labels);
  await stored.filter({ hasText: "RUN_FINISHED" }).click();
  await page.getByRole("tab", { name: "State" }).click();
  await expect(page.getByRole("region", { name: "State" })).toContainText("after: true");
});

test("a cut stream: the cut frame's bytes are a row and the message counts what arrived", async ({ page }) => {
  const labels = await runScenario(page, "cut");
  expect(labels).toEqual(["POST run", "200 run", "RUN_STARTED", "TEXT_MESSAGE_START", "BAD FRAME", "end run: error"]);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Run failed: The stream was cut off");
  await expect(alert).toContainText("3 frame(s) arrived and each is recorded in order; 1 of them as a bad frame with its raw text; the body ended inside the last one");
  await expect(alert).not.toContainText("Everything that arrived");
});

test("CR-only line ends: every frame is a row, RUN_FINISHED included", async ({ page }) => {
  const labels = await runScenario(page, "cr-only");
  expect(labels).toEqual(["POST run", "200 run", "comment", "RUN_STARTED", "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "RUN_FINISHED", "end run: complete"]);
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("a partial frame at EOF is a row, and the run is named incomplete with the count", async ({ page }) => {
  const labels = await runScenario(page, "partial-eof");
  expect(labels).toEqual(["POST run", "200 run", "RUN_STARTED", "TEXT_MESSAGE_START", "BAD FRAME", "end run: complete"]);
  await expect(page.getByRole("alert")).toContainText("The stream ended without RUN_FINISHED or RUN_ERROR. 3 frame(s) arrived");
});

test("a 50 MB frame cut off with no blank line: a BAD FRAME row keeping its first 1 MiB and its length", async ({ page }) => {
  const labels = await runScenario(page, "big-cut");
  expect(labels).toEqual(["POST run", "200 run", "RUN_STARTED", "TEXT_MESSAGE_START", "BAD FRAME", "end run: error"]);
  await expect(page.getByRole("alert")).toContainText("3 frame(s) arrived and each is recorded in order; 1 of them as a bad frame with its raw text; the body ended inside the last one");
  const rows = page.getByRole("region", { name: "Timeline" }).getByRole("row");
  await rows.filter({ hasText: /BAD FRAME/ }).click();
  await page.getByRole("tab", { name: "Event" }).click();
  const detail = page.getByRole("region", { name: "Event" });
  await expect(detail).toContainText("the stream ended inside this frame");
  // all of the frame's data reached the page before the cut (the 50 MB body less "data: " and
  // the 4 closing characters never sent); its length is kept with the first 1 MiB
  await expect(detail).toContainText(String(BIG - "data: ".length - 4));
});
