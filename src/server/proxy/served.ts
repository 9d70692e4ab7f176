import { createRecorder } from "../../core/recorder/recorder";
import { createHeader } from "../../core/session/file";
import { redactUrl } from "../../core/session/redact";
import { startRecordingProxy, type RecordingProxy } from "./proxy";
import { createSpool, type Spool } from "./spool";
import { recordFeedRoute } from "./record-feed";

export interface ServedProxy {
  proxy: RecordingProxy;
  spool: Spool;
  close(): Promise<void>;
}

/**
 * A recording proxy whose session is spooled to `spoolPath` and offered to inspector pages that
 * hold `token` (the loopback server's), so proxied runs show in the page live.
 */
export async function startServedProxy(options: { runtimeUrl: string; token: string; spoolPath: string; port?: number; flushMs?: number }): Promise<ServedProxy> {
  const header = createHeader({ runtimeUrl: redactUrl(options.runtimeUrl), name: `proxy → ${redactUrl(options.runtimeUrl)}`, source: { kind: "proxy" } });
  const spool = await createSpool(options.spoolPath, header);
  const recorder = createRecorder({ sink: spool, flushMs: options.flushMs ?? 20 });
  const proxy = await startRecordingProxy({ runtimeUrl: options.runtimeUrl, recorder, port: options.port, local: recordFeedRoute(spool, options.token) });
  return {
    proxy,
    spool,
    async close() {
      await proxy.close();
      await recorder.flush();
      await spool.close();
    },
  };
}

/** The inspector page's URL with `proxy=` in its query (the token stays in the fragment). */
export function withProxyParam(pageUrl: string, proxyUrl: string): string {
  const u = new URL(pageUrl);
  u.searchParams.set("proxy", proxyUrl);
  return u.toString();
}
