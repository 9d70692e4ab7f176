import { signal } from "@preact/signals";
import type { SessionRecord } from "../core/session/record";
import { createThreadsClient, type RuntimeThread } from "../core/threads/client";
import { checkPulled, pullThread } from "../core/threads/pull";
import type { ThreadDifference } from "../core/threads/compare";
import { buildRunInput } from "../core/transport/input";
import type { InspectorHost } from "./host";
import type { ConnectionModel } from "./connection";
import type { RecordingModel } from "./recording";
import type { ComposerModel } from "./composer";

export interface PullReport {
  threadId: string;
  events: number;
  differences: ThreadDifference[];
}

/**
 * The runtime's stored threads: list them, pull one into a live session (replayed and compared
 * with the runtime's /state and /messages), or connect to one and record the runtime's replay.
 * Either way the connection records into that session, so the next run continues the thread.
 */
export function createRuntimeThreadsModel(host: InspectorHost, connection: ConnectionModel, recording: RecordingModel, composer: ComposerModel, refreshLibrary: () => void) {
  const threads = signal<RuntimeThread[] | null>(null);
  const busy = signal<string | null>(null);
  const error = signal<string | null>(null);
  const report = signal<PullReport | null>(null);
  const connected = signal<{ threadId: string; events: number; runs: number } | null>(null);

  const headers = () => Object.fromEntries(connection.headers.value.filter((h) => h.name.trim()).map((h) => [h.name.trim(), h.value]));
  const client = () => {
    const transport = connection.resolvedTransport.value;
    if (transport !== "rest" && transport !== "single") throw new Error("Thread routes need a CopilotKit runtime: connect to one first (a plain AG-UI endpoint has none).");
    return createThreadsClient({ url: connection.url.value.trim(), transport, fetch: host.fetch, headers: headers() });
  };

  async function guard(what: string, fn: () => Promise<void>) {
    busy.value = what;
    error.value = null;
    try {
      await fn();
    } catch (err) {
      error.value = connection.scrub(`${what} failed: ${(err as Error).message}`);
    } finally {
      busy.value = null;
    }
  }

  return {
    threads,
    busy,
    error,
    report,
    connected,
    refresh: (agentId?: string) =>
      guard("Listing threads", async () => {
        threads.value = (await client().list(agentId)).threads;
      }),
    pull: (thread: RuntimeThread) =>
      guard(`Pulling ${thread.id}`, async () => {
        const url = connection.url.value.trim();
        const rec = await recording.start({ runtimeUrl: url, agentId: thread.agentId, name: `thread ${thread.id} @ ${url}`, source: { kind: "runtime-thread" } });
        const records: SessionRecord[] = [];
        const off = rec.on("record", (r) => records.push(r));
        const pulled = await pullThread(client(), rec, thread.id, thread.agentId);
        off();
        const check = checkPulled(records, pulled);
        report.value = { threadId: thread.id, events: pulled.events, differences: check.differences };
        await connection.bind(rec);
        composer.threadId.value = thread.id;
        if (thread.agentId) composer.agentId.value = thread.agentId;
        await rec.flush();
        refreshLibrary();
      }),
    connectTo: (agentId: string, threadId: string) =>
      guard(`Connecting to ${threadId}`, async () => {
        const url = connection.url.value.trim();
        const rec = await recording.start({ runtimeUrl: url, agentId, name: `connect ${threadId} @ ${url}` });
        const bound = await connection.bind(rec);
        const outcome = await bound.connect(agentId, buildRunInput({ threadId }));
        if (outcome.error) throw outcome.error;
        connected.value = { threadId, events: outcome.events.length, runs: outcome.events.filter((e) => e.type === "RUN_STARTED").length };
        composer.threadId.value = threadId;
        composer.agentId.value = agentId;
        await rec.flush();
        refreshLibrary();
      }),
  };
}

export type RuntimeThreadsModel = ReturnType<typeof createRuntimeThreadsModel>;
