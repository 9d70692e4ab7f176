import { useState } from "preact/hooks";
import type { Interrupt, ResumeEntry } from "../models/session-view-types";

/** Resolve (with a payload) or cancel every open interrupt of a thread, then resume. */
export function InterruptAnswer({ interrupts, onResume }: { interrupts: Interrupt[]; onResume: (answers: ResumeEntry[]) => void }) {
  const [payloads, setPayloads] = useState<Record<string, string>>({});
  const [cancel, setCancel] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    const answers: ResumeEntry[] = [];
    for (const i of interrupts) {
      if (cancel[i.id]) {
        answers.push({ interruptId: i.id, status: "cancelled" });
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
  return (
    <form class="interrupt-answer" aria-label="Resume interrupts" onSubmit={submit}>
      {interrupts.map((i) => (
        <fieldset>
          <legend>
            <code>{i.reason}</code> {i.message ?? ""} <span class="muted small">{i.id}</span>
          </legend>
          <label class="inline">
            <input type="checkbox" checked={!!cancel[i.id]} onChange={(e) => setCancel({ ...cancel, [i.id]: (e.target as HTMLInputElement).checked })} /> Cancel this interrupt
          </label>
          {!cancel[i.id] && (
            <label class="field">
              <span>Payload (JSON)</span>
              <textarea aria-label={`Payload for ${i.id}`} rows={2} value={payloads[i.id] ?? "{}"} onInput={(e) => setPayloads({ ...payloads, [i.id]: (e.target as HTMLTextAreaElement).value })} />
            </label>
          )}
        </fieldset>
      ))}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">Resume</button>
    </form>
  );
}
