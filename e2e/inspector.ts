import { INSPECTOR_PORT, PROXY_PORT, RUNTIME_PORT, TEST_TOKEN } from "../playwright.config";

/** URLs of the servers playwright.config.ts starts. */
export const runtime = {
  rest: `http://127.0.0.1:${RUNTIME_PORT}/rest`,
  restNoCors: `http://127.0.0.1:${RUNTIME_PORT}/rest-nocors`,
  single: `http://127.0.0.1:${RUNTIME_PORT}/single`,
  /** REST on the runtime built with `debug` on: serves /cpk-debug-events. */
  debug: `http://127.0.0.1:${RUNTIME_PORT}/rest-debug`,
};

/** The recording proxy scripts/start.ts runs in front of the REST mount (--proxy-port). */
export const proxyUrl = `http://127.0.0.1:${PROXY_PORT}`;

export function inspectorUrl(runtimeUrl: string = runtime.rest): string {
  // ?token= (not the printed #token=) so that two gotos are two loads, not a fragment change.
  return `http://127.0.0.1:${INSPECTOR_PORT}/?token=${TEST_TOKEN}&runtime=${encodeURIComponent(runtimeUrl)}`;
}
