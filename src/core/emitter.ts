/** A tiny typed event target: `on(name, fn)` returns its own unsubscribe. */
export interface Emitter<E extends Record<string, unknown>> {
  on<K extends keyof E>(name: K, fn: (payload: E[K]) => void): () => void;
  emit<K extends keyof E>(name: K, payload: E[K]): void;
}

export function createEmitter<E extends Record<string, unknown>>(): Emitter<E> {
  const listeners = new Map<keyof E, Set<(payload: never) => void>>();
  return {
    on(name, fn) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(fn as (payload: never) => void);
      return () => void set!.delete(fn as (payload: never) => void);
    },
    emit(name, payload) {
      const set = listeners.get(name);
      if (!set) return;
      for (const fn of [...set]) (fn as (p: typeof payload) => void)(payload);
    },
  };
}
