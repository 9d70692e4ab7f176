import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { inspectorUrl } from "./inspector";

// Screenshots go to reports/; docs/screenshots is refreshed from there by hand (scripts/refresh-screenshots.mjs).
const shot = (page: Page, name: string) => page.screenshot({ path: `reports/screenshots/${name}.png` });

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

const timeline = (page: Page) => page.getByRole("region", { name: "Timeline" });

/** Click "Export session", save the download to `file` and parse it. */
async function exportFile(page: Page, file: string): Promise<{ header: Record<string, unknown>; records: Record<string, unknown>[] }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export session" }).click()]);
  await download.saveAs(file);
  const [header, ...records] = readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  return { header, records };
}

test("discovers agents with their descriptions", async ({ page }) => {
  await page.goto(inspectorUrl());
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  const agents = page.getByRole("list", { name: "Agents" });
  await expect(agents.getByRole("button")).toHaveCount(8);
  await expect(agents.getByRole("button", { name: /frontend-tool/ })).toContainText("Calls a frontend tool");
});

test("watches a slow run live, then stops it", async ({ page }) => {
  await connect(page, "slow");
  await run(page, "take your time");
  const ticks = timeline(page).getByRole("row").filter({ hasText: "TEXT_MESSAGE_CONTENT" });
  await expect(ticks.first()).toBeVisible();
  await expect.poll(async () => ticks.count()).toBeGreaterThan(3);
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeEnabled();
  await shot(page, "live-run");
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(timeline(page).getByRole("row").filter({ hasText: "200 stop" })).toHaveCount(1);
  await expect(timeline(page).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeDisabled();
  await page.getByRole("tab", { name: /Findings/ }).click();
  await expect(page.getByRole("region", { name: "Findings" })).toContainText("run/bare-finished");
});

test("answers a frontend tool call with a form built from its schema; the follow-up run completes", async ({ page }) => {
  await connect(page, "frontend-tool");
  await page.getByRole("checkbox", { name: "Edit the full RunAgentInput" }).check();
  const editor = page.getByRole("textbox", { name: "RunAgentInput JSON" });
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(
    JSON.stringify({
      tools: [{ name: "confirm_action", description: "Ask the user to confirm", parameters: { type: "object", properties: { approved: { type: "boolean" }, note: { type: "string", description: "Why" } }, required: ["note"] } }],
    }),
  );
  await run(page, "deploy please");
  const form = page.getByRole("form", { name: "Answer confirm_action" });
  await expect(form).toBeVisible();
  await form.getByRole("checkbox", { name: "approved" }).check();
  await form.getByRole("button", { name: "Send result" }).click();
  await expect(form.getByRole("alert")).toContainText("note is required");
  await form.getByRole("textbox", { name: "note" }).fill("looks good");
  await shot(page, "tool-call-form");
  await form.getByRole("button", { name: "Send result" }).click();
  await expect(timeline(page).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(2);
  await page.getByRole("tab", { name: "Messages" }).click();
  await expect(page.getByRole("region", { name: "Messages" })).toContainText('answered: {"approved":true,"note":"looks good"}');
  await expect(form).toHaveCount(0);
});

test("resolves an interrupt with a payload and resumes", async ({ page }) => {
  await connect(page, "interrupt");
  await run(page, "ship it");
  const resume = page.getByRole("form", { name: "Resume interrupts" });
  await expect(resume).toContainText("Approve the deployment?");
  // the form comes from the interrupt's responseSchema
  await resume.getByRole("checkbox", { name: "approved" }).check();
  await resume.getByRole("button", { name: "Resume" }).click();
  await expect(timeline(page).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(2);
  await page.getByRole("tab", { name: "Messages" }).click();
  await expect(page.getByRole("region", { name: "Messages" })).toContainText('(resolved): {"approved":true}');
  await expect(resume).toHaveCount(0);
  const sent = timeline(page).getByRole("row").filter({ hasText: "POST run" }).last();
  await sent.click();
  await page.getByRole("tab", { name: "Event" }).click();
  await expect(page.getByRole("region", { name: "Event" })).toContainText('"resolved"');
});

test("scrubs back in time: earlier state values come back", async ({ page }) => {
  await connect(page, "scripted");
  await run(page, "time travel");
  await expect(timeline(page).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(1);
  const state = page.getByRole("region", { name: "State" });
  await expect(state).toContainText('last: "time travel"');
  await expect(state).toContainText("counter: 2");
  // click the snapshot, then step with the keyboard
  await timeline(page).getByRole("row").filter({ hasText: "STATE_SNAPSHOT" }).click();
  await expect(state).toContainText("counter: 0");
  await expect(state).toContainText("last: null");
  await page.keyboard.press("End");
  await expect(state).toContainText("counter: 2");
  const slider = page.getByRole("slider", { name: "Event cursor" });
  const first = Number(await slider.getAttribute("min"));
  await slider.focus();
  await page.keyboard.press("Home");
  await expect(slider).toHaveValue(String(first));
  // step forward until the first delta has applied: counter 1, not yet "last"
  const delta = timeline(page).getByRole("row").filter({ hasText: "STATE_DELTA" }).first();
  await delta.click();
  await expect(state).toContainText("counter: 1");
  await expect(state).toContainText('text: "time travel"');
  await expect(state).toContainText("last: null");
  await expect(state.locator(".changed").first()).toBeVisible();
  await shot(page, "time-travel");
});

test("a session survives a reload; export then import gives the same records", async ({ page }, testInfo) => {
  await connect(page, "reasoning");
  await run(page, "remember me");
  await expect(timeline(page).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(1);
  // The exchange's end record comes after RUN_FINISHED; count once it is in.
  await expect(timeline(page).getByRole("row").filter({ hasText: "end run: complete" })).toHaveCount(1);
  const count = Number((await page.getByRole("slider", { name: "Event cursor" }).getAttribute("max")) ?? 0);
  expect(count).toBeGreaterThan(20);
  // What the live page holds, before anything is read back from storage.
  const live = await exportFile(page, testInfo.outputPath("live.agui.jsonl"));
  expect(live.header).toMatchObject({ format: "agui-inspector-session", version: 1 });
  expect(live.records.map((r) => r.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  expect(live.records.filter((r) => r.kind === "event").map((r) => (r.event as { type: string }).type)).toEqual(expect.arrayContaining(["RUN_STARTED", "REASONING_START", "RUN_FINISHED"]));

  await page.reload();
  const sessions = page.getByRole("list", { name: "Stored sessions" });
  await sessions.getByRole("button", { name: /^Open / }).first().click();
  await expect(page.getByRole("slider", { name: "Event cursor" })).toHaveAttribute("max", String(count));
  await page.getByRole("tab", { name: "Messages" }).click();
  await page.keyboard.press("End");
  await expect(page.getByRole("region", { name: "Messages" })).toContainText("Found 3 results.");
  await shot(page, "session-library");

  // Read back from IndexedDB after the reload: the same records, field for field.
  const stored = await exportFile(page, testInfo.outputPath("export.agui.jsonl"));
  expect(stored.records).toEqual(live.records);

  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import session" }).click()]);
  await chooser.setFiles(testInfo.outputPath("export.agui.jsonl"));
  // the file is this very session: the library offers it, and a copy is made on request
  await page.getByRole("alert", { name: "Already imported" }).getByRole("button", { name: "Import a copy" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Imported ${count} record(s)` })).toBeVisible();
  await expect(page.getByRole("slider", { name: "Event cursor" })).toHaveAttribute("max", String(count));
  // The imported copy, exported again: every record's content unchanged by the round trip.
  const imported = await exportFile(page, testInfo.outputPath("reimport.agui.jsonl"));
  expect(imported.records).toEqual(live.records);
  expect(imported.header.runtimeUrl).toBe(live.header.runtimeUrl);

  // a stored session is for reading: runs wait for a new live session
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("button", { name: "Run", exact: true })).toBeEnabled();
  await expect(page.getByRole("slider", { name: "Event cursor" })).toHaveAttribute("max", "3");
});

test("agent text that looks like HTML is shown as text", async ({ page }) => {
  await connect(page, "html");
  await run(page, "render this");
  await expect(timeline(page).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(1);
  await page.getByRole("tab", { name: "Messages" }).click();
  const messages = page.getByRole("region", { name: "Messages" });
  await expect(messages).toContainText('<img src=x onerror="window.__pwned=1"><b>bold?</b>');
  await expect(messages.locator("img, b")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});

test("dark theme and a narrow DevTools-like width stay usable", async ({ page }) => {
  await page.setViewportSize({ width: 520, height: 900 });
  await connect(page, "reasoning");
  await run(page, "narrow");
  await expect(timeline(page).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(1);
  await page.getByRole("button", { name: /^Theme:/ }).click();
  await page.getByRole("button", { name: /^Theme:/ }).click();
  await expect(page.getByRole("button", { name: "Theme: dark" })).toBeVisible();
  // the theme lands on <html> in an effect after the button re-renders
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(23, 25, 28)");
  await expect(page.getByRole("button", { name: "Run", exact: true })).toBeInViewport();
  await page.getByRole("tab", { name: "Messages" }).scrollIntoViewIfNeeded();
  await page.getByRole("tab", { name: "Messages" }).click();
  await expect(page.getByRole("region", { name: "Messages" })).toContainText("Planning a search.");
  await shot(page, "narrow-dark");
});

test("fork from here: a new thread seeded with the messages and state at the cursor", async ({ page }) => {
  await connect(page, "scripted");
  await run(page, "original");
  await expect(timeline(page).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(1);
  await timeline(page).getByRole("row").filter({ hasText: "STATE_DELTA" }).first().click();
  await page.getByRole("button", { name: "Fork from here" }).click();
  await expect(page.getByRole("checkbox", { name: "Edit the full RunAgentInput" })).toBeChecked();
  // The seeded input opens in the drawer, which takes the focus; the message box stays usable beside it.
  await expect(page.getByRole("dialog", { name: "RunAgentInput" }).getByRole("textbox", { name: "RunAgentInput JSON" })).toBeFocused();
  await run(page, "forked");
  // the cursor stayed where we forked; follow the live end to see the new run's rows
  await page.getByRole("button", { name: "Follow live" }).click();
  await expect(timeline(page).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(2);
  const sent = timeline(page).getByRole("row").filter({ hasText: "POST run" }).last();
  await sent.click();
  await page.getByRole("tab", { name: "Event" }).click();
  const detail = page.getByRole("region", { name: "Event" });
  // the fork carries the original conversation up to the cursor and the state there (counter 1)
  await expect(detail).toContainText('"You said: original"');
  await expect(detail).toContainText("counter: 1");
});

test("two runs on different threads stream side by side, each in its lane", async ({ page }) => {
  await connect(page, "slow");
  await run(page, "first lane");
  const ticks = timeline(page).getByRole("row").filter({ hasText: "TEXT_MESSAGE_CONTENT" });
  await expect(ticks.first()).toBeVisible();
  await page.getByRole("button", { name: "New thread" }).click();
  await run(page, "second lane");
  const threads = page.getByRole("list", { name: "Threads seen" });
  await expect(threads.getByRole("listitem")).toHaveCount(2);
  await expect(threads.getByRole("listitem").filter({ hasText: "streaming" })).toHaveCount(2);
  await expect(page.locator(".rec.lane-1").first()).toBeVisible();
  await expect(page.locator(".rec.lane-2").first()).toBeVisible();
  // filter the timeline to one thread: only that lane's rows remain
  await threads.getByRole("button", { name: /^Show only thread/ }).first().click();
  await expect(page.locator(".rec.lane-2")).toHaveCount(0);
  await shot(page, "two-lanes");
  await page.getByRole("button", { name: "Stop all" }).click();
  await expect(threads.getByRole("listitem").filter({ hasText: "streaming" })).toHaveCount(0);
});

test("a full disk is said in plain words; recording goes on in memory and exports whole", async ({ page }, testInfo) => {
  // The quota must be set before the page opens its database (each test has a fresh, empty profile).
  const origin = new URL(inspectorUrl()).origin;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: 150_000 });
  await connect(page, "bulk");
  try {
    await page.getByRole("checkbox", { name: "Edit the full RunAgentInput" }).check();
    await page.getByRole("textbox", { name: "RunAgentInput JSON" }).click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(JSON.stringify({ forwardedProps: { count: 5000 } }));
    await run(page, "fill the disk");
    const banner = page.getByRole("alert").filter({ hasText: "storage for this site is full" });
    await expect(banner).toBeVisible({ timeout: 30_000 });
    await expect(banner).toContainText("Recording continues in memory");
    await expect(page.getByRole("region", { name: "Timeline" }).getByRole("row").filter({ hasText: "end run: complete" })).toHaveCount(1, { timeout: 30_000 });
    const total = Number(await page.getByRole("slider", { name: "Event cursor" }).getAttribute("max"));
    expect(total).toBeGreaterThan(5000);
    const [download] = await Promise.all([page.waitForEvent("download"), banner.getByRole("button", { name: "Export now" }).click()]);
    const file = testInfo.outputPath("full-disk.agui.jsonl");
    await download.saveAs(file);
    const lines = readFileSync(file, "utf8").trim().split("\n");
    expect(lines.length - 1).toBe(total);
    expect(lines.slice(1).map((l) => JSON.parse(l).seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  } finally {
    await cdp.send("Storage.overrideQuotaForOrigin", { origin });
  }
});

test("exports only the run at the cursor, with message text redacted as chosen", async ({ page }, testInfo) => {
  await connect(page, "scripted");
  await run(page, "first secret words");
  await expect(timeline(page).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(1);
  await run(page, "second secret words");
  await expect(timeline(page).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(2);
  await timeline(page).getByRole("row").filter({ hasText: "RUN_FINISHED" }).last().click();
  await page.getByText("Redact…").click();
  await page.getByRole("checkbox", { name: "Message text" }).check();
  await page.getByRole("checkbox", { name: "State values" }).check();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export run" }).click()]);
  const file = testInfo.outputPath("run.agui.jsonl");
  await download.saveAs(file);
  const [header, ...records] = readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  expect(header.redaction).toMatchObject({ headers: true, messageText: true, stateValues: true });
  const runIds = new Set(records.map((r: { runId?: string }) => r.runId).filter(Boolean));
  expect(runIds.size).toBe(1);
  expect(records.some((r: { kind: string; event?: { type: string } }) => r.kind === "event" && r.event?.type === "RUN_FINISHED")).toBe(true);
  const text = readFileSync(file, "utf8");
  expect(text).not.toContain("secret words");
  expect(text).not.toContain("first");
  // the session is named after its first message; a copy without message text is not
  expect(download.suggestedFilename()).not.toContain("secret");
  expect(header.name).toBe("scripted (message text redacted)");
});
