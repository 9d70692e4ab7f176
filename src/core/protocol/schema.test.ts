import { describe, expect, it } from "vitest";
import { checkEventSchema, plainStreaming, schemaIssues } from "./schema";

// The schema check answers the most common streaming events without running the two protocol
// versions' zod schemas. That shortcut must say exactly what the schemas say, for events that
// conform and for every way one can fail to.

const shapes: [string, Record<string, unknown>][] = [
  ["TEXT_MESSAGE_CONTENT", { messageId: "m1", delta: "hello " }],
  ["TOOL_CALL_ARGS", { toolCallId: "c1", delta: '{"a":' }],
  ["TEXT_MESSAGE_END", { messageId: "m1" }],
  ["TOOL_CALL_END", { toolCallId: "c1" }],
  ["TEXT_MESSAGE_START", { messageId: "m1", role: "assistant" }],
  ["TEXT_MESSAGE_START", { messageId: "m1", role: "user" }],
  ["TEXT_MESSAGE_START", { messageId: "m1" }],
  ["TOOL_CALL_START", { toolCallId: "c1", toolCallName: "search" }],
  ["TOOL_CALL_START", { toolCallId: "c1", toolCallName: "search", parentMessageId: "m1" }],
  ["TOOL_CALL_RESULT", { messageId: "r1", toolCallId: "c1", content: "ok" }],
  ["TOOL_CALL_RESULT", { messageId: "r1", toolCallId: "c1", content: "ok", role: "tool" }],
  ["RUN_STARTED", { threadId: "t1", runId: "r1" }],
  ["RUN_STARTED", { threadId: "t1", runId: "r1", parentRunId: "r0" }],
  ["RUN_FINISHED", { threadId: "t1", runId: "r1" }],
  ["STATE_DELTA", { delta: [{ op: "replace", path: "/a", value: 1 }] }],
  ["STATE_DELTA", { delta: [] }],
];

/** JSON Patch operations, good and bad in every way 1.0.0's schema can tell. */
const ops: unknown[] = [
  { op: "add", path: "/a/b", value: 1 },
  { op: "add", path: "", value: { x: [1] } },
  { op: "add", path: "/a", value: null },
  { op: "add", path: "/a" },
  { op: "add", path: "/a", value: undefined },
  { op: "replace", path: "/a~0b/c~1d", value: "x" },
  { op: "replace", path: "/a~2", value: 1 },
  { op: "replace", path: "a/b", value: 1 },
  { op: "replace", path: "/a/", value: 1 },
  { op: "replace", path: 3, value: 1 },
  { op: "replace", value: 1 },
  { op: "test", path: "/a", value: false },
  { op: "test", path: "/a" },
  { op: "remove", path: "/a/0" },
  { op: "remove", path: "/a", value: "left over" },
  { op: "remove" },
  { op: "move", from: "/a", path: "/b" },
  { op: "move", path: "/b" },
  { op: "move", from: "a", path: "/b" },
  { op: "copy", from: "/a", path: "/b", extra: true },
  { op: "copy", from: 1, path: "/b" },
  { op: "merge", path: "/a", value: 1 },
  { op: "ADD", path: "/a", value: 1 },
  { path: "/a", value: 1 },
  null,
  "add",
  7,
  [],
  ["add", "/a", 1],
  JSON.parse('{"__proto__":{"x":1},"op":"remove","path":"/a"}'),
  Object.assign(Object.create({ op: "remove" }), { path: "/a" }),
  Object.assign(Object.create(null), { op: "remove", path: "/a" }),
  undefined,
  { op: "remove", path: ["/a"] },
  { op: "move", from: ["/a"], path: "/b" },
  { op: "add", path: "/a", value: 1, from: 7 },
  // Pointers the check tells without 1.0.0's expression: a "~" last, escapes in a row, empty segments, no "/" first.
  { op: "replace", path: "/a~", value: 1 },
  { op: "replace", path: "/~1~0~01", value: 1 },
  { op: "replace", path: "//", value: 1 },
  { op: "replace", path: "~0/a", value: 1 },
  { op: "replace", path: "/a/~", value: 1 },
  { op: "move", from: "/x~3", path: "/b" },
];

