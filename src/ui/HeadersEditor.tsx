import type { HeaderRow } from "../models/connection";
import { browserCannotSend } from "../models/browser-headers";

/** Request headers sent on every call. Values are masked and live only in memory; secret ones are redacted from recordings. */
export function HeadersEditor({ rows, onChange }: { rows: HeaderRow[]; onChange: (rows: HeaderRow[]) => void }) {
  const update = (i: number, patch: Partial<HeaderRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const refused = rows.filter((r) => r.name.trim() && browserCannotSend(r.name)).map((r) => r.name.trim());
  return (
    <details class="headers">
      <summary>Headers{rows.length ? ` (${rows.length})` : ""}</summary>
      {rows.map((r, i) => (
        <div class="row">
          <input aria-label={`Header ${i + 1} name`} placeholder="Authorization" value={r.name} onInput={(e) => update(i, { name: (e.target as HTMLInputElement).value })} />
          <input aria-label={`Header ${i + 1} value`} type="password" autoComplete="off" placeholder="value" value={r.value} onInput={(e) => update(i, { value: (e.target as HTMLInputElement).value })} />
          <button type="button" class="secondary" aria-label={`Remove header ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" class="secondary" onClick={() => onChange([...rows, { name: "", value: "" }])}>
        Add header
      </button>
      {refused.length > 0 && (
        <p class="error small" role="alert">
          Not sent: a browser does not let a page send {refused.join(", ")}. Use the CLI (<code>agui-inspector record -H</code>) for {refused.length === 1 ? "this header" : "these headers"}.
        </p>
      )}
      <p class="muted small">Sent on every request a browser allows; masked. Values of secret headers (Authorization, *token*, *key*, …) are redacted from recordings and exports wherever they appear.</p>
    </details>
  );
}
