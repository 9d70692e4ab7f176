import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { runtime } from "./inspector";
import { importText } from "../src/core/session/import";
import { createReplay } from "../src/core/replay";
import type { EventRecord, RequestRecord, ResponseRecord } from "../src/core/session/record";

// Non-ASCII text and emoji in a message, in tool arguments and in state, through a HAR that
// Chromium writes itself (Playwright's recordHar) while a page runs an agent on the real
// runtime: the import must give back the exact events the page received.

const wireEvents = (body: string) => body.split("\n\n").filter((f) => f.startsWith("data: ")).map((f) => JSON.parse(f.slice(6)));
const TEXT = "Wetter: 21°C 🌞, naïve café — „Grüße“ 日本語 ✅";

test("a HAR recorded by Chromium with non-ASCII text and emoji imports as the wire carried it", async ({ browser }, testInfo) => {
  const harPath = testInfo.outputPath("unicode.har");
  const context = await browser.newContext({ recordHar: { path: harPath, content: "embed" } });
  const page = await context.newPage();
  await page.goto(`${runtime.rest}/info`);
  const got = await page.evaluate(
    async ({ rest, text }) => {
      const input = { threadId: "har-unicode", runId: "har-unicode-run", state: {}, messages: [{ id: "u-unicode", role: "user", content: text }], tools: [], context: [], forwardedProps: {} };
      const res = await fetch(`${rest}/agent/scripted/run`, { method: "POST", headers: { "content-type": "application/json", accept: "text/event-stream" }, body: JSON.stringify(input) });
      return { input, body: await res.text() };
    },
    { rest: runtime.rest, text: TEXT },
  );
  await context.close(); // the HAR is written here

  const wire = wireEvents(got.body);
  // the wire really carries the text in all three places
  expect(wire.find((e) => e.type === "TOOL_CALL_ARGS" && e.delta.includes("°"))?.delta).toBe(JSON.stringify(TEXT) + "}");
  expect(JSON.stringify(wire.filter((e) => e.type === "STATE_DELTA"))).toContain(JSON.stringify(TEXT));

  const har = readFileSync(harPath, "utf8");
  const entry = (JSON.parse(har) as { log: { entries: { request: { url: string }; response: { content: { text?: string; encoding?: string } } }[] } }).log.entries.find((e) => e.request.url.endsWith("/agent/scripted/run"))!;
  const saved = entry.response.content.encoding === "base64" ? Buffer.from(entry.response.content.text ?? "", "base64").toString("utf8") : (entry.response.content.text ?? "");
  // Playwright's HAR has the same fault as Chromium DevTools' export: the UTF-8 stream is saved
  // as windows-1252 read it (the response names no charset), so "21°C" is stored as "21Â°C".
  expect(saved).not.toBe(got.body);
  expect(saved).toContain("21Â°C ðŸŒž");
  expect(saved).toContain("cafÃ© â€” â€ž"); // "—" and "„": windows-1252's own characters for 0x80–0x9F

  const imported = importText(har, { file: harPath });
  expect(imported.errors).toEqual([]);
  const run = imported.records.find((r): r is RequestRecord => r.kind === "request" && r.op === "run")!;
  expect(run.body).toEqual(got.input);
  const events = imported.records.filter((r): r is EventRecord => r.kind === "event" && r.x === run.x).map((r) => r.event);
  expect(events).toEqual(wire);
  const response = imported.records.find((r): r is ResponseRecord => r.kind === "response" && r.x === run.x)!;
  expect(response.misDecoded).toEqual({ as: "windows-1252", repaired: true });

  const replay = createReplay();
  replay.append(imported.records);
  const at = replay.lastSeq;
  expect(replay.messagesAt(at).find((m) => m.role === "assistant")?.content).toBe(`You said: ${TEXT}`);
  expect(replay.stateAt(at)).toEqual({ counter: 2, items: [{ text: TEXT }], last: TEXT });
  expect(replay.findingsUpTo().filter((f) => f.rule.startsWith("import/")).map((f) => [f.rule, f.seq])).toEqual([["import/body-repaired", response.seq]]);
});
