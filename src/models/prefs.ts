/**
 * Small settings that outlive a reload (the last open session, tool lists, input history).
 * The shell supplies the backing (localStorage on the web page); models only see this port.
 * Nothing secret goes in: header values and URL credentials are left out by the callers.
 */
export interface PrefsPort {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

/** Prefs kept in memory (tests, and shells without storage). */
export function memoryPrefs(initial: Record<string, unknown> = {}): PrefsPort & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = { ...initial };
  return {
    data,
    get: <T>(key: string) => (key in data ? (JSON.parse(JSON.stringify(data[key])) as T) : undefined),
    set: (key, value) => {
      if (value === undefined) delete data[key];
      else data[key] = JSON.parse(JSON.stringify(value));
    },
  };
}

/** Prefs over a Storage-like object; unreadable or refused entries are treated as absent. */
export function storagePrefs(storage: Pick<Storage, "getItem" | "setItem" | "removeItem">, prefix = "agui-inspector:"): PrefsPort {
  return {
    get<T>(key: string): T | undefined {
      try {
        const text = storage.getItem(prefix + key);
        return text === null ? undefined : (JSON.parse(text) as T);
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      try {
        if (value === undefined) storage.removeItem(prefix + key);
        else storage.setItem(prefix + key, JSON.stringify(value));
      } catch {
        // quota or private mode: the preference is lost, nothing else is
      }
    },
  };
}
