import { useState } from "preact/hooks";
import type { RuntimeThreadsModel } from "../models/runtime-threads";
import type { ConnectionModel } from "../models/connection";
import type { ComposerModel } from "../models/composer";

/** The threads the runtime stores: pull one (replayed and checked), or connect to a thread by id. */
export function RuntimeThreads({ model, connection, composer }: { model: RuntimeThreadsModel; connection: ConnectionModel; composer: ComposerModel }) {
  const [threadId, setThreadId] = useState("");
  if (connection.status.value !== "connected" || !connection.info.value) return null;
  const threads = model.threads.value;
  const report = model.report.value;
  const agent = composer.agentId.value ?? connection.agents.value[0]?.[0] ?? "";
  const busy = model.busy.value !== null;
  return (
    <section class="runtime-threads" aria-label="Runtime threads">
      <h2>Runtime threads</h2>
      <div class="row">
        <button type="button" class="secondary" disabled={busy} onClick={() => void model.refresh()}>
          List threads
        </button>
      </div>
      {threads && threads.length === 0 && <p class="small muted">The runtime holds no threads yet.</p>}
      {threads && threads.length > 0 && (
        <ul role="list" aria-label="Threads on the runtime">
          {threads.map((t) => (
            <li class="small">
              <code title={t.id}>{t.id.length > 18 ? `${t.id.slice(0, 18)}…` : t.id}</code> · {t.agentId ?? "?"}{" "}
              <button type="button" class="link" disabled={busy} aria-label={`Pull thread ${t.id}`} onClick={() => void model.pull(t)}>
                pull
              </button>{" "}
              <button type="button" class="link" disabled={busy || !t.agentId} aria-label={`Connect to thread ${t.id}`} onClick={() => t.agentId && void model.connectTo(t.agentId, t.id)}>
                connect
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="row"
        aria-label="Connect to thread"
        onSubmit={(e) => {
          e.preventDefault();
          if (threadId.trim() && agent) void model.connectTo(agent, threadId.trim());
        }}
      >
        <input aria-label="Thread id" placeholder={`thread id (agent ${agent || "?"})`} value={threadId} onInput={(e) => setThreadId((e.target as HTMLInputElement).value)} />
        <button type="submit" class="secondary" disabled={busy || !threadId.trim() || !agent}>
          Connect to thread
        </button>
      </form>
      <p class="small" role="status" data-testid="runtime-threads-status">
        {model.busy.value && <span>{model.busy.value}…</span>}
        {!model.busy.value && report && report.differences.length === 0 && (
          <span>
            Pulled {report.threadId}: {report.events} events; the replayed state and messages equal the runtime's. The next run continues this thread.
          </span>
        )}
        {!model.busy.value && model.connected.value && (
          <span>
            Connected to {model.connected.value.threadId}: the runtime replayed {model.connected.value.events} events in {model.connected.value.runs} run(s).
          </span>
        )}
      </p>
      {report && report.differences.length > 0 && (
        <div class="error small" role="alert">
          Pulled {report.threadId}, but the replay differs from the runtime:
          <ul>
            {report.differences.map((d) => (
              <li>
                <strong>{d.rule}</strong>: {d.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {model.error.value && (
        <p class="error small" role="alert">
          {model.error.value}
        </p>
      )}
    </section>
  );
}
