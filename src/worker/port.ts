// One typed message port between the page and its worker: calls go out as { id, method, args },
// answers come back as { id, ok, value | error }, and the worker's own news (a fold's progress)
// as { event, payload }. Values cross by structured clone (Sets, Maps and Blobs included).

export interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: "message", fn: (e: { data: unknown }) => void): void;
  removeEventListener(type: "message", fn: (e: { data: unknown }) => void): void;
  start?(): void;
}

type Api = Record<string, (...args: never[]) => Promise<unknown>>;

interface Call {
  id: number;
  method: string;
  args: unknown[];
}

type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string; name?: string };

interface News {
  event: string;
  payload: unknown;
}

/** Answer calls arriving on `port` with `api`; returns the way to send news, and to stop. */
export function servePort<A extends Api>(port: PortLike, api: A) {
  const onMessage = async (e: { data: unknown }) => {
    const call = e.data as Call;
    if (!call || typeof call.id !== "number" || typeof call.method !== "string") return;
    const fn = Object.prototype.hasOwnProperty.call(api, call.method) ? api[call.method] : undefined;
    let answer: Answer;
    try {
      if (!fn) throw new Error(`the worker has no method "${call.method}"`);
      answer = { id: call.id, ok: true, value: await (fn as (...args: unknown[]) => Promise<unknown>)(...call.args) };
    } catch (err) {
      answer = { id: call.id, ok: false, error: (err as Error)?.message ?? String(err), name: (err as Error)?.name };
    }
    try {
      port.postMessage(answer);
    } catch (err) {
      // A value that cannot be cloned must still answer the call.
      port.postMessage({ id: call.id, ok: false, error: `the answer could not be sent: ${(err as Error).message}` } satisfies Answer);
    }
  };
  port.addEventListener("message", onMessage);
  port.start?.();
  return {
    emit(event: string, payload: unknown) {
      port.postMessage({ event, payload } satisfies News);
    },
    stop: () => port.removeEventListener("message", onMessage),
  };
}

export class WorkerCallError extends Error {
  constructor(message: string, name = "WorkerCallError") {
    super(message);
    this.name = name;
  }
}

/** The calling side: a proxy whose methods post a call and resolve with its answer. */
export function connectPort<A extends Api>(port: PortLike): { api: A; on(event: string, fn: (payload: unknown) => void): () => void; close(): void } {
  let next = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const onMessage = (e: { data: unknown }) => {
    const data = e.data as Answer | News;
    if ("event" in data) {
      for (const fn of listeners.get(data.event) ?? []) fn(data.payload);
      return;
    }
    const w = waiting.get(data.id);
    if (!w) return;
    waiting.delete(data.id);
    if (data.ok) w.resolve(data.value);
    else w.reject(new WorkerCallError(data.error, data.name));
  };
  port.addEventListener("message", onMessage);
  port.start?.();
  const api = new Proxy({} as A, {
    get(_t, method) {
      if (typeof method !== "string" || method === "then") return undefined;
      return (...args: unknown[]) =>
        new Promise((resolve, reject) => {
          const id = next++;
          waiting.set(id, { resolve, reject });
          port.postMessage({ id, method, args } satisfies Call);
        });
    },
  });
  return {
    api,
    on(event, fn) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn);
      return () => set!.delete(fn);
    },
    close() {
      port.removeEventListener("message", onMessage);
      for (const w of waiting.values()) w.reject(new WorkerCallError("the worker connection closed"));
      waiting.clear();
    },
  };
}
