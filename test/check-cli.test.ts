import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { createVariantAgents } from "../e2e/fixtures/variant-agents";
import { cli } from "./helpers";
import { answerTool, CONFIRM_TOOL, recordSession, resumeWith, say } from "./recordings";
import { createRecorder } from "../src/core/recorder/recorder";
import { createRuntimeClient } from "../src/core/transport/client";
import { buildRunInput, userMessage } from "../src/core/transport/input";
import { createHeader, encodeSessionFile } from "../src/core/session/file";
import { parseSessionFile } from "../src/core/session/file";
import type { RecordingCheck } from "../src/core/check/report";
import type { RequestRecord, SessionRecord } from "../src/core/session/record";

// `agui-inspector check` against the real runtime: fresh recordings of the demo agents pass;
// test variants of the scripted agent fail naming exactly what changed.

let rt: RuntimeFixture;
let dir: string;
const file = (name: string) => join(dir, `${name}.agui.jsonl`);

beforeAll(async () => {
  rt = await startRuntime(0, createVariantAgents());
  dir = mkdtempSync(join(tmpdir(), "agui-check-"));
  await recordSession(rt.restUrl, "scripted", [say("find the red kite")], file("scripted"));
  await recordSession(rt.restUrl, "frontend-tool", [say("deploy it", [CONFIRM_TOOL]), answerTool({ approved: true }, [CONFIRM_TOOL])], file("frontend-tool"));
  await recordSession(rt.restUrl, "interrupt", [say("ship it"), resumeWith({ approved: true })], file("interrupt"));
  await recordSession(rt.restUrl, "reasoning", [say("search for kites")], file("reasoning"));
  await recordSession(rt.restUrl, "html", [say("bold")], file("html"));
  await recordSession(rt.restUrl, "bulk", [(records) => ({ ...say("go")(records), forwardedProps: { count: 500 } })], file("bulk"));
});
afterAll(async () => {
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
});

interface JsonOut {
  summary: { runs: number; passed: number; failed: number; errors: number };
  recordings: RecordingCheck[];
}

async function check(...args: string[]): Promise<{ code: number; out: JsonOut; stderr: string }> {
  const r = await cli("check", ...args, "--runtime", rt.restUrl, "--json");
  return { code: r.code, out: JSON.parse(r.stdout) as JsonOut, stderr: r.stderr };
}

const testcases = (xml: string) => xml.match(/<testcase [^>]*>[\s\S]*?<\/testcase>/g) ?? [];
const requests = (records: SessionRecord[]) => records.filter((r): r is RequestRecord => r.kind === "request" && r.op === "run");
const texts = (records: SessionRecord[]) => records.flatMap((r) => (r.kind === "event" && r.event.type === "TEXT_MESSAGE_CONTENT" ? [String(r.event.delta)] : [])).join("");

