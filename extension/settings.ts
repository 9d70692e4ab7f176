import type { TransportChoice } from "../src/models/connection";

/** What the panel remembers between DevTools sessions (chrome.storage.local). */
export interface PanelSettings {
  runtimeUrl?: string;
  transport?: TransportChoice;
}

/** The part of a chrome.storage area the settings use. */
export interface StorageAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const KEY = "settings";
const TRANSPORTS = new Set(["auto", "rest", "single", "agui"]);

export async function loadSettings(area: StorageAreaLike): Promise<PanelSettings> {
  const raw = ((await area.get(KEY))[KEY] ?? {}) as Record<string, unknown>;
  const out: PanelSettings = {};
  if (typeof raw.runtimeUrl === "string" && raw.runtimeUrl) out.runtimeUrl = raw.runtimeUrl;
  if (typeof raw.transport === "string" && TRANSPORTS.has(raw.transport)) out.transport = raw.transport as TransportChoice;
  return out;
}

export async function saveSettings(area: StorageAreaLike, patch: Partial<PanelSettings>): Promise<PanelSettings> {
  const next = { ...(await loadSettings(area)), ...patch };
  await area.set({ [KEY]: next });
  return next;
}
