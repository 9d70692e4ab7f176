import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../compare";
import { run, session } from "../compare/test-util";
import type { SessionRecord } from "../session/record";
import { InspectorError } from "../transport/errors";
import { formatJunit, formatReport, summarize, type RecordingCheck } from "./report";
import { checkRecording } from "./runner";

describe("JUnit XML", () => {
  const checks: RecordingCheck[] = [
    {
      file: 'a&b "<x>".jsonl',
      runs: [
        { index: 1, recordedRunId: "r1", status: "failed", ms: 1234, notes: ["answer\u0007 skipped"], verdict: { failures: [{ kind: "tool-name", message: 'tool call "a" is now "b<c>"' }], notes: [{ kind: "text", message: "text & more" }] } },
        { index: 2, status: "passed", ms: 5, notes: [], verdict: { failures: [], notes: [] } },
        { index: 3, status: "skipped", ms: 0, notes: [], error: "stopped when recorded" },
        { index: 4, status: "error", ms: 0, notes: [], error: "[unreachable] down" },
      ],
    },
    { file: "broken.jsonl", runs: [], error: "cannot read broken.jsonl" },
  ];

  it("one testcase per run, failures, errors and skips in their tags, everything escaped", () => {
    const xml = formatJunit(checks);
    expect(xml).toContain('<testsuites name="agui-inspector check" tests="4" failures="1" errors="2" skipped="1">');
    expect(xml.match(/<testcase /g)).toHaveLength(5);
    expect(xml).toContain('<testcase classname="a&amp;b &quot;&lt;x&gt;&quot;.jsonl" name="run 1 (r1)" time="1.234">');
    expect(xml).toContain('<failure message="tool call &quot;a&quot; is now &quot;b&lt;c&gt;&quot;" type="mismatch">[tool-name] tool call &quot;a&quot; is now &quot;b&lt;c&gt;&quot;</failure>');
    expect(xml).toContain("<system-out>[text] text &amp; more\nanswer skipped</system-out>");
    expect(xml).toContain('<skipped message="stopped when recorded"/>');
    expect(xml).toContain('<error message="[unreachable] down"/>');
    expect(xml).toContain('<testcase classname="broken.jsonl" name="(recording)" time="0">\n      <error message="cannot read broken.jsonl"/>');
    expect(xml).not.toMatch(/\u0007/);
  });

  it("the summary and the readable report count the same", () => {
    expect(summarize(checks)).toEqual({ runs: 4, passed: 1, failed: 1, errors: 2, skipped: 1 });
    const text = formatReport(checks);
    expect(text).toContain("    FAIL  [tool-name] tool call");
    expect(text).toContain("    note  answer\\u0007 skipped");
    expect(text).toContain("✗ broken.jsonl: cannot read broken.jsonl");
    expect(text.trim().split("\n").at(-1)).toBe("4 run(s): 1 passed, 1 failed, 2 error(s), 1 skipped");
  });
});

describe("checkRecording", () => {
  it("reports runs it cannot send again instead of guessing, and a failed connection as an error", async () => {
    const noRequest = session({}, ...run("run-aaaaaa")).slice(1);
    const records: SessionRecord[] = [];
    const fails = { run: async () => ({ status: "failed" as const, events: [], tally: { frames: 0, bad: 0, unterminated: false }, x: 1, error: new InspectorError("unreachable", "Cannot reach it") }), records: () => records, rules: DEFAULT_RULES };
    expect(await checkRecording(noRequest, fails)).toMatchObject([{ index: 1, status: "error", error: expect.stringMatching(/no request for this run/) }]);
    const nameless = session({}, ...run("run-aaaaaa")).map((r) => ({ ...r, agentId: undefined }));
    expect(await checkRecording(nameless, fails)).toMatchObject([{ status: "error", error: "the recording names no agent: pass --agent" }]);
    const [down] = await checkRecording(session({}, ...run("run-aaaaaa")), fails);
    expect(down).toMatchObject({ status: "error", agentId: "a", error: "[unreachable] Cannot reach it", newRunId: expect.any(String) });
    expect(down.newRunId).not.toBe("run-aaaaaa");
  });
});