describe("agui-inspector check: fresh recordings of the demo agents", () => {
  it("passes every run of every demo agent, with one JUnit testcase per run", async () => {
    const junit = join(dir, "reports", "demo.xml");
    const names = ["scripted", "frontend-tool", "interrupt", "reasoning", "html", "bulk"];
    const r = await cli("check", ...names.map(file), "--runtime", rt.restUrl, "--junit", junit);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^8 run\(s\): 8 passed, 0 failed, 0 error\(s\)$/m);
    expect(r.code).toBe(0);
    const xml = readFileSync(junit, "utf8");
    expect(xml).toMatch(/<testsuite name="agui-inspector check" tests="8" failures="0" errors="0" skipped="0">/);
    expect(testcases(xml)).toHaveLength(8);
    expect(xml).not.toMatch(/<failure/);
    // The new sessions are saved beside the report.
    expect(parseSessionFile(readFileSync(join(dir, "reports", "scripted.check.agui.jsonl"), "utf8")).records.length).toBeGreaterThan(10);
    expect(readdirSync(join(dir, "reports")).sort()).toEqual([...names.map((n) => `${n}.check.agui.jsonl`), "demo.xml"].sort());
  });

  it("passes under --exact too: ids the agent generated differently are matched, not reported", async () => {
    // The frontend-tool and interrupt agents echo their new call and interrupt ids in text.
    const r = await check(...["scripted", "frontend-tool", "interrupt", "reasoning"].map(file), "--exact");
    expect(r.out.summary).toEqual({ runs: 6, passed: 6, failed: 0, errors: 0, skipped: 0 });
    expect(r.out.recordings.flatMap((c) => c.runs.flatMap((run) => run.comparison!.differences))).toEqual([]);
    expect(r.code).toBe(0);
  });

  it("two recordings with the same name in different folders are saved side by side", async () => {
    const other = join(dir, "elsewhere");
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, "scripted.agui.jsonl"), readFileSync(file("scripted")));
    const out = join(dir, "same-name");
    expect((await check(file("scripted"), join(other, "scripted.agui.jsonl"), "--out", out)).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["scripted-2.check.agui.jsonl", "scripted.check.agui.jsonl"]);
  });

  it("checks a recording made over the single-route transport (the input inside the envelope)", async () => {
    const single = file("single-route");
    await recordSession(rt.singleUrl, "interrupt", [say("ship it"), resumeWith({ approved: false })], single);
    const r = await cli("check", single, "--runtime", rt.singleUrl, "--exact", "--json");
    expect(JSON.parse(r.stdout).summary).toEqual({ runs: 2, passed: 2, failed: 0, errors: 0, skipped: 0 });
    expect(r.code).toBe(0);
  });

  it("answers the frontend tool call with the recorded result, under the new call id", async () => {
    const out = join(dir, "ft-out");
    const { code } = await check(file("frontend-tool"), "--out", out);
    expect(code).toBe(0);
    const records = parseSessionFile(readFileSync(join(out, "frontend-tool.check.agui.jsonl"), "utf8")).records;
    const [first, second] = requests(records);
    expect(second.threadId).toBe(first.threadId);
    const newCall = records.find((r) => r.kind === "event" && r.event.type === "TOOL_CALL_START" && r.runId === first.runId);
    const callId = (newCall as unknown as { event: { toolCallId: string } }).event.toolCallId;
    expect(callId).toContain(first.runId!);
    const sent = (second.body as { messages: { role: string; toolCallId?: string; content?: string }[] }).messages;
    expect(sent.at(-1)).toMatchObject({ role: "tool", toolCallId: callId, content: '{"approved":true}' });
    expect(texts(records)).toContain(`Tool ${callId} answered: {"approved":true}`);
  });

  it("resumes the interrupt with the recorded answer, under the new interrupt id", async () => {
    const out = join(dir, "int-out");
    const { code, out: json } = await check(file("interrupt"), "--out", out);
    expect(code).toBe(0);
    expect(json.summary).toEqual({ runs: 2, passed: 2, failed: 0, errors: 0, skipped: 0 });
    const records = parseSessionFile(readFileSync(join(out, "interrupt.check.agui.jsonl"), "utf8")).records;
    const [first, second] = requests(records);
    expect((second.body as { resume: unknown }).resume).toEqual([{ interruptId: `${first.runId}-approval`, status: "resolved", payload: { approved: true } }]);
    expect(texts(records)).toContain(`Resumed ${first.runId}-approval (resolved): {"approved":true}`);
  });
});

