import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { importText } from "../src/core/session/import";
import { exportSession } from "../src/core/session/export";
import { cli } from "./helpers";

// Secrets against the real runtime: an agent that echoes its whole input and an auth layer that
// answers 401 echoing the request. None of the secret strings may reach the CLI's --out file,
// an export of it under any option, or what the CLI prints.

export const SECRETS = {
  authorization: "sk-auth-SECRET-1111",
  apiKey: "xak-SECRET-2222",
  myToken: "mytok-SECRET-3333",
  query: "qtok-SECRET-4444",
  forwardedApiKey: "fp-SECRET-5555",
  password: "pw-SECRET-6666",
  nested: "nested-SECRET-7777",
};
const headers = ["-H", `Authorization: Bearer ${SECRETS.authorization}`, "-H", `X-Api-Key: ${SECRETS.apiKey}`, "-H", `X-My-Token: ${SECRETS.myToken}`];
const input = { forwardedProps: { apiKey: SECRETS.forwardedApiKey, myPassword: SECRETS.password, nested: { token: SECRETS.nested }, maxTokens: 512 } };

function leaks(text: string): string[] {
  return Object.values(SECRETS).filter((s) => text.includes(s) || text.includes(s.replace(/-/g, "\\u002d")));
}

let rt: RuntimeFixture;
let dir: string;
let inputFile: string;
beforeAll(async () => {
  rt = await startRuntime();
  dir = mkdtempSync(join(tmpdir(), "agui-redact-"));
  inputFile = join(dir, "input.json");
  writeFileSync(inputFile, JSON.stringify(input));
});
afterAll(() => rt.close());

const exportOptions = [{}, { messageText: true }, { stateValues: true }, { messageText: true, stateValues: true }];

describe("secrets sent to the real runtime never come back out", () => {
  it("an agent echoing its input: the --out file, every export and the output hold none of them", async () => {
    const out = join(dir, "echo.agui.jsonl");
    const r = await cli("record", `${rt.singleUrl}?token=${SECRETS.query}`, "--transport", "single", "--agent", "echo", ...headers, "--input", inputFile, "--message", "hello", "--out", out);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const file = readFileSync(out, "utf8");
    // The echo really happened (not vacuous): the input came back in RUN_STARTED and as text.
    const { header, records } = importText(file);
    const started = records.find((x) => x.kind === "event" && x.event.type === "RUN_STARTED");
    expect(started && started.kind === "event" && (started.event as { input?: { forwardedProps?: unknown } }).input?.forwardedProps).toEqual({ apiKey: "[redacted]", myPassword: "[redacted]", nested: { token: "[redacted]" }, maxTokens: 512 });
    expect(file).toContain("you sent {");
    expect(header.runtimeUrl).toBe(`${rt.singleUrl}?token=%5Bredacted%5D`);
    expect(leaks(file)).toEqual([]);
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
    for (const redact of exportOptions) {
      for (const select of [{ kind: "session" as const }, { kind: "run" as const, runId: started!.runId! }]) expect(leaks(exportSession(header, records, { redact, select }))).toEqual([]);
    }
  });

  it("a 401 that echoes the headers, URL and body: stored and printed without them", async () => {
    const out = join(dir, "auth.agui.jsonl");
    const r = await cli("record", `${rt.authEchoUrl}?token=${SECRETS.query}`, "--transport", "agui", ...headers, "--input", inputFile, "--message", "hello", "--out", out);
    expect(r.code).not.toBe(0);
    const file = readFileSync(out, "utf8");
    const { records } = importText(file);
    const response = records.find((x) => x.kind === "response");
    expect(response && response.kind === "response" && response.status).toBe(401);
    // The echo is there, redacted: by key in the JSON, by value inside the free-text message.
    const body = response && response.kind === "response" ? (response.body as { message: string; received: { headers: Record<string, string>; url: string } }) : null;
    expect(body?.received.headers).toMatchObject({ authorization: "[redacted]", "x-api-key": "[redacted]", "x-my-token": "[redacted]" });
    expect(body?.message).toContain('"x-my-token":"[redacted]"');
    expect(body?.message).toContain("/auth-echo?token=[redacted] ");
    const end = records.find((x) => x.kind === "end");
    expect(end && end.kind === "end" && end.error).toMatch(/HTTP 401/);
    expect(r.stderr).toMatch(/HTTP 401/);
    expect(leaks(file)).toEqual([]);
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
  });

  it("info and stop print no secret from the URL or the headers, even when the runtime echoes them", async () => {
    const info = await cli("info", `${rt.authEchoUrl}?token=${SECRETS.query}`, "--transport", "agui", ...headers);
    const rest = await cli("info", `${rt.authEchoUrl}?token=${SECRETS.query}`, "--transport", "rest", ...headers);
    expect(rest.code).not.toBe(0);
    expect(rest.stderr).toMatch(/401/);
    const stop = await cli("stop", `${rt.authEchoUrl}?token=${SECRETS.query}`, "--transport", "rest", "--agent", "a", "--thread", "t", ...headers);
    expect(stop.stderr).toMatch(/401/);
    const printed = [info, rest, stop].map((r) => r.stdout + r.stderr).join("\n");
    expect(printed).toContain("[redacted]");
    expect(leaks(printed)).toEqual([]);
  });
});
