import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import jsonpatch from "fast-json-patch";
import { inspectorUrl } from "./inspector";

const { compare } = jsonpatch;

// Driving agents by hand against the real runtime (e2e/fixtures/agents.ts): tools, interrupts,
// Stop per thread, the session library's lifecycle, playback and diffs.

const shot = (page: Page, name: string) => page.screenshot({ path: `reports/screenshots/${name}.png` });
const timeline = (page: Page) => page.getByRole("region", { name: "Timeline" });
const rows = (page: Page, text: string) => timeline(page).getByRole("row").filter({ hasText: text });
const sessions = (page: Page) => page.getByRole("list", { name: "Stored sessions" }).getByRole("listitem");
const banner = (page: Page) => page.getByRole("region", { name: "Waiting for you" });

async function connect(page: Page, agent: string) {
  await page.goto(inspectorUrl());
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("status").first()).toContainText("Connected");
  await page.getByRole("list", { name: "Agents" }).getByRole("button", { name: new RegExp(`^${agent}\\b`) }).click();
}

async function run(page: Page, message: string) {
  await page.getByRole("textbox", { name: "Message" }).fill(message);
  await page.getByRole("button", { name: "Run", exact: true }).click();
}

async function messages(page: Page) {
  await page.getByRole("tab", { name: "Messages" }).click();
  return page.getByRole("region", { name: "Messages" });
}

test("from the quick box alone, a declared frontend tool's call is answered through its schema form; the follow-up run completes", async ({ page }) => {
  await connect(page, "frontend-tool");
  // declare the tool once, in the small form; it is kept for this runtime and agent
  await page.getByText(/^Frontend tools for frontend-tool/).click();
  await page.getByRole("textbox", { name: "Tool name" }).fill("confirm_action");
  await page.getByRole("textbox", { name: "Tool description" }).fill("Ask the user to confirm");
  await page.getByRole("textbox", { name: "Tool parameters" }).fill(JSON.stringify({ type: "object", properties: { approved: { type: "boolean" }, note: { type: "string", description: "Why" } }, required: ["note"] }));
  await page.getByRole("button", { name: "Save tool" }).click();
  await expect(page.getByRole("list", { name: "Declared tools" })).toContainText("confirm_action");

  await run(page, "deploy please");
  await expect(banner(page).getByLabel("1 open")).toBeVisible();
  const form = banner(page).getByRole("form", { name: "Answer confirm_action" });
  await expect(form.getByRole("checkbox", { name: "approved" })).toBeVisible();
  // the jump moves the cursor to the call
  await banner(page).getByRole("button", { name: "Jump to tool call confirm_action" }).click();
  await expect(timeline(page).locator('[role="row"][aria-selected="true"]')).toContainText("TOOL_CALL_START");
  await form.getByRole("checkbox", { name: "approved" }).check();
  await form.getByRole("textbox", { name: "note" }).fill("ship it");
  await shot(page, "tool-banner");
  await form.getByRole("button", { name: "Send result" }).click();
  await expect(rows(page, "RUN_FINISHED")).toHaveCount(2);
  await expect(await messages(page)).toContainText('answered: {"approved":true,"note":"ship it"}');
  await expect(banner(page)).toHaveCount(0);

  // the run really declared the tool (the quick path no longer sends tools: [])
  await rows(page, "POST run").first().click();
  await page.getByRole("tab", { name: "Event" }).click();
  await expect(page.getByRole("region", { name: "Event" })).toContainText("Ask the user to confirm");

  // kept across a reload for this runtime and agent
  await page.reload();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByRole("list", { name: "Agents" }).getByRole("button", { name: /^frontend-tool\b/ }).click();
  await page.getByText(/^Frontend tools for frontend-tool \(1\)/).click();
  await expect(page.getByRole("list", { name: "Declared tools" })).toContainText("confirm_action");
});

test("an undeclared tool call is answered with raw JSON", async ({ page }) => {
  await connect(page, "frontend-tool");
  await run(page, "no tools declared");
  const form = banner(page).getByRole("form", { name: "Answer confirm_action" });
  await expect(form).toContainText("no schema declared");
  await form.getByRole("textbox", { name: "Result JSON" }).fill("{nope");
  await form.getByRole("button", { name: "Send result" }).click();
  await expect(form.getByRole("alert")).toContainText("Not valid JSON");
  await form.getByRole("textbox", { name: "Result JSON" }).fill('{"confirmed": false}');
  await form.getByRole("button", { name: "Send result" }).click();
  await expect(rows(page, "RUN_FINISHED")).toHaveCount(2);
  await expect(await messages(page)).toContainText('answered: {"confirmed": false}');
});

