import { useState } from "preact/hooks";
import type { ToolsModel } from "../models/tools";
import { parseTool } from "../models/tools";

const EXAMPLE = `{
  "type": "object",
  "properties": { "approved": { "type": "boolean" } }
}`;

/** The frontend tools sent with every run to this runtime's agent; kept across reloads. */
export function ToolsEditor({ tools, agentId }: { tools: ToolsModel; agentId: string | null }) {
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [schema, setSchema] = useState(EXAMPLE);
  const [error, setError] = useState<string | null>(null);
  const list = tools.list.value;
  if (!agentId) return null;
  return (
    <details class="tools-editor">
      <summary>
        Frontend tools for {agentId} ({list.length})
      </summary>
      <ul aria-label="Declared tools">
        {list.map((t) => (
          <li class="small">
            <code>{t.name}</code> <span class="muted">{t.description}</span>{" "}
            <button
              type="button"
              class="link"
              aria-label={`Edit tool ${t.name}`}
              onClick={() => (setName(t.name), setDescription(t.description), setSchema(JSON.stringify(t.parameters ?? {}, null, 2)))}
            >
              Edit
            </button>{" "}
            <button type="button" class="link danger" aria-label={`Remove tool ${t.name}`} onClick={() => tools.remove(t.name)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form
        aria-label="Tool"
        onSubmit={(e) => {
          e.preventDefault();
          const r = parseTool(name, description, schema);
          if (!r.tool) return setError(r.error!);
          setError(null);
          tools.put(r.tool);
          setName("");
          setDescription("");
        }}
      >
        <label class="field">
          <span>Tool name</span>
          <input aria-label="Tool name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </label>
        <label class="field">
          <span>Tool description</span>
          <input aria-label="Tool description" value={description} onInput={(e) => setDescription((e.target as HTMLInputElement).value)} />
        </label>
        <label class="field">
          <span>Parameters (JSON Schema)</span>
          <textarea aria-label="Tool parameters" rows={4} value={schema} onInput={(e) => setSchema((e.target as HTMLTextAreaElement).value)} />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="secondary">
          Save tool
        </button>
      </form>
    </details>
  );
}
