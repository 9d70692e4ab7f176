import { writeFileSync } from "node:fs";
import { createRecorder } from "../src/core/recorder/recorder";
import type { RunAgentInput, Tool } from "../src/core/protocol/events";
import { createHeader, encodeSessionFile } from "../src/core/session/file";
import { forkInputAt } from "../src/core/session/fork";
import type { SessionRecord } from "../src/core/session/record";
import { buildRunInput, toolMessage, userMessage } from "../src/core/transport/input";
import { createRuntimeClient } from "../src/core/transport/client";

// Sessions recorded from the real runtime the way the page records them: several runs in one
// session, each continuing the conversation (tool results and interrupt answers included).

/** The next run's input, from the session so far; undefined for the first run. */
export type NextRun = (records: readonly SessionRecord[]) => RunAgentInput;

export async function recordSession(url: string, agentId: string, runs: NextRun[], file: string): Promise<SessionRecord[]> {
  const records: SessionRecord[] = [];
  const recorder = createRecorder({ sink: { write: async () => {} } });
  recorder.on("record", (r) => records.push(r));
  const client = createRuntimeClient({ url, recorder });
  await client.discover();
  for (const next of runs) {
    const outcome = await client.run(agentId, next(records));
    if (outcome.status !== "finished") throw new Error(`recording ${agentId}: run ${outcome.status} ${outcome.error?.message ?? ""}`);
  }
  writeFileSync(file, encodeSessionFile(createHeader({ agentId, runtimeUrl: url, name: `${agentId} test recording` }), records));
  return records;
}

export const say = (text: string, tools: Tool[] = []): NextRun => () => buildRunInput({ messages: [userMessage(text)], tools });

/** Answer the session's pending frontend tool call with `result`. */
export const answerTool = (result: unknown, tools: Tool[] = []): NextRun => (records) => {
  const fork = forkInputAt(records);
  const call = fork.pendingToolCalls[0];
  if (!call) throw new Error("no pending tool call to answer");
  return buildRunInput({ threadId: fork.threadId, state: fork.state, messages: [...fork.messages, toolMessage(call.toolCallId, JSON.stringify(result))], tools });
};

/** Resume the session's pending interrupt with `payload`. */
export const resumeWith = (payload: unknown): NextRun => (records) => {
  const fork = forkInputAt(records);
  const interrupt = fork.pendingInterrupts[0];
  if (!interrupt) throw new Error("no pending interrupt to resume");
  return buildRunInput({ threadId: fork.threadId, state: fork.state, messages: fork.messages, resume: [{ interruptId: interrupt.id, status: "resolved", payload }] });
};

export const CONFIRM_TOOL: Tool = { name: "confirm_action", description: "Ask the user to confirm", parameters: { type: "object", properties: { action: { type: "string" }, target: { type: "string" } } } };
