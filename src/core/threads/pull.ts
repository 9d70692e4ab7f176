import type { Recorder } from "../recorder/recorder";
import type { Message } from "../protocol/events";
import type { SessionRecord } from "../session/record";
import { redactHeaders, redactJson, redactUrl } from "../session/redact";
import { createFrameRecorder } from "../transport/frames";
import { createReplay } from "../replay";
import { withoutUndefined } from "../json";
import type { ResourceAnswer, ThreadsClient } from "./client";
import { compareThread, type ThreadDifference } from "./compare";

export interface PulledThread {
  threadId: string;
  agentId?: string;
  events: number;
  state: unknown;
  messages: Record<string, unknown>[];
}

/**
 * Pulls a thread the runtime stores into the recorder: its events (each through the frame
 * recorder, as if streamed, so the replay folds them like any run), then its state and messages
 * as the runtime reports them, for the comparison.
 */
export async function pullThread(client: ThreadsClient, recorder: Recorder, threadId: string, agentId?: string): Promise<PulledThread> {
  const ids = withoutUndefined({ threadId, agentId });
  const record = (answer: ResourceAnswer, withBody: boolean) => {
    const x = recorder.nextExchange();
    recorder.push({ dir: "out", kind: "request", x, ...ids, op: "other", method: answer.method, url: redactUrl(answer.url), transport: answer.requestBody ? "single" : "rest", headers: {}, ...(answer.requestBody ? { body: redactJson(answer.requestBody) } : {}) });
    recorder.push({ dir: "in", kind: "response", x, ...ids, op: "other", status: answer.status, contentType: answer.contentType, headers: redactHeaders(answer.headers), ms: answer.ms, ...(withBody ? { body: answer.body } : {}) });
    return x;
  };

  const eventsAnswer = await client.events(threadId);
  const list = (eventsAnswer.body as { events?: unknown })?.events;
  const events = Array.isArray(list) ? list : [];
  const x = record(eventsAnswer, false);
  const frames = createFrameRecorder({ x, ...ids }, (draft) => recorder.push(draft));
  for (const event of events) frames.sse({ data: JSON.stringify(event) ?? "null" });
  const t = frames.tally();
  recorder.push({ dir: "in", kind: "end", x, ...ids, op: "other", outcome: "complete", frames: t.frames, ...(t.bad ? { badFrames: t.bad } : {}) });

  const stateAnswer = await client.state(threadId);
  record(stateAnswer, true);
  const messagesAnswer = await client.messages(threadId);
  record(messagesAnswer, true);
  return {
    threadId,
    ...(agentId ? { agentId } : {}),
    events: events.length,
    state: (stateAnswer.body as { state?: unknown })?.state ?? null,
    messages: ((messagesAnswer.body as { messages?: unknown })?.messages as Record<string, unknown>[]) ?? [],
  };
}

/** Replays the pulled thread's records and compares the end with what the runtime reported. */
export function checkPulled(records: readonly SessionRecord[], pulled: PulledThread): { state: unknown; messages: Message[]; differences: ThreadDifference[] } {
  const replay = createReplay();
  replay.append(records.filter((r) => r.threadId === pulled.threadId));
  const last = records.length ? records[records.length - 1].seq : 0;
  const state = replay.stateAt(last);
  const messages = replay.messagesAt(last);
  return { state, messages, differences: compareThread({ state, messages }, { state: pulled.state, messages: pulled.messages }) };
}
