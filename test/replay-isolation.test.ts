import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultServer, type FaultServer } from "../e2e/fixtures/fault-server";
import { createRuntimeClient } from "../src/core/transport/client";
import { buildRunInput } from "../src/core/transport/input";
import { createReplay } from "../src/core/replay";
import type { AguiEvent } from "../src/core/protocol/events";
import type { SessionRecord } from "../src/core/session/record";
import { recordingHarness } from "./helpers";
import { clientFold, plain, recordsOf } from "./replay-helpers";

let fault: FaultServer;
beforeAll(async () => {
  fault = await startFaultServer();
});
afterAll(() => fault.close());

async function recorded(scenario: string): Promise<SessionRecord[]> {
  const { recorder, records } = recordingHarness();
  await createRuntimeClient({ url: `${fault.url}/${scenario}`, transport: "agui", recorder }).run("agent", buildRunInput({ threadId: "t", state: {} }));
  return records;
}

const own = (value: unknown, key: string) => Object.getOwnPropertyDescriptor(value, key)?.value;

describe("replayed state keeps every own key the agent sent, with no prototype pollution", () => {
  // checkpointEvery 1: every view below also goes through a checkpoint's stored copy
  for (const checkpointEvery of [1, 1000]) {
    it(`__proto__ and constructor from a STATE_SNAPSHOT and a STATE_DELTA value (checkpoint every ${checkpointEvery})`, async () => {
      const records = await recorded("proto-keys");
      const replay = createReplay({ checkpointEvery });
      replay.append(records);
      const snapshotSeq = records.find((r) => r.kind === "event" && r.event.type === "STATE_SNAPSHOT")!.seq;

      for (const seq of [snapshotSeq, replay.lastSeq]) {
        const state = replay.stateAt(seq) as Record<string, unknown>;
        expect(Object.getPrototypeOf(state)).toBe(Object.prototype);
        expect(Object.keys(state).slice(0, 3)).toEqual(["__proto__", "constructor", "plain"]);
        expect(own(state, "__proto__")).toEqual({ polluted: "snapshot" });
        expect(Object.getPrototypeOf(own(state, "__proto__"))).toBe(Object.prototype);
        expect(Object.keys(own(state, "constructor"))).toEqual(["prototype"]);
      }
      const last = replay.stateAt(replay.lastSeq) as Record<string, unknown>;
      expect(Object.keys(last)).toEqual(["__proto__", "constructor", "plain", "added"]);
      expect(Object.keys(last.added as object)).toEqual(["__proto__", "constructor"]);
      expect(own(last.added, "__proto__")).toEqual({ polluted: "delta" });
      expect(JSON.stringify(last)).toBe('{"__proto__":{"polluted":"snapshot"},"constructor":{"prototype":{"polluted":"snapshot"}},"plain":1,"added":{"__proto__":{"polluted":"delta"},"constructor":"c"}}');
      // Paths through __proto__ or constructor/prototype are refused, as the client's
      // fast-json-patch refuses them: flagged, the state as it was.
      const failed = replay.findingsUpTo().filter((f) => f.rule === "state/patch-failed");
      expect(failed.map((f) => f.path)).toEqual(["/__proto__/polluted", "/constructor/prototype/polluted"]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
      expect(own(own(last, "__proto__"), "polluted")).toBe("snapshot");
    });
  }

  it("matches @ag-ui/client's own fold on the same events", async () => {
    const records = await recorded("proto-keys");
    const events = records.flatMap((r) => (r.kind === "event" ? [r.event] : []));
    const client = await clientFold(events);
    const replay = createReplay();
    replay.append(records);
    expect(JSON.stringify(replay.stateAt(replay.lastSeq))).toBe(JSON.stringify(client.state));
  });
});

describe("the fold goes on after a record it cannot take", () => {
  it("the 10,000-deep event mid-run: the state and messages after it are folded, the run finished", async () => {
    const records = await recorded("deep-middle");
    const replay = createReplay();
    replay.append(records);
    const view = replay.at(replay.lastSeq);
    expect(view.state).toEqual({ after: true });
    expect(plain(view.messages)).toEqual([{ id: "m", role: "assistant", content: "after the deep one" }]);
    expect(replay.findingsUpTo().map((f) => f.rule)).toEqual(["frame/unparseable"]);
    expect(replay.runs().map((r) => r.outcome)).toEqual(["success"]);
  });

  it("a deep record read from a file (not through the decoder) is reported; the records after it still fold", () => {
    // 200,000 levels overflow the stack of any test pool (worker threads have 4 MB), so the case holds under Stryker too.
    const deep = JSON.parse("[".repeat(200_000) + "]".repeat(200_000));
    const replay = createReplay({ checkpointEvery: 1 });
    replay.append(
      recordsOf([
        { type: "RUN_STARTED", threadId: "t", runId: "r" },
        { type: "STATE_SNAPSHOT", snapshot: { before: 1 } },
        { type: "STATE_SNAPSHOT", snapshot: { deep } },
        { type: "STATE_DELTA", delta: [{ op: "add", path: "/later", value: 2 }] },
        { type: "RUN_FINISHED", threadId: "t", runId: "r" },
      ]),
    );
    expect(replay.findingsUpTo().map((f) => [f.rule, f.seq])).toEqual([["frame/unhandled", 3]]);
    expect(replay.stateAt(replay.lastSeq)).toEqual({ before: 1, later: 2 });
    expect(replay.stateAt(3)).toEqual({ before: 1 });
    expect(replay.runs().map((r) => r.outcome)).toEqual(["success"]);
  });
});

describe("chunk streams, as @ag-ui/client transforms them", () => {
  const R: AguiEvent = { type: "RUN_STARTED", threadId: "t", runId: "r" };
  const F: AguiEvent = { type: "RUN_FINISHED", threadId: "t", runId: "r" };

  it("TEXT_MESSAGE_CHUNK keeps the role it opens with (not forced to assistant)", async () => {
    const events: AguiEvent[] = [R, { type: "TEXT_MESSAGE_CHUNK", messageId: "s", role: "system", delta: "be brief" }, { type: "TEXT_MESSAGE_CHUNK", messageId: "a", delta: "ok" }, F];
    const replay = createReplay();
    replay.append(recordsOf(events));
    const messages = replay.messagesAt(replay.lastSeq);
    expect(plain(messages)).toEqual([
      { id: "s", role: "system", content: "be brief" },
      { id: "a", role: "assistant", content: "ok" },
    ]);
    const client = await clientFold(events);
    expect(client.error).toBeUndefined();
    expect(plain(messages)).toEqual(plain(client.messages));
  });

  it("MESSAGES_SNAPSHOT closes open chunk streams: a chunk after it without an id continues nothing", async () => {
    const events: AguiEvent[] = [
      R,
      { type: "TEXT_MESSAGE_CHUNK", messageId: "a", role: "assistant", delta: "x" },
      { type: "MESSAGES_SNAPSHOT", messages: [{ id: "a", role: "assistant", content: "x" }] },
      { type: "TEXT_MESSAGE_CHUNK", delta: "y" },
      F,
    ];
    const replay = createReplay();
    replay.append(recordsOf(events));
    expect(plain(replay.messagesAt(replay.lastSeq))).toEqual([{ id: "a", role: "assistant", content: "x" }]);
    expect(replay.findingsUpTo().map((f) => [f.rule, f.seq])).toContainEqual(["chunk/missing-id", 4]);
    const client = await clientFold(events);
    // the client fails the run on that chunk: the snapshot had closed the stream
    expect(client.error).toMatch(/First TEXT_MESSAGE_CHUNK must have a messageId/);
  });
});
