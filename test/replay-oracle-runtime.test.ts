import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { createRuntimeClient } from "../src/core/transport/client";
import { buildRunInput, toolMessage, userMessage } from "../src/core/transport/input";
import { compareExchanges, ourFold } from "./replay-helpers";
import { recordingHarness } from "./helpers";

// The oracle on captures from the real CopilotKit runtime: every run exchange folds to what
// @ag-ui/client's own pipeline computes from the same events and the same request.

let rt: RuntimeFixture;
beforeAll(async () => {
  rt = await startRuntime();
});
afterAll(() => rt.close());

describe("oracle: live captures from the real runtime fixture", () => {
  for (const transport of ["rest", "single"] as const) {
    it(`${transport}: text, tools, state, reasoning, activity, interrupts and a tool-result follow-up`, async () => {
      const { recorder, records } = recordingHarness();
      const client = createRuntimeClient({ url: transport === "rest" ? rt.restUrl : rt.singleUrl, transport, recorder });
      await client.discover();
      for (const agent of ["scripted", "reasoning", "html"]) {
        expect((await client.run(agent, buildRunInput({ messages: [userMessage(`hello ${agent}`)] }))).status).toBe("finished");
      }
      // a frontend tool call, then its answer on the same thread
      const ask = buildRunInput({ messages: [userMessage("deploy")], tools: [{ name: "confirm_action", description: "confirm", parameters: { type: "object" } }] });
      await client.run("frontend-tool", ask);
      const asked = ourFold(records).at(records[records.length - 1].seq).messages;
      const call = asked.flatMap((m) => m.toolCalls ?? []).at(-1)!;
      await client.run("frontend-tool", buildRunInput({ threadId: ask.threadId, messages: [...asked, toolMessage(call.id, '{"ok":true}')] }));
      // an interrupt, then its resume
      const first = buildRunInput({ messages: [userMessage("ship")] });
      const interrupted = await client.run("interrupt", first);
      const interruptId = ((interrupted.terminal?.outcome as { interrupts: { id: string }[] }).interrupts[0]).id;
      await client.run("interrupt", buildRunInput({ threadId: first.threadId, messages: first.messages, resume: [{ interruptId, status: "resolved", payload: { approved: true } }] }));
      expect(await compareExchanges(records)).toBe(7);
    });
  }
});
