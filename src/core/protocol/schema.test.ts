import { describe, expect, it } from "vitest";
import { checkEventSchema, schemaIssues } from "./schema";

// The schema check answers the most common streaming events without running the two protocol
// versions' zod schemas. That shortcut must say exactly what the schemas say, for events that
// conform and for every way one can fail to.

const shapes: Record<string, Record<string, unknown>> = {
  TEXT_MESSAGE_CONTENT: { messageId: "m1", delta: "hello " },
  TOOL_CALL_ARGS: { toolCallId: "c1", delta: '{"a":' },
  TEXT_MESSAGE_END: { messageId: "m1" },
  TOOL_CALL_END: { toolCallId: "c1" },
};

/** Each way to vary a conforming event: a field's value, a missing field, an extra key. */
function variants(type: string, fields: Record<string, unknown>): unknown[] {
  const base: Record<string, unknown> = { type, ...fields };
  const out: unknown[] = [base, { ...base }];
  const odd = [undefined, null, 1, 0, "", true, [], {}, ["x"], { a: 1 }];
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

describe("the schema check's shortcut for streaming events", () => {
  it("says exactly what both versions' schemas say, for every variant", () => {
    let cases = 0;
    let conforming = 0;
    for (const [type, fields] of Object.entries(shapes)) {
      for (const event of variants(type, fields)) {
        const want = schemaIssues(event as { type: string });
        expect(checkEventSchema(event as { type: string }), JSON.stringify(event)).toEqual(want);
        cases++;
        if (want.length === 0) conforming++;
      }
    }
    // Both sides of the line were tried: events the schemas accept and ones they refuse.
    expect(cases).toBeGreaterThan(100);
    expect(conforming).toBeGreaterThan(10);
    expect(cases - conforming).toBeGreaterThan(40);
  });

  it("other events still go to the schemas", () => {
    expect(checkEventSchema({ type: "TEXT_MESSAGE_START", messageId: "m", role: "robot" } as { type: string }).length).toBeGreaterThan(0);
    expect(checkEventSchema({ type: "STATE_DELTA", delta: "not a patch" } as { type: string }).length).toBeGreaterThan(0);
    expect(checkEventSchema({ type: "NO_SUCH_EVENT" }).map((i) => i.message)).toContain('unknown event type "NO_SUCH_EVENT"');
    expect(checkEventSchema({ type: "RUN_STARTED", threadId: "t", runId: "r" } as { type: string })).toEqual([]);
  });
});
