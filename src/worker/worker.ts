/// <reference lib="webworker" />
import { openInspectorDb } from "../storage";
import { servePort, type PortLike } from "./port";
import { createSessionService, WORKER_METHODS } from "./service";

// The page's one worker: it opens the session library itself and answers the session view's
// calls, so folding, indexing and IndexedDB reads never run on the page's main thread.
const scope = self as unknown as PortLike;
let emit: (event: string, payload: unknown) => void = () => {};
const ready = openInspectorDb().then((db) => createSessionService(db, { news: (e, p) => emit(e, p) }));

// Calls that arrive before the library is open wait for it.
const api = Object.fromEntries(WORKER_METHODS.map((m) => [m, async (...args: unknown[]) => ((await ready)[m] as (...a: unknown[]) => Promise<unknown>)(...args)]));
emit = servePort(scope, api).emit;
