import type { AguiEvent, RunAgentInput } from "../protocol/events";
import type { SessionRecord } from "../session/record";

// Hand-built sessions for the compare tests: one run request, its events 10 ms apart, the end.

export function session(input: Partial<RunAgentInput>, ...events: AguiEvent[]): SessionRecord[] {
  const body: RunAgentInput = { threadId: "thread-one", runId: "run-aaaaaa", state: {}, messages: [], tools: [], context: [], ...input };
  const records: SessionRecord[] = [{ seq: 1, t: 1000, x: 1, dir: "out", kind: "request", op: "run", method: "POST", url: "http://x/agent/a/run", transport: "rest", headers: {}, body, agentId: "a" }];
  events.forEach((event, i) => records.push({ seq: i + 2, t: 1000 + (i + 1) * 10, x: 1, dir: "in", kind: "event", event }));
  records.push({ seq: events.length + 2, t: 1000 + events.length * 10 + 5, x: 1, dir: "in", kind: "end", op: "run", outcome: "complete", frames: events.length });
  return records;
}

export const run = (runId: string, ...middle: AguiEvent[]): AguiEvent[] => [{ type: "RUN_STARTED", threadId: "thread-one", runId }, ...middle, { type: "RUN_FINISHED", threadId: "thread-one", runId }];
