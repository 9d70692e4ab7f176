import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { runtime } from "./inspector";
import { startReactApp, type ReactApp } from "./apps/copilotkit-react/server";
import { importText } from "../src/core/session/import";
import { startMockRuntime, type MockRuntime } from "../src/server/mock-runtime";

// A real CopilotKit v2 React chat (e2e/apps/copilotkit-react) talks to the real runtime while
// Chromium records a HAR; the HAR is imported and served with `serve`; the same chat, typing
// the same messages against `serve`, must show the same bubbles — no doubled question, no
// doubled tool result.

let app: ReactApp;
let mock: MockRuntime | undefined;
test.beforeAll(async () => {
  app = await startReactApp();
});
test.afterAll(async () => {
  await mock?.close();
  await app?.close();
});

interface Conversation {
  agent: string;
  say: string[];
  /** What the last bubble of each turn shows when the turn is over. */
  done: RegExp[];
}

const CONVERSATIONS: Conversation[] = [
  { agent: "scripted", say: ["hello from the React chat", "and once more"], done: [/You said: hello from the React chat/, /You said: and once more/] },
  { agent: "frontend-tool", say: ["please deploy"], done: [/answered: .*"confirmed":true/] },
];

/** The chat's bubbles in order: who, and what they read (tool call ids differ between runs, so they are numbered). */
async function bubbles(page: Page): Promise<string[]> {
  const chat = page.getByRole("region", { name: "Chat" });
  const items = chat.locator('[data-testid="copilot-user-message"], [data-testid="copilot-assistant-message"]');
  const out: string[] = [];
  const ids = new Map<string, string>();
  for (const item of await items.all()) {
    const who = (await item.getAttribute("data-testid"))!.replace("copilot-", "").replace("-message", "");
    const text = (await item.innerText()).trim().replace(/\S+-call\b/g, (id) => ids.get(id) ?? (ids.set(id, `call-${ids.size + 1}`), ids.get(id)!));
    out.push(`${who}: ${text}`);
  }
  return out;
}

async function converse(page: Page, runtimeUrl: string, c: Conversation): Promise<string[]> {
  await page.goto(`${app.url}/?runtime=${encodeURIComponent(runtimeUrl)}&agent=${c.agent}`);
  const chat = page.getByRole("region", { name: "Chat" });
  for (let i = 0; i < c.say.length; i++) {
    const input = chat.getByRole("textbox");
    await input.fill(c.say[i]);
    await input.press("Enter");
    // the first page of a fresh Vite server compiles CopilotKit on demand: allow for it
    await expect(chat.getByText(c.done[i])).toBeVisible({ timeout: 45_000 });
  }
  // let the chat settle (a follow-up run after a tool, the final render)
  await expect(page.locator('[data-copilot-running="true"]')).toHaveCount(0);
  return bubbles(page);
}

test("the CopilotKit React chat shows the same bubbles against `serve` of a HAR of the runtime as against the runtime", async ({ browser }, testInfo) => {
  test.setTimeout(180_000); // six chats, the first on a cold Vite server
  const harPath = testInfo.outputPath("react-chat.har");
  const recording = await browser.newContext({ recordHar: { path: harPath, content: "embed", urlFilter: /\/rest(\/|$)/ } });
  const real: string[][] = [];
  for (const c of CONVERSATIONS) real.push(await converse(await recording.newPage(), runtime.rest, c));
  await recording.close(); // the HAR is written here

  const imported = importText(readFileSync(harPath, "utf8"), { file: harPath });
  expect(imported.format).toBe("har");
  mock = await startMockRuntime({ records: imported.records, header: imported.header });
  expect(mock.agents).toMatchObject({ scripted: 2, "frontend-tool": 2 });

  const served: string[][] = [];
  const errors: string[] = [];
  const context = await browser.newContext();
  for (const c of CONVERSATIONS) {
    const page = await context.newPage();
    page.on("pageerror", (err) => errors.push(err.message));
    served.push(await converse(page, mock.url, c));
  }
  await context.close();

  expect(real[0]).toEqual(["user: hello from the React chat", "assistant: You said: hello from the React chat", "user: and once more", "assistant: You said: and once more"]);
  expect(real[1].filter((b) => b.startsWith("user:"))).toEqual(["user: please deploy"]);
  expect(served).toEqual(real);
  expect(errors).toEqual([]);
});
