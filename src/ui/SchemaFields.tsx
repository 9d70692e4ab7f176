import type { FormField } from "../models/schema-form";

/** Inputs for a form generated from a JSON Schema (see models/schema-form). */
export function SchemaFields({ fields, values, onChange }: { fields: FormField[]; values: Record<string, string>; onChange: (values: Record<string, string>) => void }) {
  return (
    <>
      {fields.map((f) => (
        <label class="field">
          <span>
            {f.label}
            {f.required ? " *" : ""}
          </span>
          {f.kind === "boolean" ? (
            <input type="checkbox" aria-label={f.label} checked={(values[f.name] ?? f.initial) === "true"} onChange={(e) => onChange({ ...values, [f.name]: String((e.target as HTMLInputElement).checked) })} />
          ) : f.kind === "enum" ? (
            <select aria-label={f.label} value={values[f.name] ?? f.initial} onChange={(e) => onChange({ ...values, [f.name]: (e.target as HTMLSelectElement).value })}>
              <option value="">—</option>
              {f.options!.map((o) => (
                <option value={o}>{o}</option>
              ))}
            </select>
          ) : (
            <input aria-label={f.label} value={values[f.name] ?? f.initial} inputMode={f.kind === "number" || f.kind === "integer" ? "decimal" : undefined} onInput={(e) => onChange({ ...values, [f.name]: (e.target as HTMLInputElement).value })} />
          )}
          {f.description && <span class="muted small">{f.description}</span>}
        </label>
      ))}
    </>
  );
}
