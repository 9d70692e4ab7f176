import { describe, expect, it } from "vitest";
import type { AguiEvent } from "../protocol/events";
import type { SessionRecord } from "../session/record";
import { align } from "./align";
import { digestSession } from "./beats";
import { compareRuns } from "./diff";
import { DEFAULT_RULES, EXACT_RULES, judge, parseRules, RulesError } from "./rules";
import { compareSessions } from "./sessions";
import { rerunInput } from "../check/rerun";
import { run, session } from "./test-util";

// Hand-built sessions for what the runtime's scripted agents cannot produce on demand.

describe("align", () => {
  it("pairs the longest common subsequence of keys and leaves the rest unpaired", () => {
    expect(align(["s", "t", "c", "e"], ["s", "c", "x", "e"])).toEqual([{ a: 0, b: 0 }, { a: 1 }, { a: 2, b: 1 }, { b: 2 }, { a: 3, b: 3 }]);
    expect(align([], ["a"])).toEqual([{ b: 0 }]);
  });

  it("long runs: the equal head and tail are paired without a table; a huge differing middle is aligned greedily", () => {
    const long = Array.from({ length: 20_000 }, (_, i) => `k${i % 7}`);
    const inserted = [...long.slice(0, 9_000), "step:new", ...long.slice(9_000)];
    const pairs = align(long, inserted);
    expect(pairs.filter((p) => p.a === undefined)).toEqual([{ b: 9_000 }]);
    expect(pairs).toHaveLength(20_001);
    // 3000 × 3000 differing beats would need a 36 MB table: the fallback still pairs what matches, in order.
    const x = Array.from({ length: 3000 }, (_, i) => (i % 10 === 0 ? "other" : `k${i % 3}`));
    const y = Array.from({ length: 3000 }, (_, i) => (i % 10 === 5 ? "extra" : `k${i % 3}`));
    const big = align(x, y);
    expect(big.flatMap((p) => (p.a !== undefined ? [p.a] : []))).toEqual(x.map((_, i) => i));
    expect(big.flatMap((p) => (p.b !== undefined ? [p.b] : []))).toEqual(y.map((_, i) => i));
    for (const p of big) if (p.a !== undefined && p.b !== undefined) expect(x[p.a]).toBe(y[p.b]);
    // Every beat that still sits where the other run has the same kind is paired (2400 of 3000).
    expect(big.filter((p) => p.a !== undefined && p.b !== undefined).length).toBeGreaterThanOrEqual(2400);
  });
});

describe("beats", () => {
  it("one beat per message, call and step however it was chunked; consecutive state events are one update", () => {
    const [digest] = digestSession(
      session(
        {},
        ...run(
          "run-aaaaaa",
          { type: "STATE_SNAPSHOT", snapshot: { n: 0 } },
          { type: "STATE_DELTA", delta: [{ op: "replace", path: "/n", value: 1 }] },
          { type: "TEXT_MESSAGE_CHUNK", messageId: "msg-aaaaaa", role: "assistant", delta: "Hel" },
          { type: "TEXT_MESSAGE_CHUNK", messageId: "msg-aaaaaa", delta: "lo" },
          { type: "STEP_STARTED", stepName: "plan" },
          { type: "TOOL_CALL_CHUNK", toolCallId: "call-aaaaaa", toolCallName: "f", delta: '{"a"' },
          { type: "TOOL_CALL_CHUNK", toolCallId: "call-aaaaaa", delta: ":1}" },
          { type: "STEP_FINISHED", stepName: "plan" },
        ),
      ),
    ).runs;
    expect(digest.beats.map((b) => b.key)).toEqual(["run-start", "state", "text:assistant", "step:plan", "tool-call", "run-end"]);
    expect(digest.beats[1]).toMatchObject({ state: { n: 1 }, touched: ["/n"] });
    expect(digest.beats[2].text).toBe("Hello");
    expect(digest.beats[4]).toMatchObject({ name: "f", text: '{"a":1}' });
    expect(digest.timing).toEqual({ durationMs: 100, firstTokenMs: 40 });
    expect(digest.input?.threadId).toBe("thread-one");
  });
});

