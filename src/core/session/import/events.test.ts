import { describe, expect, it } from "vitest";
import { createEventRecorder } from "./events";
import { RAW_CAP } from "../../protocol/limits";
import type { RecordDraft } from "../record";

function recorder(ids: Parameters<typeof createEventRecorder>[0]) {
  const drafts: RecordDraft[] = [];
  return { drafts, rec: createEventRecorder(ids, (d) => void drafts.push(d)) };
}

describe("createEventRecorder", () => {
  it("tags events with the stream's ids and, from a RUN_STARTED on, its runId; keys in a fixed order", () => {
    const { drafts, rec } = recorder({ x: 3, agentId: "a", threadId: "t" });
    rec.value({ type: "CUSTOM", name: "n", value: 1 });
    rec.value({ type: "RUN_STARTED", threadId: "t", runId: "r1" });
    rec.value({ type: "RUN_FINISHED", threadId: "t", runId: "r1" });
    expect(drafts).toEqual([
      { dir: "in", kind: "event", x: 3, agentId: "a", threadId: "t", event: { type: "CUSTOM", name: "n", value: 1 } },
      { dir: "in", kind: "event", x: 3, agentId: "a", threadId: "t", runId: "r1", event: { type: "RUN_STARTED", threadId: "t", runId: "r1" } },
      { dir: "in", kind: "event", x: 3, agentId: "a", threadId: "t", runId: "r1", event: { type: "RUN_FINISHED", threadId: "t", runId: "r1" } },
    ]);
    expect(Object.keys(drafts[1])).toEqual(["dir", "kind", "x", "agentId", "threadId", "runId", "event"]);
    expect(rec.count()).toBe(3);
  });

  it("adds no ids the stream does not have, keeps a given runId until a RUN_STARTED names another, and ignores a non-string runId", () => {
    const { drafts, rec } = recorder({ x: 1, runId: "r0" });
    rec.value({ type: "RUN_STARTED", threadId: "t", runId: 5 });
    rec.value({ type: "RUN_STARTED", threadId: "t", runId: "r2" });
    expect(drafts.map((d) => Object.keys(d))).toEqual([
      ["dir", "kind", "x", "runId", "event", "issues"],
      ["dir", "kind", "x", "runId", "event"],
    ]);
    expect(drafts.map((d) => (d as { runId?: string }).runId)).toEqual(["r0", "r2"]);
  });

  it("keeps schema issues beside the event", () => {
    const { drafts, rec } = recorder({ x: 1 });
    rec.value({ type: "TEXT_MESSAGE_CONTENT", messageId: 5, delta: "x" });
    const issues = (drafts[0] as { issues?: { version: string; path: string }[] }).issues!;
    expect(issues.map((i) => [i.version, i.path])).toEqual([["0.0.59", "messageId"], ["1.0.0", "messageId"]]);
  });

  it("keeps a value that is no event as a bad frame with its text, tagged like the events", () => {
    const { drafts, rec } = recorder({ x: 2, threadId: "t" });
    rec.value({ nope: 1 }, '{"nope":1}');
    rec.value([1, 2]);
    rec.bad("{oops", "invalid JSON");
    expect(drafts).toEqual([
      { dir: "in", kind: "bad-frame", x: 2, threadId: "t", raw: '{"nope":1}', error: expect.any(String) },
      { dir: "in", kind: "bad-frame", x: 2, threadId: "t", raw: "[1,2]", error: expect.any(String) },
      { dir: "in", kind: "bad-frame", x: 2, threadId: "t", raw: "{oops", error: "invalid JSON" },
    ]);
    expect(rec.count()).toBe(3);
  });

  it("caps a bad frame's text, and says so for a value too deep to write", () => {
    const { drafts, rec } = recorder({ x: 1 });
    rec.bad("y".repeat(RAW_CAP + 1), "too long");
    expect(drafts[0]).toMatchObject({ rawLength: RAW_CAP + 1 });
    expect((drafts[0] as { raw: string }).raw.length).toBe(RAW_CAP);
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = [deep];
    rec.value(deep);
    expect((drafts[1] as { raw: string }).raw).toMatch(/^\(not writable as JSON text: .+\)$/);
  });
});