/** Each way to vary a conforming event: a field's value, a missing field, an extra key. */
function variants(type: string, fields: Record<string, unknown>): unknown[] {
  const base: Record<string, unknown> = { type, ...fields };
  const out: unknown[] = [base, { ...base }];
  // Strings too: a role must be one of a few, and "tool" is a role only for a tool's result.
  const odd = [undefined, null, 1, 0, "", true, [], {}, ["x"], { a: 1 }, "robot", "tool", "assistant", "developer", "system", "Assistant"];
  for (const key of Object.keys(fields)) {
    for (const value of odd) out.push({ ...base, [key]: value });
    const { [key]: _gone, ...without } = base;
    out.push(without);
  }
  const extras: [string, unknown][] = [
    ["timestamp", 12],
    ["timestamp", 1.5],
    ["timestamp", "12"],
    ["rawEvent", { a: 1 }],
    ["rawEvent", null],
    ["metadata", { k: "v" }],
    ["metadata", 7],
    ["subagentRunId", "s1"],
    ["subagentRunId", 3],
    ["role", "assistant"],
    ["role", "tool"],
    ["role", "robot"],
    ["name", "n"],
    ["name", 1],
    ["parentMessageId", "m0"],
    ["parentMessageId", null],
    ["parentRunId", "r0"],
    ["parentRunId", 5],
    ["protocolVersion", "1.0.0"],
    ["content", "c"],
    ["content", [{ type: "text", text: "x" }]],
    ["result", { a: 1 }],
    ["result", null],
    ["outcome", { type: "success" }],
    ["outcome", null],
    ["usage", []],
    ["input", {}],
    ["unknownKey", 1],
    ["delta", "x"],
    ["messageId", "m"],
    ["toolCallId", "c"],
  ];
  for (const [key, value] of extras) if (!(key in fields)) out.push({ ...base, [key]: value });
  // An own __proto__ key, as JSON.parse makes it.
  out.push(JSON.parse(JSON.stringify(base).replace(/^\{/, '{"__proto__":{"x":1},')));
  return out;
}

describe("the schema check's shortcut for the most common events", () => {
  it("says exactly what both versions' schemas say, for every variant", () => {
    let cases = 0;
    let conforming = 0;
    for (const [type, fields] of shapes) {
      for (const event of variants(type, fields)) {
        const want = schemaIssues(event as { type: string });
        expect(checkEventSchema(event as { type: string }), JSON.stringify(event)).toEqual(want);
        cases++;
        if (want.length === 0) conforming++;
      }
    }
    // Both sides of the line were tried: events the schemas accept and ones they refuse.
    expect(cases).toBeGreaterThan(800);
    expect(conforming).toBeGreaterThan(100);
    expect(cases - conforming).toBeGreaterThan(300);
  });

  it("says what the schemas say of every JSON Patch, one operation or several", () => {
    let cases = 0;
    let conforming = 0;
    const deltas: unknown[][] = [...ops.map((op) => [op]), ...ops.map((op) => [ops[0], op]), ...ops.map((op) => [op, ops[13]])];
    for (const delta of deltas) {
      const event = { type: "STATE_DELTA", delta };
      const want = schemaIssues(event);
      expect(checkEventSchema(event), JSON.stringify(delta)).toEqual(want);
      cases++;
      if (want.length === 0) conforming++;
    }
    expect(cases).toBe(ops.length * 3);
    expect(conforming).toBeGreaterThan(20);
    expect(cases - conforming).toBeGreaterThan(40);
  });

  it("answers the common shapes itself (the reason it exists), and only ones the schemas accept", () => {
    let taken = 0;
    for (const [type, fields] of shapes) {
      const event = { type, ...fields };
      expect(plainStreaming(event), JSON.stringify(event)).toBe(true);
      for (const variant of variants(type, fields)) {
        if (!plainStreaming(variant as { type: string })) continue;
        taken++;
        expect(schemaIssues(variant as { type: string }), JSON.stringify(variant)).toEqual([]);
      }
    }
    expect(taken).toBeGreaterThan(shapes.length * 2);
    // Every well-formed operation, alone or after another.
    const good = [0, 1, 2, 5, 11, 13, 14, 16, 19].map((i) => ops[i]);
    for (const op of good) {
      expect(plainStreaming({ type: "STATE_DELTA", delta: [op] } as { type: string }), JSON.stringify(op)).toBe(true);
      expect(plainStreaming({ type: "STATE_DELTA", delta: [ops[0], op] } as { type: string })).toBe(true);
    }
    // Anything unusual goes to the schemas, even where they accept it.
    for (const i of [29, 31]) expect(plainStreaming({ type: "STATE_DELTA", delta: [ops[i]] } as { type: string })).toBe(false);
    expect(plainStreaming({ type: "STATE_DELTA", delta: [], timestamp: 1 } as { type: string })).toBe(false);
    expect(plainStreaming({ type: "CUSTOM", name: "n", value: 1 } as { type: string })).toBe(false);
  });

  it("other events still go to the schemas", () => {
    expect(checkEventSchema({ type: "TEXT_MESSAGE_START", messageId: "m", role: "robot" } as { type: string }).length).toBeGreaterThan(0);
    expect(checkEventSchema({ type: "STATE_DELTA", delta: "not a patch" } as { type: string }).length).toBeGreaterThan(0);
    expect(checkEventSchema({ type: "NO_SUCH_EVENT" }).map((i) => i.message)).toContain('unknown event type "NO_SUCH_EVENT"');
    expect(checkEventSchema({ type: "RUN_STARTED", threadId: "t", runId: "r" } as { type: string })).toEqual([]);
  });
});
