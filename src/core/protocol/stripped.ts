import { EventSchemas as EventSchemas100 } from "@ag-ui/core/schemas";

// What @ag-ui/client 1.0.0 removes from an event before any handler sees it: its enforce step
// walks the event along the 1.0.0 schema and drops keys the schema does not describe (unless the
// schema is marked open), at any depth. Zod's own parse keeps them, so the schema check cannot
// tell; this walk follows the same shapes so the inspector can say what the client never shows
// (e.g. `finishReason` on RUN_FINISHED from a BuiltInAgent).

interface Def {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  valueType?: Schema;
  innerType?: Schema;
  in?: Schema;
  options?: Schema[];
  discriminator?: string;
  values?: unknown[];
  getter?: () => Schema;
}

interface Schema {
  _zod: { def: Def };
  meta?: () => Record<string, unknown> | undefined;
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional", "pipe", "lazy"]);

function unwrap(s: Schema): Schema {
  for (let i = 0; i < 20; i++) {
    const def = s._zod.def;
    if (!WRAPPERS.has(def.type)) return s;
    const next = def.type === "lazy" ? def.getter?.() : def.type === "pipe" ? def.in : def.innerType;
    if (!next) return s;
    s = next;
  }
  return s;
}

function literal(s: Schema | undefined): unknown {
  if (!s) return undefined;
  const def = unwrap(s)._zod.def;
  return def.type === "literal" && def.values?.length === 1 ? def.values[0] : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function walk(value: unknown, schema: Schema, path: string, out: string[]): void {
  const s = unwrap(schema);
  const def = s._zod.def;
  switch (def.type) {
    case "object": {
      if (!isObject(value)) return;
      const open = s.meta?.()?.specOpen === true;
      for (const key of Object.keys(value)) {
        const field = def.shape && Object.prototype.hasOwnProperty.call(def.shape, key) ? def.shape[key] : undefined;
        if (!field) {
          if (!open) out.push(`${path}/${key}`);
          continue;
        }
        walk(value[key], field, `${path}/${key}`, out);
      }
      return;
    }
    case "array":
      if (Array.isArray(value) && def.element) value.forEach((v, i) => walk(v, def.element!, `${path}/${i}`, out));
      return;
    case "record":
      if (isObject(value) && def.valueType) for (const key of Object.keys(value)) walk(value[key], def.valueType, `${path}/${key}`, out);
      return;
    case "union": {
      const options = def.options ?? [];
      if (def.discriminator !== undefined) {
        if (!isObject(value)) return;
        const match = options.find((o) => literal(unwrap(o)._zod.def.shape?.[def.discriminator!]) === value[def.discriminator!]);
        if (match) walk(value, match, path, out);
        return;
      }
      // A plain union of several object shapes cannot say which one applies: the client keeps it whole.
      const objects = options.filter((o) => unwrap(o)._zod.def.type === "object");
      if (objects.length > 1 && isObject(value)) return;
      const fit = options.find((o) => {
        const t = unwrap(o)._zod.def.type;
        return (t === "array" && Array.isArray(value)) || (t === "object" && isObject(value));
      });
      if (fit) walk(value, fit, path, out);
      return;
    }
    default:
      return;
  }
}

const byType = new Map<unknown, Schema>();
function schemaFor(type: string): Schema | undefined {
  if (byType.size === 0) {
    for (const option of (EventSchemas100 as unknown as Schema)._zod.def.options ?? []) byType.set(literal(unwrap(option)._zod.def.shape?.type), option);
  }
  return byType.get(type);
}

/** Top-level keys each event type's schema describes: most events need no deeper walk. */
const keysByType = new Map<string, Set<string>>();
function knownKeys(type: string, schema: Schema): Set<string> {
  let keys = keysByType.get(type);
  if (!keys) keysByType.set(type, (keys = new Set(Object.keys(unwrap(schema)._zod.def.shape ?? {}))));
  return keys;
}

/** JSON Pointers of the material @ag-ui/client 1.0.0 strips from this event; empty when nothing. */
export function strippedByClient(event: { type: string }): string[] {
  const schema = schemaFor(event.type);
  if (!schema) return [];
  // Fast path (the fold runs this on every event): only known keys holding plain values.
  const keys = knownKeys(event.type, schema);
  let plain = true;
  for (const key in event) {
    const value = (event as Record<string, unknown>)[key];
    if (!keys.has(key) || (typeof value === "object" && value !== null)) {
      plain = false;
      break;
    }
  }
  if (plain) return [];
  const out: string[] = [];
  walk(event, schema, "", out);
  return out;
}
