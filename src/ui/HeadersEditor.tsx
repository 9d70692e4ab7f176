import type { HeaderRow } from "../models/connection";

/** Request headers sent on every call. Values are masked and live only in memory: never stored or exported. */
export function HeadersEditor({ rows, onChange }: { rows: HeaderRow[]; onChange: (rows: HeaderRow[]) => void }) {
  const update = (i: number, patch: Partial<HeaderRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
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
      <p class="muted small">Sent on every request; masked, never saved, redacted from recordings.</p>
    </details>
  );
}
