import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRuntime, type RuntimeFixture } from "./fixtures/runtime";
import { createVariantAgents } from "./fixtures/variant-agents";
import { inspectorUrl } from "./inspector";
import { cli } from "../test/helpers";
import { recordSession, say } from "../test/recordings";
import type { SessionComparison } from "../src/core/compare";

// The Compare view shows what `agui-inspector diff --json` reports for the same two sessions,
// recorded from the real runtime (the scripted agent and test variants of it).

let rt: RuntimeFixture;
let dir: string;
const file = (name: string) => join(dir, `${name}.agui.jsonl`);

test.beforeAll(async () => {
  rt = await startRuntime(0, createVariantAgents());
  dir = mkdtempSync(join(tmpdir(), "agui-compare-"));
  await recordSession(rt.restUrl, "scripted", [say("find the red kite")], file("scripted"));
  await recordSession(rt.restUrl, "scripted-shout", [say("find the red kite")], file("shout"));
  await recordSession(rt.restUrl, "scripted-added-step", [say("find the red kite")], file("step"));
  await recordSession(rt.restUrl, "scripted", [say("one kite"), say("two kites")], file("two-runs"));
});
test.afterAll(async () => {
  await rt?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function importSession(page: Page, path: string) {
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import session" }).click()]);
  await chooser.setFiles(path);
  await expect(page.getByRole("status").filter({ hasText: /Imported \d+ record\(s\)/ })).toBeVisible();
}

/** The differences as the CLI reports them, in the cells the view shows. */
async function cliRows(a: string, b: string, ...runs: string[]): Promise<string[][]> {
  const r = await cli("diff", a, b, ...runs.flatMap((id) => ["--run", id]), "--json");
  const result = JSON.parse(r.stdout) as SessionComparison;
  const cell = (v: unknown) => (v === undefined ? "" : JSON.stringify(v));
  return result.runs.flatMap((run) => run.differences.map((d) => [d.kind, d.path ?? "", cell(d.before), cell(d.after), d.message]));
}

async function viewRows(page: Page): Promise<string[][]> {
  return page.locator(".compare-diffs tr.diff-row").evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].map((td) => td.textContent ?? "")));
}

async function pick(page: Page, first: string, second: string) {
  const dialog = page.getByRole("dialog", { name: "Compare sessions" });
  await dialog.getByLabel("First session").selectOption({ label: `${first} test recording · 1 runs` });
  await dialog.getByLabel("Second session").selectOption({ label: `${second} test recording · 1 runs` });
  await dialog.getByRole("button", { name: "Compare", exact: true }).click();
  return dialog;
}

test("the Compare view shows the same differences as diff --json", async ({ page }) => {
  await page.goto(inspectorUrl());
  for (const name of ["scripted", "shout", "step"]) await importSession(page, file(name));
  await page.getByRole("button", { name: "Compare sessions…" }).click();

  let dialog = await pick(page, "scripted", "scripted-shout");
  await expect(dialog.getByRole("status")).toHaveText("2 difference(s) in 1 compared run(s)");
  const shout = await cliRows(file("scripted"), file("shout"));
  expect(shout.map((r) => r.slice(0, 2))).toEqual([["tool-args", "/query"], ["state", "/last"]]);
  expect(await viewRows(page)).toEqual(shout);
  // Screenshots go to reports/; docs/screenshots is refreshed from there (scripts/refresh-screenshots.mjs).
  await page.screenshot({ path: "reports/screenshots/compare.png" });
  const axe = await new AxeBuilder({ page }).include(".compare").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  dialog = await pick(page, "scripted", "scripted-added-step");
  await expect(dialog.getByRole("status")).toHaveText("1 difference(s) in 1 compared run(s)");
  const step = await cliRows(file("scripted"), file("step"));
  expect(step.map((r) => r[0])).toEqual(["beat-added"]);
  expect(await viewRows(page)).toEqual(step);
  await expect(dialog.getByRole("row", { name: /Steps/ })).toContainText("verify");

  dialog = await pick(page, "scripted", "scripted");
  await expect(dialog.getByRole("status")).toHaveText("0 difference(s) in 1 compared run(s)");
  await expect(dialog.getByText("No differences.")).toBeVisible();
  expect(await cliRows(file("scripted"), file("scripted"))).toEqual([]);

  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("dialog", { name: "Compare sessions" })).toHaveCount(0);
});

test("two runs of one session, picked in the Compare view, show what diff --run --run shows", async ({ page }) => {
  await page.goto(inspectorUrl());
  await importSession(page, file("two-runs"));
  await page.getByRole("button", { name: "Compare sessions…" }).click();
  const dialog = page.getByRole("dialog", { name: "Compare sessions" });
  const label = "scripted test recording · 2 runs";
  await dialog.getByLabel("First session").selectOption({ label });
  await dialog.getByLabel("Second session").selectOption({ label });
  await dialog.getByLabel("First run").selectOption({ label: "Run 1" });
  await dialog.getByRole("button", { name: "Compare", exact: true }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Pick a run on both sides, or every run on both.");
  await dialog.getByLabel("Second run").selectOption({ label: "Run 2" });
  await dialog.getByRole("button", { name: "Compare", exact: true }).click();
  const expected = await cliRows(file("two-runs"), file("two-runs"), "#1", "#2");
  expect(expected.map((r) => r[0])).toContain("tool-args");
  await expect(dialog.getByRole("status")).toHaveText(`${expected.length} difference(s) in 1 compared run(s)`);
  expect(await viewRows(page)).toEqual(expected);
});

test("Check against runtime: a session's runs sent again pass against the same agent and fail naming a renamed tool", async ({ page }) => {
  const renamed = await startRuntime(0, { scripted: createVariantAgents()["scripted-renamed-tool"] });
  try {
    await page.goto(inspectorUrl(rt.restUrl));
    await importSession(page, file("scripted"));
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    // The agent list fills in once discovery is done (and the connection is usable).
    await expect(page.getByText("Echoes the message; calls a backend tool")).toBeVisible();
    await page.getByRole("button", { name: "Compare sessions…" }).click();
    const dialog = page.getByRole("dialog", { name: "Compare sessions" });
    await dialog.getByLabel("First session").selectOption({ label: "scripted test recording · 1 runs" });
    await dialog.getByRole("button", { name: "Check against runtime" }).click();
    await expect(dialog.locator(".check-summary")).toHaveText("scripted test recording: 1 of 1 run(s) passed");
    await expect(dialog.getByRole("region", { name: "Run 1 check" })).toHaveAttribute("data-status", "passed");

    await page.getByLabel("Runtime URL").fill(renamed.restUrl);
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(page.getByText("test variant of scripted: scripted-renamed-tool")).toBeVisible();
    await dialog.getByRole("button", { name: "Check against runtime" }).click();
    await expect(dialog.locator(".check-summary")).toHaveText("scripted test recording: 0 of 1 run(s) passed");
    const rows = dialog.locator("tr.check-row");
    await expect(rows.filter({ has: page.locator("td", { hasText: "fails" }) })).toHaveCount(1);
    await expect(dialog.locator('tr.check-row[data-verdict="fails"]')).toHaveAttribute("data-kind", "tool-name");
    await expect(dialog.locator('tr.check-row[data-verdict="fails"]')).toContainText('tool call "lookup" is now "search_index"');
    // Each check's new runs are kept as a session of their own.
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(page.getByRole("list", { name: "Stored sessions" }).getByRole("button", { name: /^Open check of scripted test recording/ })).toHaveCount(2);
  } finally {
    await renamed.close();
  }
});
