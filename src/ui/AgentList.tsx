import type { ConnectionModel } from "../models/connection";
import type { ComposerModel } from "../models/composer";
import type { LayoutModel } from "../models/layout";

// The agent list folds to one line (the chosen agent) so the composer and Run come up the
// sidebar; the fold is remembered.

export function AgentList({ connection, composer, layout }: { connection: ConnectionModel; composer: ComposerModel; layout?: LayoutModel }) {
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
  const collapsed = layout?.agentsCollapsed.value ?? false;
  return (
    <section class={`agents${collapsed ? " collapsed" : ""}`}>
      <h2 id="agents-heading">
        {layout ? (
          <button type="button" class="fold" aria-expanded={!collapsed} aria-controls={!collapsed && agents.length ? "agent-list" : undefined} onClick={() => layout.setAgentsCollapsed(!collapsed)}>
            <span aria-hidden="true" class="fold-mark">
              {collapsed ? "▸" : "▾"}
            </span>{" "}
            Agents{agents.length ? ` (${agents.length})` : ""}
          </button>
        ) : (
          "Agents"
        )}
      </h2>
      {collapsed ? (
        selected && (
          <p class="small agent-chosen">
            Agent: <strong>{selected}</strong>
          </p>
        )
      ) : agents.length === 0 ? (
        <p class="muted">Connect to a runtime to list its agents.</p>
      ) : (
        <ul role="list" id="agent-list" aria-label="Agents">
          {agents.map(([id, a]) => (
            <li>
              <button type="button" class={id === selected ? "agent selected" : "agent"} aria-pressed={id === selected} onClick={() => (composer.agentId.value = id)}>
                <strong>{id}</strong>
                {a.description && <span class="muted">{a.description}</span>}
                {a.capabilities ? <span class="small muted caps">capabilities: {capabilitySummary(a.capabilities)}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "tools, streaming, …": the capability groups an agent declares (AG-UI AgentCapabilities). */
function capabilitySummary(caps: unknown): string {
  if (!caps || typeof caps !== "object") return String(caps);
  const on = Object.entries(caps as Record<string, unknown>)
    .filter(([, v]) => v !== false && v !== null && v !== undefined)
    .map(([k]) => k);
  return on.length ? on.join(", ") : "none declared";
}
