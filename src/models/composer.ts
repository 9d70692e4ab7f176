import { signal } from "@preact/signals";
import type { AguiEvent, Message } from "../core/protocol/events";
import { buildRunInput, userMessage } from "../core/transport/input";
import type { RunOutcome } from "../core/transport/client";
import type { ConnectionModel } from "./connection";

export interface ActiveRun {
  agentId: string;
  threadId: string;
  runId: string;
  controller: AbortController;
}

/** Sends runs and stops by hand; keeps the thread's messages so a follow-up continues it. */
export function createComposerModel(connection: ConnectionModel) {
  const agentId = signal<string | null>(null);
  const message = signal("");
  const threadId = signal<string | null>(null);
  const threadMessages = signal<Message[]>([]);
  const active = signal<ActiveRun[]>([]);
  const lastOutcome = signal<{ status: RunOutcome["status"]; message?: string } | null>(null);

  async function run(options: { newThread?: boolean } = {}) {
    const client = connection.client.value;
    const agent = agentId.value ?? connection.agents.value[0]?.[0];
    if (!client || !agent) return;
    if (options.newThread) {
      threadId.value = null;
      threadMessages.value = [];
    }
    const messages = [...threadMessages.value];
    if (message.value.trim()) messages.push(userMessage(message.value));
    const input = buildRunInput({ threadId: threadId.value ?? undefined, messages });
    threadId.value = input.threadId;
    const controller = new AbortController();
    const entry: ActiveRun = { agentId: agent, threadId: input.threadId, runId: input.runId, controller };
    active.value = [...active.value, entry];
    message.value = "";
    const assembled = new Map<string, Message>();
    const collect = (e: AguiEvent) => assemble(assembled, e);
    try {
      const outcome = await client.run(agent, input, { signal: controller.signal, onEvent: collect });
      threadMessages.value = [...messages, ...assembled.values()];
      lastOutcome.value = { status: outcome.status, message: outcome.error?.message ?? (outcome.terminal?.type === "RUN_ERROR" ? String(outcome.terminal.message) : undefined) };
    } catch (err) {
      lastOutcome.value = { status: "failed", message: (err as Error).message };
    } finally {
      active.value = active.value.filter((r) => r !== entry);
    }
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

  return { agentId, message, threadId, threadMessages, active, lastOutcome, run, stop };
}

/** Minimal message assembly so a follow-up run carries the conversation; the replay engine is the full fold. */
function assemble(into: Map<string, Message>, e: AguiEvent) {
  if (e.type === "TEXT_MESSAGE_START" && typeof e.messageId === "string") into.set(e.messageId, { id: e.messageId, role: String(e.role ?? "assistant"), content: "" });
  else if (e.type === "TEXT_MESSAGE_CONTENT" && typeof e.messageId === "string") {
    const m = into.get(e.messageId);
    if (m) m.content = String(m.content ?? "") + String(e.delta ?? "");
  }
}

export type ComposerModel = ReturnType<typeof createComposerModel>;
