import type { ConnectionModel } from "../models/connection";
import type { ComposerModel } from "../models/composer";

export function AgentList({ connection, composer }: { connection: ConnectionModel; composer: ComposerModel }) {
  const agents = connection.agents.value;
  const selected = composer.agentId.value ?? agents[0]?.[0] ?? null;
  if (connection.status.value === "connected" && !connection.info.value) {
    return (
      <label class="field">
        <span>Agent id</span>
        <input aria-label="Agent id" value={composer.agentId.value ?? "agent"} onInput={(e) => (composer.agentId.value = (e.target as HTMLInputElement).value)} />
      </label>
    );
  }
  return (
    <section class="agents">
      <h2 id="agents-heading">Agents</h2>
      {agents.length === 0 ? (
        <p class="muted">Connect to a runtime to list its agents.</p>
      ) : (
        <ul role="list" aria-labelledby="agents-heading" aria-label="Agents">
          {agents.map(([id, a]) => (
            <li>
              <button type="button" class={id === selected ? "agent selected" : "agent"} aria-pressed={id === selected} onClick={() => (composer.agentId.value = id)}>
                <strong>{id}</strong>
                {a.description && <span class="muted">{a.description}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
