import { describe, expect, it } from "vitest";
import { signal } from "@preact/signals";
import { createComposerModel } from "./composer";
import type { ConnectionModel } from "./connection";
import type { SessionView } from "./session-view";

// A stored session held as a window reads a thread's messages (or a fork's seed) from its
// worker before a run continues it. When that read fails (the worker's storage gone, a fault
// that cannot be made real here), the run is not sent with an empty conversation: the outcome
// says what failed, secrets scrubbed, and nothing reaches the runtime.

function setup(fault: Error) {
  const runs: unknown[] = [];
  const connection = {
    agents: signal([["agent-a", {}]]),
    info: signal({}),
    client: signal({ run: async (...args: unknown[]) => (runs.push(args), { status: "success", tally: { frames: 0, bad: 0 } }) }),
    scrub: (text: string) => text.replaceAll("sk-secret-9", "[redacted]"),
  } as unknown as ConnectionModel;
  const view = {
    loadThread: async () => Promise.reject(fault),
    forkSeed: async () => Promise.reject(fault),
    threadMessages: () => [],
    threadState: () => ({}),
    recordAt: () => undefined,
    end: () => {},
  } as unknown as SessionView;
  return { composer: createComposerModel(connection, view), runs };
}

describe("a thread the worker cannot read", () => {
  it("fails a tool result's follow-up run with what failed, and sends nothing", async () => {
    const { composer, runs } = setup(new Error("the database closed (key sk-secret-9)"));
    await composer.sendToolResult("t1", "call-1", "42");
    expect(runs).toEqual([]);
    expect(composer.lastOutcome.value).toEqual({ status: "failed", message: "Reading thread t1's messages failed: the database closed (key [redacted])" });
  });

  it("fails a resume the same way", async () => {
    const { composer, runs } = setup(new Error("gone"));
    await composer.resume("t2", [{ interruptId: "i1", status: "resolved", payload: {} }] as never);
    expect(runs).toEqual([]);
    expect(composer.lastOutcome.value).toEqual({ status: "failed", message: "Reading thread t2's messages failed: gone" });
  });

  it("fails a run that continues the thread, and keeps the typed message", async () => {
    const { composer, runs } = setup(new Error("gone"));
    composer.threadId.value = "t3";
    composer.message.value = "hello";
    await composer.run();
    expect(runs).toEqual([]);
    expect(composer.message.value).toBe("hello");
    expect(composer.lastOutcome.value).toEqual({ status: "failed", message: "Reading thread t3's messages failed: gone" });
  });

  it("leaves a fork unseeded when its messages cannot be read", async () => {
    const { composer } = setup(new Error("gone"));
    composer.advanced.value = '{"state":{"kept":true}}';
    await composer.forkFrom(12);
    expect(composer.pendingFork.value).toBeNull();
    expect(composer.advanced.value).toBe('{"state":{"kept":true}}');
    expect(composer.lastOutcome.value).toEqual({ status: "failed", message: "Reading the messages at #12 failed: gone" });
  });
});
