/** A tiny typed event target: `on(name, fn)` returns its own unsubscribe. */
export interface Emitter<E extends Record<string, unknown>> {
  on<K extends keyof E>(name: K, fn: (payload: E[K]) => void): () => void;
  emit<K extends keyof E>(name: K, payload: E[K]): void;
}

/** By default a listener's error is rethrown on its own (as EventTarget reports it), after the others ran. */
const rethrowLater = (err: unknown) =>
  queueMicrotask(() => {
    throw err;
  });

export function createEmitter<E extends Record<string, unknown>>(onListenerError: (err: unknown) => void = rethrowLater): Emitter<E> {
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
      // Each listener is isolated, as in EventTarget: one that throws does not keep the payload
      // from the others (a view's bug must not cost the storage sink a record); its error is
      // reported apart instead of unwinding into the emitter's caller.
      for (const fn of [...set]) {
        try {
          (fn as (p: typeof payload) => void)(payload);
        } catch (err) {
          onListenerError(err);
        }
      }
    },
  };
}