describe("compareRuns", () => {
  const base = (runId: string, value: string, extra: AguiEvent[] = []) =>
    digestSession(session({ runId }, ...run(runId, { type: "TEXT_MESSAGE_START", messageId: `${runId}-m`, role: "assistant" }, { type: "TEXT_MESSAGE_CONTENT", messageId: `${runId}-m`, delta: `see ${runId}-m: ${value}` }, { type: "TEXT_MESSAGE_END", messageId: `${runId}-m` }, ...extra))).runs[0];

  it("ids that differ only by generation are matched, even inside text", () => {
    expect(compareRuns(base("run-aaaaaa", "x"), base("run-bbbbbb", "x")).differences).toEqual([]);
    expect(compareRuns(base("run-aaaaaa", "x"), base("run-bbbbbb", "y")).differences.map((d) => d.kind)).toEqual(["text"]);
  });

  it("short ids are not replaced inside values (a count of 2 is not message id 2)", () => {
    const count = (runId: string, id: string) =>
      digestSession(session({ runId }, ...run(runId, { type: "TEXT_MESSAGE_START", messageId: id, role: "assistant" }, { type: "TEXT_MESSAGE_CONTENT", messageId: id, delta: id }, { type: "TEXT_MESSAGE_END", messageId: id }))).runs[0];
    expect(compareRuns(count("run-aaaaaa", "1"), count("run-bbbbbb", "2")).differences.map((d) => [d.kind, d.before, d.after])).toEqual([["text", "1", "2"]]);
  });

  it("a new protocol error is a finding difference that fails by default", () => {
    const broken = base("run-bbbbbb", "x", [{ type: "TEXT_MESSAGE_CONTENT", messageId: "nope-nope", delta: "late" }]);
    const diffs = compareRuns(base("run-aaaaaa", "x"), broken).differences;
    const finding = diffs.find((d) => d.kind === "findings");
    expect(finding).toMatchObject({ name: "text/not-open", before: 0, after: 1, op: "add" });
    expect(judge(diffs, DEFAULT_RULES).failures).toContainEqual(finding);
  });

  it("compareSessions pairs runs by position and reports the extra ones", () => {
    const a = session({}, ...run("run-aaaaaa"));
    const result = compareSessions(a, a);
    expect(result).toMatchObject({ differences: 0, unpaired: [] });
    expect(compareSessions(a, []).unpaired).toEqual([{ side: "a", index: 1, runId: "run-aaaaaa" }]);
  });
});

describe("rules", () => {
  it("parses the config file: preset, overrides, and clear errors for typos", () => {
    expect(parseRules({})).toEqual(DEFAULT_RULES);
    expect(parseRules({ preset: "exact", text: "any" })).toEqual({ ...EXACT_RULES, text: "any" });
    expect(parseRules({ state: { exact: ["/total"], ignore: ["/updatedAt"] }, ignoreFamilies: ["activity"] })).toMatchObject({ state: { exact: ["/total"], ignore: ["/updatedAt"] }, ignoreFamilies: ["activity"] });
    expect(() => parseRules({ text: "loose" })).toThrow(RulesError);
    expect(() => parseRules({ state: { exact: ["total"] } })).toThrow(/not a JSON Pointer/);
    expect(() => parseRules({ state: { exactly: [] } })).toThrow(/state\.exactly/);
    expect(() => parseRules([])).toThrow(/JSON object/);
  });

  it("shape: a changed value of the same type passes, a new key, a removed key or a new type fails, a longer array passes", () => {
    const d = (op: "add" | "remove" | "replace", path: string, before?: unknown, after?: unknown) => ({ kind: "tool-args" as const, message: "", op, path, before, after });
    const { failures, notes } = judge([d("replace", "/q", "a", "b"), d("add", "/extra", undefined, 1), d("remove", "/q"), d("replace", "/n", 1, "1"), d("add", "/list/3", undefined, 4)], DEFAULT_RULES);
    expect(failures.map((f) => f.path)).toEqual(["/extra", "/q", "/n"]);
    expect(notes.map((f) => f.path)).toEqual(["/q", "/list/3"]);
  });

  it("state values fail only under an exact pointer, unless ignored; ignored families never fail", () => {
    const s = (path: string) => ({ kind: "state" as const, message: "", op: "replace" as const, path, before: 1, after: 2 });
    const rules = parseRules({ state: { exact: ["/a"], ignore: ["/a/t"] }, ignoreFamilies: ["activity"] });
    expect(judge([s("/a/b"), s("/a/t"), s("/b"), s("/ab")], rules).failures.map((f) => f.path)).toEqual(["/a/b"]);
    expect(judge([{ kind: "beat-added", message: "", beatKind: "activity" }], rules).failures).toEqual([]);
    expect(judge([{ kind: "beat-added", message: "", beatKind: "step" }], rules).failures).toHaveLength(1);
  });
});