test("the interrupt agent is resumed through its responseSchema form, and separately cancelled", async ({ page }) => {
  await connect(page, "interrupt");
  await run(page, "ship it");
  const form = banner(page).getByRole("form", { name: "Resume interrupts" });
  await expect(form).toContainText("Approve the deployment?");
  await expect(page.getByRole("region", { name: "Threads", exact: true })).toContainText("interrupted");
  await expect(form.getByRole("textbox")).toHaveCount(0);
  await form.getByRole("checkbox", { name: "approved" }).check();
  await shot(page, "interrupt-form");
  await form.getByRole("button", { name: "Resume" }).click();
  await expect(rows(page, "RUN_FINISHED")).toHaveCount(2);
  await expect(await messages(page)).toContainText('(resolved): {"approved":true}');
  await expect(banner(page)).toHaveCount(0);

  // a second thread, cancelled instead
  await page.getByRole("button", { name: "New thread" }).click();
  await run(page, "ship it again");
  await expect(rows(page, "RUN_FINISHED")).toHaveCount(3);
  await banner(page).getByRole("button", { name: "Cancel interrupt" }).click();
  await expect(rows(page, "RUN_FINISHED")).toHaveCount(4);
  await page.keyboard.press("End");
  await expect(await messages(page)).toContainText("(cancelled): null");
  await expect(banner(page)).toHaveCount(0);
});