describe("agui-inspector check: a changed agent", () => {
  async function failing(variant: string, ...extra: string[]) {
    const junit = join(dir, `${variant}.xml`);
    const { code, out } = await check(file("scripted"), "--agent", variant, "--junit", junit, ...extra);
    const run = out.recordings[0].runs[0];
    const xml = readFileSync(junit, "utf8");
    return { code, run, xml };
  }

  it("a renamed tool fails with that rename and nothing else", async () => {
    const { code, run, xml } = await failing("scripted-renamed-tool");
    expect(code).toBe(5);
    expect(run.status).toBe("failed");
    expect(run.verdict!.failures.map((d) => [d.kind, d.before, d.after])).toEqual([["tool-name", "lookup", "search_index"]]);
    expect(testcases(xml)).toHaveLength(1);
    expect(xml).toMatch(/tests="1" failures="1" errors="0"/);
    expect(testcases(xml)[0]).toMatch(/<failure message="tool call &quot;lookup&quot; is now &quot;search_index&quot;"/);
    const text = await cli("check", file("scripted"), "--runtime", rt.restUrl, "--agent", "scripted-renamed-tool");
    expect(text.code).toBe(5);
    expect(text.stdout.match(/^ {4}FAIL .*$/gm)).toEqual(['    FAIL  [tool-name] tool call "lookup" is now "search_index"']);
    expect(text.stdout).toMatch(/^1 run\(s\): 0 passed, 1 failed, 0 error\(s\)$/m);
  });

  it("a dropped state path fails naming that path", async () => {
    const { code, run, xml } = await failing("scripted-dropped-state");
    expect(code).toBe(5);
    expect(run.verdict!.failures.map((d) => [d.kind, d.path, d.op])).toEqual([["state-paths", "/last", "remove"]]);
    // The value it left behind differs too, but state values are not exact by default.
    expect(run.verdict!.notes.map((d) => [d.kind, d.path])).toEqual([["state", "/last"]]);
    expect(testcases(xml)[0]).toMatch(/<failure message="state path \/last is no longer changed by state update #3"/);
  });

  it("an added step fails naming the step", async () => {
    const { code, run, xml } = await failing("scripted-added-step");
    expect(code).toBe(5);
    expect(run.verdict!.failures.map((d) => [d.kind, d.beatKind, d.name])).toEqual([["beat-added", "step", "verify"]]);
    expect(testcases(xml)[0]).toMatch(/<failure message="step &quot;verify&quot; added/);
  });

  it("a text-only change passes under the default rules and fails under exact", async () => {
    const loose = await failing("scripted-text-changed");
    expect(loose.code).toBe(0);
    expect(loose.run.status).toBe("passed");
    expect(loose.run.verdict!.notes.map((d) => [d.kind, d.before, d.after])).toEqual([["text", "You said: find the red kite", "You wrote: find the red kite"]]);
    expect(loose.xml).toMatch(/tests="1" failures="0"/);

    const exact = await failing("scripted-text-changed", "--exact");
    expect(exact.code).toBe(5);
    expect(exact.run.verdict!.failures.map((d) => d.kind)).toEqual(["text"]);
    expect(exact.xml).toMatch(/tests="1" failures="1"/);

    const rules = join(dir, "text-exact.json");
    writeFileSync(rules, JSON.stringify({ text: "exact" }));
    const viaFile = await failing("scripted-text-changed", "--rules", rules);
    expect(viaFile.code).toBe(5);
    expect(viaFile.run.verdict!.failures.map((d) => d.kind)).toEqual(["text"]);
  });

  it("different chunking of the same content passes even under exact", async () => {
    const { code, run } = await failing("scripted-rechunked", "--exact");
    expect(run.verdict!.failures).toEqual([]);
    expect(run.verdict!.notes).toEqual([]);
    expect(code).toBe(0);
  });

  it("state.exact marks a path whose value must match; state.ignore loosens a path", async () => {
    const rules = join(dir, "state-exact.json");
    writeFileSync(rules, JSON.stringify({ state: { exact: ["/last"] } }));
    const strict = await failing("scripted-shout", "--rules", rules);
    expect(strict.code).toBe(5);
    expect(strict.run.verdict!.failures.map((d) => [d.kind, d.path])).toEqual([["state", "/last"]]);
    writeFileSync(rules, JSON.stringify({ state: { ignore: ["/last"] } }));
    const loose = await failing("scripted-dropped-state", "--rules", rules);
    expect(loose.code).toBe(0);
  });

  it("--update rewrites the recording from the live agent", async () => {
    const golden = file("golden");
    writeFileSync(golden, readFileSync(file("scripted")));
    expect((await check(golden, "--agent", "scripted-text-changed", "--exact")).code).toBe(5);
    const r = await cli("check", golden, "--runtime", rt.restUrl, "--agent", "scripted-text-changed", "--update");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/recordings updated/);
    expect(texts(parseSessionFile(readFileSync(golden, "utf8")).records)).toContain("You wrote: find the red kite");
    expect((await check(golden, "--agent", "scripted-text-changed", "--exact")).code).toBe(0);
  });
});

