import { useState } from "preact/hooks";
import type { OpenToolCall } from "../models/session-view";
import { formFromSchema, valuesToResult } from "../models/schema-form";
import { SchemaFields } from "./SchemaFields";

/** Answer one open frontend tool call: a form from its JSON Schema, or raw JSON. */
export function ToolCallAnswer({ call, onSend }: { call: OpenToolCall; onSend: (content: string) => void }) {
  const fields = formFromSchema(call.parameters);
  const [mode, setMode] = useState<"form" | "json">(fields ? "form" : "json");
  const [values, setValues] = useState<Record<string, string>>({});
  const [json, setJson] = useState('{"ok": true}');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: Event) => {
    e.preventDefault();
    if (mode === "form" && fields) {
      const r = valuesToResult(fields, values);
      if (r.error) return setError(r.error);
      setError(null);
      onSend(JSON.stringify(r.value));
      return;
    }
    try {
      JSON.parse(json);
    } catch (err) {
      return setError(`Not valid JSON: ${(err as Error).message}`);
    }
    setError(null);
    onSend(json);
  };

  return (
    <form class="tool-answer" aria-label={`Answer ${call.name}`} onSubmit={submit}>
      <div class="small">
        <span class="badge fam-tool">tool</span> <code>{call.name}</code> <span class="muted">{call.toolCallId}</span>
        {!fields && <span class="small muted"> · no schema declared: answer with JSON</span>}
      </div>
      <pre class="small">{call.args}</pre>
      {fields && (
        <div class="row small">
          <label class="inline">
            <input type="radio" name={`mode-${call.toolCallId}`} checked={mode === "form"} onChange={() => setMode("form")} /> Form
          </label>
          <label class="inline">
            <input type="radio" name={`mode-${call.toolCallId}`} checked={mode === "json"} onChange={() => setMode("json")} /> JSON
          </label>
        </div>
      )}
      {mode === "form" && fields ? (
        <SchemaFields fields={fields} values={values} onChange={setValues} />
      ) : (
        <label class="field">
          <span>Result JSON</span>
          <textarea aria-label="Result JSON" rows={3} value={json} onInput={(e) => setJson((e.target as HTMLTextAreaElement).value)} />
        </label>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">Send result</button>
    </form>
  );
}
