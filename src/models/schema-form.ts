// A form description generated from a tool's JSON Schema (the common subset: an object of
// string / number / integer / boolean / enum properties). Anything else is edited as JSON.

export type FieldKind = "string" | "number" | "integer" | "boolean" | "enum" | "json";

export interface FormField {
  name: string;
  kind: FieldKind;
  label: string;
  description?: string;
  required: boolean;
  options?: string[];
  initial: string;
}

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  description?: string;
  title?: string;
  default?: unknown;
}

export function formFromSchema(schema: unknown): FormField[] | null {
  const s = schema as Schema | undefined;
  if (!s || typeof s !== "object" || !s.properties || (s.type !== undefined && s.type !== "object")) return null;
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties).map(([name, p]) => {
    const kind: FieldKind = Array.isArray(p.enum) ? "enum" : p.type === "string" || p.type === "number" || p.type === "integer" || p.type === "boolean" ? p.type : "json";
    const initial = p.default === undefined ? (kind === "boolean" ? "false" : "") : kind === "json" ? JSON.stringify(p.default) : String(p.default);
    return { name, kind, label: p.title ?? name, description: p.description, required: required.has(name), options: p.enum?.map(String), initial };
  });
}

/** Turn the form's string values into the tool result object; errors name the field. */
export function valuesToResult(fields: FormField[], values: Record<string, string>): { value?: Record<string, unknown>; error?: string } {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = values[f.name] ?? f.initial;
    if (raw === "" && f.kind !== "boolean") {
      if (f.required) return { error: `${f.label} is required.` };
      continue;
    }
    switch (f.kind) {
      case "string":
      case "enum":
        out[f.name] = raw;
        break;
      case "boolean":
        out[f.name] = raw === "true";
        break;
      case "number":
      case "integer": {
        const n = Number(raw);
        if (!Number.isFinite(n) || (f.kind === "integer" && !Number.isInteger(n))) return { error: `${f.label} must be ${f.kind === "integer" ? "a whole number" : "a number"}.` };
        out[f.name] = n;
        break;
      }
      case "json":
        try {
          out[f.name] = JSON.parse(raw);
        } catch {
          return { error: `${f.label} must be JSON.` };
        }
    }
  }
  return { value: out };
}
