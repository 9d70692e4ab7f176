import { computed, signal } from "@preact/signals";
import type { Message, ResumeEntry, RunAgentInput } from "../core/protocol/events";
import { buildRunInput, toolMessage, userMessage } from "../core/transport/input";
import type { RunOutcome } from "../core/transport/client";
import { describeTally } from "../core/transport/exchange";
import type { ConnectionModel } from "./connection";
import type { SessionView } from "./session-view";
import { parseInputJson } from "./input-json";

export interface ActiveRun {
  agentId: string;
  threadId: string;
  runId: string;
  controller: AbortController;
}

/**
 * Sends runs, stops, tool results and interrupt answers by hand. A follow-up run on a thread
 * carries that thread's conversation as the replay folded it.
 */
export function createComposerModel(connection: ConnectionModel, view: SessionView) {
  const agentId = signal<string | null>(null);
  const message = signal("");
  const threadId = signal<string | null>(null);
  /** The advanced editor's JSON (a partial RunAgentInput merged over the defaults). */
  const advanced = signal<string | null>(null);
  /** Bumped when the advanced text is replaced from outside (fork), so the editor reloads it. */
  const advancedRevision = signal(0);
  const active = signal<ActiveRun[]>([]);
  const lastOutcome = signal<{ status: RunOutcome["status"]; message?: string } | null>(null);
  const advancedError = computed(() => (advanced.value === null ? null : parseInputJson(advanced.value).error));

  const currentAgent = () => agentId.value ?? connection.agents.value[0]?.[0] ?? (connection.info.value === null ? "agent" : null);

  async function send(input: RunAgentInput, agent: string) {
    const client = connection.client.value;
    if (!client) return;
    threadId.value = input.threadId;
    const controller = new AbortController();
    const entry: ActiveRun = { agentId: agent, threadId: input.threadId, runId: input.runId, controller };
    active.value = [...active.value, entry];
    try {
      const outcome = await client.run(agent, input, { signal: controller.signal });
      // A finished run with bad frames in it says so: they are part of what happened.
      const frames = outcome.tally.bad || outcome.tally.unterminated ? describeTally(outcome.tally) : undefined;
      lastOutcome.value = { status: outcome.status, message: outcome.error?.message ?? (outcome.terminal?.type === "RUN_ERROR" ? String(outcome.terminal.message) : frames) };
    } catch (err) {
      lastOutcome.value = { status: "failed", message: (err as Error).message };
    } finally {
      active.value = active.value.filter((r) => r !== entry);
    }
  }

  /** Run with the message box (and the advanced editor, when open). */
  async function run(options: { newThread?: boolean } = {}) {
    const agent = currentAgent();
    if (!agent || !connection.client.value) return;
    if (advancedError.value) return;
    const extra = advanced.value === null ? {} : parseInputJson(advanced.value).value ?? {};
    const thread = options.newThread ? undefined : extra.threadId ?? threadId.value ?? undefined;
    const history = thread ? view.threadMessages(thread) : [];
    const messages: Message[] = [...history, ...(extra.messages ?? [])];
    if (message.value.trim()) messages.push(userMessage(message.value));
    const input = buildRunInput({ ...extra, threadId: thread, runId: undefined, messages, state: extra.state ?? (thread ? view.threadState(thread) : undefined) });
    message.value = "";
    await send(input, agent);
  }

  /** Append a tool message answering `toolCallId` on its thread and start the follow-up run. */
  async function sendToolResult(thread: string, toolCallId: string, content: string, tools: RunAgentInput["tools"] = []) {
    const agent = currentAgent();
    if (!agent) return;
    const messages = [...view.threadMessages(thread), toolMessage(toolCallId, content)];
    await send(buildRunInput({ threadId: thread, messages, state: view.threadState(thread), tools }), agent);
  }

  /** Resume a thread's interrupts; `answers` must cover every open interrupt. */
  async function resume(thread: string, answers: ResumeEntry[]) {
    const agent = currentAgent();
    if (!agent) return;
    await send(buildRunInput({ threadId: thread, messages: view.threadMessages(thread), state: view.threadState(thread), resume: answers }), agent);
  }

  async function stop() {
    const client = connection.client.value;
    const runs = active.value;
    if (!client || !runs.length) return;
    await Promise.all(
      runs.map((r) =>
        client.stop(r.agentId, r.threadId, r.runId).catch(() => {
          // a plain endpoint has no stop route: cancel the request instead
          r.controller.abort();
        }),
      ),
    );
  }

  function newThread() {
    threadId.value = null;
  }

  /** Seed the next run from the replay at `seq`: a new thread with that point's messages and state. */
  function forkFrom(seq: number) {
    const seed = view.forkAt(seq);
    threadId.value = null;
    advanced.value = JSON.stringify({ messages: seed.messages, state: seed.state, tools: [], context: [], forwardedProps: {} }, null, 2);
    advancedRevision.value++;
  }

  return { agentId, message, threadId, advanced, advancedRevision, advancedError, active, lastOutcome, run, sendToolResult, resume, stop, newThread, forkFrom };
}

export type ComposerModel = ReturnType<typeof createComposerModel>;