describe("rerunInput", () => {
  it("sends a recorded tool result only when the agent made the same call again", () => {
    const call = (runId: string, name: string): AguiEvent[] => [{ type: "TOOL_CALL_START", toolCallId: `${runId}-call`, toolCallName: name }, { type: "TOOL_CALL_ARGS", toolCallId: `${runId}-call`, delta: "{}" }, { type: "TOOL_CALL_END", toolCallId: `${runId}-call` }];
    const recorded = session({ runId: "run-aaaaaa", messages: [{ id: "user-one", role: "user", content: "go" }] }, ...run("run-aaaaaa", ...call("run-aaaaaa", "confirm")));
    const answer = { id: "tool-msg-1", role: "tool", toolCallId: "run-aaaaaa-call", content: "yes" };
    const second: SessionRecord[] = session({ runId: "run-cccccc", messages: [{ id: "user-one", role: "user", content: "go" }, answer] }, ...run("run-cccccc")).map((r) => ({ ...r, seq: r.seq + 100, x: 2 }));
    const digest = digestSession([...recorded, ...second]);
    const [first, next] = digest.runs;
    for (const [name, sent] of [["confirm", true], ["renamed", false]] as const) {
      const fresh = session({ runId: "run-bbbbbb", messages: [{ id: "user-one", role: "user", content: "go" }] }, ...run("run-bbbbbb", ...call("run-bbbbbb", name)));
      const ids = new Map([["run-aaaaaa-call", { id: "run-bbbbbb-call", ...(name === "confirm" ? { toolName: name } : {}) }]]);
      const { input, skipped } = rerunInput(next, { recorded: digest.replay, previous: first, fresh, ids, threads: new Map() });
      expect(input.runId).not.toBe("run-cccccc");
      expect(input.messages.filter((m) => m.role === "tool")).toEqual(sent ? [{ ...answer, toolCallId: "run-bbbbbb-call" }] : []);
      expect(skipped).toHaveLength(sent ? 0 : 1);
    }
  });
});

describe("messages", () => {
  it("show control characters from the agent escaped", () => {
    const named = (runId: string, name: string) => digestSession(session({ runId }, ...run(runId, { type: "STEP_STARTED", stepName: name }, { type: "STEP_FINISHED", stepName: name }))).runs[0];
    const [d] = compareRuns(named("run-aaaaaa", "a"), named("run-bbbbbb", "evil\u001b[2K\nFAIL\u202e")).differences.filter((x) => x.kind === "beat-added");
    expect(d.message).toBe('step "evil\\u001b[2K\\u000aFAIL\\u202e" added');
    expect(d.message).not.toMatch(/[\u0000-\u001f\u202e]/);
    expect(d.message).toContain("\\u001b[2K\\u000aFAIL\\u202e");
  });
});
