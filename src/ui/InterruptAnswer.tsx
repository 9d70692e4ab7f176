import { useState } from "preact/hooks";
import type { Interrupt, ResumeEntry } from "../models/session-view-types";
import { formFromSchema, valuesToResult } from "../models/schema-form";
import { SchemaFields } from "./SchemaFields";

/**
 * Answer a thread's open interrupts: each gets a form from its `responseSchema` (raw JSON when
 * there is none or it is beyond the form), then Resume resolves them all, Cancel cancels them all.
 */
export function InterruptAnswer({ interrupts, onResume }: { interrupts: Interrupt[]; onResume: (answers: ResumeEntry[]) => void }) {
  const [values, setValues] = useState<Record<string, Record<string, string>>>({});
  const [payloads, setPayloads] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const forms = new Map(interrupts.map((i) => [i.id, formFromSchema(i.responseSchema)]));

  const resume = (e: Event) => {
    e.preventDefault();
    const answers: ResumeEntry[] = [];
    for (const i of interrupts) {
      const fields = forms.get(i.id);
      if (fields) {
        const r = valuesToResult(fields, values[i.id] ?? {});
        if (r.error) return setError(`${i.id}: ${r.error}`);
        answers.push({ interruptId: i.id, status: "resolved", payload: r.value });
        continue;
      }
      const text = payloads[i.id] ?? "{}";
      try {
        answers.push({ interruptId: i.id, status: "resolved", payload: text.trim() ? JSON.parse(text) : undefined });
      } catch (err) {
        return setError(`Payload for ${i.id} is not valid JSON: ${(err as Error).message}`);
      }
    }
    setError(null);
    onResume(answers);
  };
  const cancel = () => {
    setError(null);
    onResume(interrupts.map((i) => ({ interruptId: i.id, status: "cancelled" as const })));
  };

  return (
    <form class="interrupt-answer" aria-label="Resume interrupts" onSubmit={resume}>
      {interrupts.map((i) => {
        const fields = forms.get(i.id);
        return (
          <fieldset>
            <legend>
              <span class="badge interrupted">interrupt</span> <code>{i.reason}</code> {i.message ?? ""} <span class="muted small">{i.id}</span>
            </legend>
            {fields ? (
              <SchemaFields fields={fields} values={values[i.id] ?? {}} onChange={(v) => setValues({ ...values, [i.id]: v })} />
            ) : (
              <label class="field">
                <span>Payload (JSON{i.responseSchema === undefined ? "; no responseSchema" : ""})</span>
                <textarea aria-label={`Payload for ${i.id}`} rows={2} value={payloads[i.id] ?? "{}"} onInput={(e) => setPayloads({ ...payloads, [i.id]: (e.target as HTMLTextAreaElement).value })} />
              </label>
            )}
          </fieldset>
        );
      })}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit">Resume</button>
        <button type="button" class="secondary danger" onClick={cancel}>
          Cancel interrupt{interrupts.length > 1 ? "s" : ""}
        </button>
      </div>
    </form>
  );
}