describe("agui-inspector check: runs it does not re-run", () => {
  it("skips a run that was stopped when recorded (JUnit <skipped>, exit 0)", async () => {
    const records: SessionRecord[] = [];
    const recorder = createRecorder({ sink: { write: async () => {} } });
    recorder.on("record", (r) => records.push(r));
    const client = createRuntimeClient({ url: rt.restUrl, recorder });
    await client.discover();
    const input = buildRunInput({ messages: [userMessage("tick")] });
    let stopping: Promise<unknown> | undefined;
    await client.run("slow", input, { onEvent: (e) => void (e.type === "TEXT_MESSAGE_CONTENT" && !stopping && (stopping = client.stop("slow", input.threadId, input.runId))) });
    await stopping;
    const stopped = file("stopped");
    writeFileSync(stopped, encodeSessionFile(createHeader({ agentId: "slow" }), records));
    const junit = join(dir, "stopped.xml");
    const r = await cli("check", stopped, "--runtime", rt.restUrl, "--junit", junit);
    expect(r.stdout).toMatch(/^- .*run 1 .*: skipped — stopped when recorded/m);
    expect(r.stdout).toMatch(/1 run\(s\): 0 passed, 0 failed, 0 error\(s\), 1 skipped/);
    expect(r.code).toBe(0);
    expect(readFileSync(junit, "utf8")).toMatch(/<skipped message="stopped when recorded/);
  });
});

describe("agui-inspector check: a runtime that echoes what it was sent", () => {
  it("never writes the secret header values it sent: not in the report, the JUnit file or the saved session", async () => {
    // A plain AG-UI endpoint that repeats the Authorization header in text and state.
    const echo = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        // A probe (GET) gets what a POST-only endpoint answers.
        if (req.method !== "POST") return void res.writeHead(405, { allow: "POST" }).end();
        const { threadId, runId } = JSON.parse(body) as { threadId: string; runId: string };
        const auth = req.headers.authorization ?? "none";
        const events = [
          { type: "RUN_STARTED", threadId, runId },
          { type: "TEXT_MESSAGE_START", messageId: `${runId}-m`, role: "assistant" },
          { type: "TEXT_MESSAGE_CONTENT", messageId: `${runId}-m`, delta: `you sent ${auth}` },
          { type: "TEXT_MESSAGE_END", messageId: `${runId}-m` },
          { type: "STATE_SNAPSHOT", snapshot: { seen: auth } },
          { type: "RUN_FINISHED", threadId, runId },
        ];
        res.writeHead(200, { "content-type": "text/event-stream" }).end(events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join(""));
      });
    });
    await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/agent`;
    try {
      const recorded = file("echo");
      expect((await cli("record", url, "--transport", "agui", "--message", "hi", "--out", recorded)).code).toBe(0);
      const out = join(dir, "echo-out");
      const junit = join(out, "echo.xml");
      const r = await cli("check", recorded, "--runtime", url, "--transport", "agui", "-H", "Authorization: Bearer s3cret-value-42", "--junit", junit);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('"you sent none" → "you sent [redacted]"');
      const written = readdirSync(out).map((f) => readFileSync(join(out, f), "utf8"));
      expect(written).toHaveLength(2);
      for (const text of [r.stdout, r.stderr, ...written]) expect(text).not.toContain("s3cret-value-42");
    } finally {
      echo.closeAllConnections();
      await new Promise((resolve) => echo.close(resolve));
    }
  });
});

describe("agui-inspector check: errors", () => {
  it("exits 1 when the runtime cannot be reached, with an error testcase", async () => {
    const junit = join(dir, "down.xml");
    const r = await cli("check", file("scripted"), "--runtime", "http://127.0.0.1:9/rest", "--junit", junit, "-H", "Authorization: Bearer hush-hush");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/cannot use http:\/\/127\.0\.0\.1:9\/rest/);
    expect(r.stdout + r.stderr + readFileSync(junit, "utf8")).not.toContain("hush-hush");
    expect(readFileSync(junit, "utf8")).toMatch(/<error message=/);
  });

  it("exits 1 for an unreadable recording and 2 on bad usage or a bad rules file", async () => {
    const bad = join(dir, "bad.agui.jsonl");
    writeFileSync(bad, '{"format":"agui-inspector-session","version":1,"id":"x","createdAt":"","tool":{"name":"t","version":"1"},"redaction":{"headers":true}}\n{oops\n');
    const r = await cli("check", bad, "--runtime", rt.restUrl);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/unreadable line/);
    expect((await cli("check", file("scripted"))).code).toBe(2);
    expect((await cli("check", "--runtime", rt.restUrl)).code).toBe(2);
    const rules = join(dir, "typo.json");
    writeFileSync(rules, JSON.stringify({ txet: "exact" }));
    const typo = await cli("check", file("scripted"), "--runtime", rt.restUrl, "--rules", rules);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown key "txet"/);
  });
});
