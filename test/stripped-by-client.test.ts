// What @ag-ui/client 1.0.0 strips, checked against the client itself: its enforce step logs
// each path it removes. The inspector's walk must name the same paths.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { strippedByClient } from "../src/core/protocol/stripped";
import type { AguiEvent } from "../src/core/protocol/events";
import { from, type Observable } from "rxjs";
import { AbstractAgent, type BaseEvent } from "@ag-ui/client";

const R: AguiEvent = { type: "RUN_STARTED", threadId: "t", runId: "r" };
const F: AguiEvent = { type: "RUN_FINISHED", threadId: "t", runId: "r" };

let saved: string | undefined;
beforeEach(() => {
  saved = process.env.SUPPRESS_TRANSFORMATION_WARNINGS;
  delete process.env.SUPPRESS_TRANSFORMATION_WARNINGS; // the client's removal notes are the oracle here
});
afterEach(() => {
  if (saved !== undefined) process.env.SUPPRESS_TRANSFORMATION_WARNINGS = saved;
  vi.restoreAllMocks();
});

async function clientStrips(events: AguiEvent[]): Promise<string[]> {
  const notes: string[] = [];
  vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
    const m = /Removed unrecognised material at '([^']*)' on (\w+)/.exec(String(args[0]));
    if (m) notes.push(`${m[2]} ${m[1]}`);
  });
  class Scripted extends AbstractAgent {
    run(): Observable<BaseEvent> {
      return from(structuredClone(events) as BaseEvent[]);
    }
  }
  await new Scripted().runAgent();
  return notes;
}

const CASES: [string, AguiEvent[]][] = [
  ["finishReason on RUN_FINISHED (a BuiltInAgent's)", [R, { ...F, finishReason: "stop" }]],
  ["unknown keys in RUN_STARTED input and its messages", [{ ...R, input: { threadId: "t", runId: "r", messages: [{ id: "u", role: "user", content: "q", mood: "ok" }], tools: [], context: [], extra: 1 } }, F]],
  ["an unknown key on an interrupt", [R, { ...F, outcome: { type: "interrupt", interrupts: [{ id: "i", reason: "r", colour: "red" }] } }]],
  ["unknown keys on text events", [R, { type: "TEXT_MESSAGE_START", messageId: "m", role: "assistant", model: "x" }, { type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: "a", index: 0 }, { type: "TEXT_MESSAGE_END", messageId: "m" }, F]],
  ["nothing extra: state and results are open", [R, { type: "STATE_SNAPSHOT", snapshot: { any: { thing: 1 } } }, { ...F, result: { finishReason: "stop" } }]],
];

describe("material @ag-ui/client 1.0.0 strips", () => {
  for (const [name, events] of CASES) {
    it(name, async () => {
      const ours = events.flatMap((e) => strippedByClient(e).map((p) => `${e.type} ${p}`));
      expect(ours).toEqual(await clientStrips(events));
      if (!name.startsWith("nothing")) expect(ours.length).toBeGreaterThan(0);
    });
  }
});