test("two threads stream at once; Stop stops only the selected thread, Stop all the rest", async ({ page }) => {
  await connect(page, "slow");
  await run(page, "first lane");
  await expect(rows(page, "TEXT_MESSAGE_CONTENT").first()).toBeVisible();
  await page.getByRole("button", { name: "New thread" }).click();
  await run(page, "second lane");
  const threads = page.getByRole("list", { name: "Threads seen" });
  await expect(threads.getByRole("listitem").filter({ hasText: "streaming" })).toHaveCount(2);
  // the selected thread is the one the last run went to: the second
  const selected = threads.getByRole("listitem").filter({ hasText: "next run" });
  await expect(selected).toHaveCount(1);
  const second = (await selected.getByRole("button").first().textContent())!;
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(threads.getByRole("listitem").filter({ hasText: "streaming" })).toHaveCount(1);
  await expect(threads.getByRole("listitem").filter({ hasText: "streaming" })).not.toContainText(second);
  await expect(rows(page, "200 stop")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeDisabled();
  await page.getByRole("button", { name: "Stop all" }).click();
  await expect(threads.getByRole("listitem").filter({ hasText: "streaming" })).toHaveCount(0);
  await expect(rows(page, "200 stop")).toHaveCount(2);
});

test("Connect alone adds no session; the first run adds one named after agent and message; rename inline; delete then undo", async ({ page }) => {
  await page.goto(inspectorUrl());
  for (let i = 0; i < 3; i++) {
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(page.getByRole("status").first()).toContainText("Connected");
  }
  // the library has been listed again (a search lists it afresh) and holds nothing
  const search = page.getByRole("searchbox", { name: "Search sessions" });
  await search.fill("x");
  await search.fill("");
  await expect(page.getByRole("region", { name: "Sessions" })).toContainText("Storage");
  await expect(page.getByRole("list", { name: "Stored sessions" })).toBeAttached();
  await expect(sessions(page)).toHaveCount(0);
  await page.getByRole("list", { name: "Agents" }).getByRole("button", { name: /^scripted\b/ }).click();
  await run(page, "hello there");
  await expect(rows(page, "RUN_FINISHED")).toHaveCount(1);
  await expect(sessions(page)).toHaveCount(1);
  await expect(sessions(page).first()).toContainText("scripted · hello there");

  // rename without a dialog
  page.on("dialog", () => {
    throw new Error("no dialogs");
  });
  await sessions(page).first().getByRole("button", { name: /^Rename / }).click();
  await page.getByRole("textbox", { name: "Session name" }).fill("greeting run");
  await page.keyboard.press("Enter");
  await expect(sessions(page).first()).toContainText("greeting run");

  // delete, then undo: the session is back, and still there after the undo window would have passed on a reload
  await sessions(page).first().getByRole("button", { name: /^Delete / }).click();
  await expect(sessions(page)).toHaveCount(0);
  await page.getByRole("button", { name: "Undo delete of greeting run" }).click();
  await expect(sessions(page)).toHaveCount(1);
  await page.reload();
  await expect(sessions(page)).toHaveCount(1);
  await expect(sessions(page).first()).toContainText("greeting run");
});

test("re-importing an exported file offers the existing session instead of a duplicate; exports are named after the session", async ({ page }, testInfo) => {
  await connect(page, "scripted");
  await run(page, "keep me once");
  await expect(rows(page, "RUN_FINISHED")).toHaveCount(1);
  await expect(sessions(page)).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export session" }).click()]);
  expect(download.suggestedFilename()).toBe("scripted_keep_me_once.agui.jsonl");
  const file = testInfo.outputPath("once.agui.jsonl");
  await download.saveAs(file);
  const header = JSON.parse(readFileSync(file, "utf8").split("\n")[0]);

  const importIt = async () => {
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import session" }).click()]);
    await chooser.setFiles(file);
  };
  await importIt();
  const offer = page.getByRole("alert", { name: "Already imported" });
  await expect(offer).toContainText("scripted · keep me once");
  await offer.getByRole("button", { name: "Open the existing session" }).click();
  await expect(sessions(page)).toHaveCount(1);
  await expect(page.getByRole("list", { name: "Stored sessions" }).locator("li.open")).toContainText("keep me once");

  // a copy on request; re-importing that copy's file is recognised too (it keeps the file's id)
  await importIt();
  await offer.getByRole("button", { name: "Import a copy" }).click();
  await expect(sessions(page)).toHaveCount(2);
  await importIt();
  await expect(offer).toBeVisible();
  await offer.getByRole("button", { name: "Dismiss" }).click();
  await expect(sessions(page)).toHaveCount(2);
  expect(header.id).toBeTruthy();
});

test("after a reload the last session is open at its last cursor, with its connection settings (no secrets)", async ({ page }) => {
  await connect(page, "scripted");
  await page.getByRole("combobox", { name: "Transport" }).selectOption("rest");
  await run(page, "come back");
  await expect(rows(page, "RUN_FINISHED")).toHaveCount(1);
  await rows(page, "STATE_SNAPSHOT").click();
  const slider = page.getByRole("slider", { name: "Event cursor" });
  const at = await slider.inputValue();
  expect(Number(at)).toBeGreaterThan(1);
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  expect(stored).not.toContain("e2e-token");

  await page.reload();
  await expect(page.getByRole("list", { name: "Stored sessions" }).locator("li.open")).toContainText("scripted · come back");
  await expect(slider).toHaveValue(at);
  await expect(timeline(page).locator('[role="row"][aria-selected="true"]')).toContainText("STATE_SNAPSHOT");
  await expect(page.getByRole("combobox", { name: "Transport" })).toHaveValue("rest");
  await expect(page.getByRole("region", { name: "State" })).toContainText("counter: 0");
});

test("playback visits the rows in order at the chosen speed and stops at the end; jumps go to the next state change", async ({ page }) => {
  await connect(page, "scripted");
  await run(page, "play it back");
  await expect(rows(page, "end run: complete")).toHaveCount(1);
  // Follow live is on after Run, off once the cursor moves back
  const follow = page.getByRole("button", { name: "Follow live" });
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  const slider = page.getByRole("slider", { name: "Event cursor" });
  const last = Number(await slider.getAttribute("max"));
  await rows(page, "RUN_STARTED").click();
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  const start = Number(await slider.inputValue());

  // jumps
  await page.getByRole("button", { name: "Playback", exact: true }).click();
  const bar = page.getByRole("toolbar", { name: "Playback" });
  await bar.getByRole("button", { name: "Next state change" }).click();
  await expect(timeline(page).locator('[role="row"][aria-selected="true"]')).toContainText("STATE_SNAPSHOT");
  await bar.getByRole("button", { name: "Next state change" }).click();
  await expect(timeline(page).locator('[role="row"][aria-selected="true"]')).toContainText("STATE_DELTA");
  await bar.getByRole("combobox", { name: "Jump to" }).selectOption("tool");
  await bar.getByRole("button", { name: "Next tool call" }).click();
  await expect(timeline(page).locator('[role="row"][aria-selected="true"]')).toContainText("TOOL_CALL_START");
  // a range: from RUN_STARTED to the last state delta
  await rows(page, "RUN_STARTED").click();
  await bar.getByRole("button", { name: "From here" }).click();
  await rows(page, "STATE_DELTA").last().click();
  const to = Number(await slider.inputValue());
  await bar.getByRole("button", { name: "To here" }).click();
  await expect(bar.getByTestId("playback-range")).toHaveText(`#${start}–#${to}`);
  await rows(page, "RUN_STARTED").click();

  // record every cursor position the page shows while playing, and whether it said "playing"
  await page.evaluate(() => {
    const seen: [number, boolean][] = [];
    (window as unknown as { __seen: [number, boolean][] }).__seen = seen;
    const el = document.querySelector('input[aria-label="Event cursor"]') as HTMLInputElement;
    const note = () => seen.push([Number(el.value), !!document.querySelector('[aria-label="Playback"] button[aria-pressed="true"]')]);
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await bar.getByRole("combobox", { name: "Playback speed" }).selectOption("8");
  await bar.getByRole("button", { name: "Play" }).click();
  await expect(slider).toHaveValue(String(to));
  await expect(bar.getByRole("button", { name: "Play" })).toHaveAttribute("aria-pressed", "false");
  await shot(page, "playback");
  const seen = await page.evaluate(() => (window as unknown as { __seen: [number, boolean][] }).__seen);
  expect(seen.some(([, playing]) => playing)).toBe(true);
  const values = seen.map(([v]) => v);
  const distinct = values.filter((v, i) => i === 0 || v !== values[i - 1]);
  expect(distinct[0]).toBe(start);
  expect(distinct.at(-1)).toBe(to);
  // in order: never backwards, never past the range
  for (let i = 1; i < distinct.length; i++) expect(distinct[i]).toBeGreaterThan(distinct[i - 1]);
  expect(distinct.length).toBeGreaterThan(5);

  // the whole session: playback ends at the last record and stops
  await bar.getByRole("button", { name: "Whole session" }).click();
  await bar.getByRole("button", { name: "Play" }).click();
  await expect(slider).toHaveValue(String(last));
  await expect(bar.getByRole("button", { name: "Play" })).toHaveAttribute("aria-pressed", "false");
});

test("at the cursor, before → after per changed path; between two picked events the diff equals compare(stateA, stateB)", async ({ page }) => {
  await connect(page, "scripted");
  await run(page, "diff me");
  await expect(rows(page, "RUN_FINISHED")).toHaveCount(1);
  // the last delta: /last null → "diff me", /counter 1 → 2
  await rows(page, "STATE_DELTA").last().click();
  const table = page.getByRole("table", { name: "Before and after" });
  await expect(table.getByRole("row").filter({ hasText: "/last" })).toContainText('null"diff me"');
  await expect(table.getByRole("row").filter({ hasText: "/counter" })).toContainText("12");

  await page.getByRole("button", { name: "Playback", exact: true }).click();
  const bar = page.getByRole("toolbar", { name: "Playback" });
  await rows(page, "STATE_SNAPSHOT").click();
  await bar.getByRole("button", { name: /^Compare A/ }).click();
  await rows(page, "STATE_DELTA").last().click();
  await bar.getByRole("button", { name: /^B = / }).click();
  await page.getByRole("tab", { name: "Compare" }).click();
  const panel = page.getByRole("region", { name: "Compare" });
  const shown = JSON.parse((await panel.getByTestId("state-diff-json").textContent())!);
  const stateA = { counter: 0, items: [], last: null };
  const stateB = { counter: 2, items: [{ text: "diff me" }], last: "diff me" };
  expect(shown).toEqual(compare(stateA, stateB));
  const msgs = JSON.parse((await panel.getByTestId("messages-diff-json").textContent())!);
  expect(msgs.length).toBeGreaterThan(0);
  await shot(page, "diff");
});

test("a fork links back to where it came from; every input sent is in the history to re-run or edit", async ({ page }) => {
  await connect(page, "scripted");
  await expect(page.getByTestId("run-blocked")).toHaveCount(0);
  await run(page, "original");
  await expect(rows(page, "RUN_FINISHED")).toHaveCount(1);
  await rows(page, "STATE_DELTA").first().click();
  const slider = page.getByRole("slider", { name: "Event cursor" });
  const at = await slider.inputValue();
  await page.getByRole("button", { name: "Fork from here" }).click();
  await run(page, "forked");
  await expect(rows(page, "RUN_FINISHED")).toHaveCount(2);
  const link = page.getByRole("list", { name: "Threads seen" }).getByRole("button", { name: `forked from #${at}` });
  await expect(link).toHaveCount(1);
  await page.keyboard.press("End");
  await link.click();
  await expect(slider).toHaveValue(at);
  // the link survives a reload (the session reopens)
  await page.reload();
  await expect(page.getByRole("list", { name: "Threads seen" }).getByRole("button", { name: `forked from #${at}` })).toHaveCount(1);

  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByRole("list", { name: "Agents" }).getByRole("button", { name: /^scripted\b/ }).click();
  await page.getByText(/^Sent to scripted \(2\)/).click();
  const history = page.getByRole("list", { name: "Input history" });
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await history.getByRole("button", { name: "Re-run: original" }).click();
  await expect(rows(page, "RUN_FINISHED")).toHaveCount(1);
  await expect(await messages(page)).toContainText("You said: original");
  await history.getByRole("button", { name: "Edit: forked" }).click();
  await expect(page.getByRole("checkbox", { name: "Edit the full RunAgentInput" })).toBeChecked();
  await expect(page.getByRole("textbox", { name: "RunAgentInput JSON" })).toContainText('"forked"');
});

test("Run says why it is disabled", async ({ page }) => {
  await page.goto(inspectorUrl());
  await expect(page.getByRole("button", { name: "Run", exact: true })).toBeDisabled();
  await expect(page.getByTestId("run-blocked")).toHaveText("Connect to a runtime first.");
});
