import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { runtime } from "./inspector";
import { importText } from "../src/core/session/import";
import { createReplay } from "../src/core/replay";
import type { EventRecord, RequestRecord } from "../src/core/session/record";

// A HAR written by Chromium itself (Playwright's recordHar, bodies embedded) while a page runs
// agents on the real runtime fixture over REST and single-route; the importer must give back
// exactly what the page received.

const wireEvents = (body: string) => body.split("\n\n").filter((f) => f.startsWith("data: ")).map((f) => JSON.parse(f.slice(6)));

test("a HAR recorded by Chromium imports as the runs the page received", async ({ browser }, testInfo) => {
  const harPath = testInfo.outputPath("runs.har");
  const context = await browser.newContext({ recordHar: { path: harPath, content: "embed" } });
  const page = await context.newPage();
  await page.goto(`${runtime.rest}/info`);
  const got = await page.evaluate(
    async ({ rest, single }) => {
      const input = (runId: string, text: string) => ({ threadId: `har-${runId}`, runId, state: {}, messages: [{ id: `u-${runId}`, role: "user", content: text }], tools: [], context: [], forwardedProps: {} });
      const headers = { "content-type": "application/json", accept: "text/event-stream", authorization: "Bearer har-secret-token" };
      const restInput = input("har-rest", "hello from a HAR");
      const restText = await (await fetch(`${rest}/agent/scripted/run`, { method: "POST", headers, body: JSON.stringify(restInput) })).text();
      const singleInput = input("har-single", "think in a HAR");
      const singleText = await (await fetch(single, { method: "POST", headers, body: JSON.stringify({ method: "agent/run", params: { agentId: "reasoning" }, body: singleInput }) })).text();
      return { restInput, restText, singleInput, singleText };
    },
    { rest: runtime.rest, single: runtime.single },
  );
  await context.close(); // the HAR is written here

  const har = readFileSync(harPath, "utf8");
  expect(har).toContain("har-secret-token");
  const imported = importText(har, { file: harPath });
  expect(imported.format).toBe("har");
  expect(imported.errors).toEqual([]);
  expect(imported.header).toMatchObject({ runtimeUrl: runtime.rest, transport: "rest", source: { kind: "har", file: "runs.har" } });

  const requests = imported.records.filter((r): r is RequestRecord => r.kind === "request");
  expect(requests.map((r) => [r.op, r.transport, r.agentId ?? null])).toEqual([
    ["info", "rest", null],
    ["run", "rest", "scripted"],
    ["run", "single", "reasoning"],
  ]);
  const [, rest, single] = requests;
  expect(rest.body).toEqual(got.restInput);
  expect(single.body).toEqual({ method: "agent/run", params: { agentId: "reasoning" }, body: got.singleInput });
  expect(rest.headers.authorization).toBe("[redacted]");
  expect(JSON.stringify(imported.records)).not.toContain("har-secret-token");

  const eventsOf = (x: number) => imported.records.filter((r): r is EventRecord => r.kind === "event" && r.x === x).map((r) => r.event);
  expect(eventsOf(rest.x)).toEqual(wireEvents(got.restText));
  expect(eventsOf(single.x)).toEqual(wireEvents(got.singleText));
  const info = imported.records.find((r) => r.kind === "response" && r.op === "info") as { body?: { agents?: Record<string, unknown> } };
  expect(Object.keys(info.body?.agents ?? {})).toContain("scripted");

  const replay = createReplay();
  replay.append(imported.records);
  const assistant = replay.messagesAt(replay.lastSeq).filter((m) => m.role === "assistant").map((m) => m.content);
  expect(assistant).toEqual(expect.arrayContaining(["You said: hello from a HAR", "Found 3 results."]));
  expect(replay.runs().map((r) => [r.runId, r.outcome])).toEqual([
    ["har-rest", "success"],
    ["har-single", "success"],
  ]);
});
