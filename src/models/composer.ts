import { computed, signal } from "@preact/signals";
import type { Message, ResumeEntry, RunAgentInput } from "../core/protocol/events";
import { buildRunInput, toolMessage, userMessage } from "../core/transport/input";
import type { RunOutcome } from "../core/transport/client";
import { describeTally } from "../core/transport/exchange";
import type { ConnectionModel } from "./connection";
import type { SessionView } from "./session-view";
import { parseInputJson } from "./input-json";
import type { ToolsModel } from "./tools";
import type { InputHistory } from "./input-history";

export interface ComposerOptions {
  /** Frontend tools declared for the runtime+agent: sent with every run unless the editor says otherwise. */
  tools?: ToolsModel;
  history?: InputHistory;
  /** Called before a run is sent (the session is created then: Connect alone records nothing lasting). */
  beforeSend?: (agentId: string, input: RunAgentInput) => Promise<void>;
}

/** Where a forked thread came from: the seq it was seeded at, and that seq's thread. */
export interface ForkOrigin {
  seq: number;
  threadId?: string;
  /** The session the seed came from (a stored one when forking from the library). */
  sessionId?: string;
}

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
export function createComposerModel(connection: ConnectionModel, view: SessionView, options: ComposerOptions = {}) {
  const agentId = signal<string | null>(null);
  const message = signal("");
  const threadId = signal<string | null>(null);
  /** The advanced editor's JSON (a partial RunAgentInput merged over the defaults). */
  const advanced = signal<string | null>(null);
  /** Bumped when the advanced text is replaced from outside (fork), so the editor reloads it. */
  const advancedRevision = signal(0);
  /** The RunAgentInput drawer is showing (its text lives in `advanced` either way). */
  const editorOpen = signal(false);
  const active = signal<ActiveRun[]>([]);
  const lastOutcome = signal<{ status: RunOutcome["status"]; message?: string } | null>(null);
  /** Set by Fork from here; the next run's thread records it in `forks`. */
  const pendingFork = signal<ForkOrigin | null>(null);
  const forks = signal<Record<string, ForkOrigin>>({});
  const declaredTools = () => options.tools?.list.value ?? [];
  const advancedError = computed(() => (advanced.value === null ? null : parseInputJson(advanced.value).error));

  const currentAgent = () => agentId.value ?? connection.agents.value[0]?.[0] ?? (connection.info.value === null ? "agent" : null);

  async function send(input: RunAgentInput, agent: string) {
    const client = connection.client.value;
    if (!client) return;
    try {
      await options.beforeSend?.(agent, input);
    } catch (err) {
      lastOutcome.value = { status: "failed", message: connection.scrub(`The session could not be started: ${(err as Error).message}`) };
      return;
    }
    options.history?.add(agent, input);
    threadId.value = input.threadId;
    if (pendingFork.value) {
      forks.value = { ...forks.value, [input.threadId]: pendingFork.value };
      pendingFork.value = null;
    }
    // Pressing Run follows the new run live.
    view.end();
    const controller = new AbortController();
    const entry: ActiveRun = { agentId: agent, threadId: input.threadId, runId: input.runId, controller };
    active.value = [...active.value, entry];
    try {
      // Every event is recorded; the outcome need not hold them too (a long run would grow without bound).
      const outcome = await client.run(agent, input, { signal: controller.signal, keepEvents: false });
      // A finished run with bad frames in it says so: they are part of what happened.
      const frames = outcome.tally.bad || outcome.tally.unterminated ? describeTally(outcome.tally) : undefined;
      const message = outcome.error?.message ?? (outcome.terminal?.type === "RUN_ERROR" ? String(outcome.terminal.message) : frames);
      lastOutcome.value = { status: outcome.status, message: message === undefined ? undefined : connection.scrub(message) };
    } catch (err) {
      lastOutcome.value = { status: "failed", message: connection.scrub((err as Error).message) };
    } finally {
      active.value = active.value.filter((r) => r !== entry);
    }
  }

  const advancedInput = () => (advanced.value === null ? {} : (parseInputJson(advanced.value).value ?? {}));
  /** The thread the next run continues (undefined: a new one). */
  const targetThread = (options: { newThread?: boolean }, extra = advancedInput()) => (options.newThread ? undefined : (extra.threadId ?? threadId.value ?? undefined));

  /**
   * A stored session held as a window brings a thread's messages from its worker before a run
   * continues the thread; false (and the outcome says why) when they could not be read.
   */
  async function threadReady(thread: string | undefined): Promise<boolean> {
    if (!thread) return true;
    try {
      await view.loadThread(thread);
      return true;
    } catch (err) {
      lastOutcome.value = { status: "failed", message: connection.scrub(`Reading thread ${thread}'s messages failed: ${(err as Error).message}`) };
      return false;
    }
  }

  /** What Run would send now: the defaults with the advanced editor's fields over them. */
  function assemble(options: { newThread?: boolean } = {}): RunAgentInput {
    const extra = advancedInput();
    const thread = targetThread(options, extra);
    const history = thread ? view.threadMessages(thread) : [];
    const messages: Message[] = [...history, ...(extra.messages ?? [])];
    if (message.value.trim()) messages.push(userMessage(message.value));
    // A runId typed in the editor is sent as is; otherwise each run gets a fresh one.
    return buildRunInput({ ...extra, threadId: thread, runId: extra.runId || undefined, messages, state: extra.state ?? (thread ? view.threadState(thread) : undefined), tools: extra.tools ?? declaredTools() });
  }

  /** Run with the message box (and the advanced editor, when open). */
  async function run(options: { newThread?: boolean } = {}) {
    const agent = currentAgent();
    if (!agent || !connection.client.value) return;
    if (advancedError.value) return;
    if (!(await threadReady(targetThread(options)))) return;
    const input = assemble(options);
    message.value = "";
    // The drawer steps aside so the run can be watched; its text stays for the next run.
    editorOpen.value = false;
    await send(input, agent);
  }

  /** Append a tool message answering `toolCallId` on its thread and start the follow-up run. */
  async function sendToolResult(thread: string, toolCallId: string, content: string, tools: RunAgentInput["tools"] = declaredTools()) {
    const agent = currentAgent();
    if (!agent || !(await threadReady(thread))) return;
    const messages = [...view.threadMessages(thread), toolMessage(toolCallId, content)];
    await send(buildRunInput({ threadId: thread, messages, state: view.threadState(thread), tools }), agent);
  }

  /** Resume a thread's interrupts; `answers` must cover every open interrupt. */
  async function resume(thread: string, answers: ResumeEntry[]) {
    const agent = currentAgent();
    if (!agent || !(await threadReady(thread))) return;
    await send(buildRunInput({ threadId: thread, messages: view.threadMessages(thread), state: view.threadState(thread), resume: answers, tools: declaredTools() }), agent);
  }

  /** Re-send an input from the history as it was (fresh runId). */
  async function rerun(agent: string, input: RunAgentInput) {
    if (!connection.client.value) return;
    agentId.value = agent;
    await send(buildRunInput({ ...input, runId: undefined }), agent);
  }

  /** Load an input from the history into the editor, to change before sending. */
  function edit(input: RunAgentInput) {
    const { runId: _runId, ...rest } = input;
    threadId.value = null;
    advanced.value = JSON.stringify(rest, null, 2);
    advancedRevision.value++;
    editorOpen.value = true;
  }

  /** Stop the selected thread's runs (the thread the next run continues); `all` stops every run. */
  async function stop(scope: "selected" | "all" = "selected") {
    const client = connection.client.value;
    const runs = scope === "all" ? active.value : active.value.filter((r) => r.threadId === threadId.value);
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

  /**
   * A new session or connection: nothing typed or chosen for the old one carries over — except a
   * fork seeded and not yet sent (forking from a stored session needs a Connect in between).
   */
  function resetContext() {
    message.value = "";
    threadId.value = null;
    if (!pendingFork.value) {
      advanced.value = null;
      advancedRevision.value++;
      editorOpen.value = false;
    }
    lastOutcome.value = null;
    forks.value = {};
  }

  /** Seed the next run from the replay at `seq`: a new thread with that point's messages and state. */
  async function forkFrom(seq: number, sessionId?: string) {
    let seed: Awaited<ReturnType<typeof view.forkSeed>>;
    try {
      seed = await view.forkSeed(seq);
    } catch (err) {
      lastOutcome.value = { status: "failed", message: connection.scrub(`Reading the messages at #${seq} failed: ${(err as Error).message}`) };
      return;
    }
    threadId.value = null;
    pendingFork.value = { seq, threadId: view.recordAt(seq)?.threadId, sessionId };
    advanced.value = JSON.stringify({ messages: seed.messages, state: seed.state, tools: declaredTools(), context: [], forwardedProps: {} }, null, 2);
    advancedRevision.value++;
    editorOpen.value = true;
  }

  const selectedRunning = computed(() => active.value.some((r) => r.threadId === threadId.value));
  return { agentId, message, threadId, advanced, advancedRevision, advancedError, editorOpen, assemble, active, selectedRunning, lastOutcome, pendingFork, forks, currentAgent, run, rerun, edit, sendToolResult, resume, stop, newThread, resetContext, forkFrom };
}

export type ComposerModel = ReturnType<typeof createComposerModel>;
