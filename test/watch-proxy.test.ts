import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSpool, type Spool } from "../src/server/proxy/spool";
import { recordFeedRoute } from "../src/server/proxy/record-feed";
import { createHeader } from "../src/core/session/file";
import type { SessionRecord } from "../src/core/session/record";
import { createConnectionModel } from "../src/models/connection";
import { createRecordingModel } from "../src/models/recording";
import { createSessionView } from "../src/models/session-view";
import { memoryPrefs } from "../src/models/prefs";
import { createWatchModel, proxyProgressKey } from "../src/models/watch";
import type { InspectorHost } from "../src/models/host";

// Following a recording proxy's spool (the real record feed route over a real spool file): what
// the page marks as stored is only what its sink really stored. A sink that fails keeps its
// records in memory, so a reload must not skip them: no mark moves until the sink recovers.

const TOKEN = "feed-token-0123456789";
let server: Server;
let spool: Spool;
let base: string;
const comment = (seq: number): SessionRecord => ({ seq, t: 1_700_000_000_000 + seq, x: 1, dir: "in", kind: "comment", text: `c${seq}` });

beforeAll(async () => {
  spool = await createSpool(join(mkdtempSync(join(tmpdir(), "agui-watch-")), "spool.agui.jsonl"), createHeader({ name: "proxy", runtimeUrl: "http://127.0.0.1:9/rest" }));
  const route = recordFeedRoute(spool, TOKEN);
  server = createServer((req, res) => void route(req, res, new URL(req.url!, "http://x")).then((done) => done || res.writeHead(404).end()));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

const until = async (ok: () => boolean) => {
  while (!ok()) await new Promise((r) => setTimeout(r, 20));
};

describe("following a proxy's spool", () => {
  it("marks only what the sink stored: nothing while it fails, all of it once it recovers", async () => {
    let failing = true;
    const stored: SessionRecord[] = [];
    const prefs = memoryPrefs();
    const host: InspectorHost = {
      kind: "web",
      fetch: (input, init) => fetch(input, init),
      prefs,
      proxy: { url: base, token: TOKEN },
      // fault injection: a sink that refuses writes until told otherwise
      createSink: async () => ({
        write: async (records: SessionRecord[]) => {
          if (failing) throw new Error("disk full");
          stored.push(...records);
        },
      }),
    };
    const view = createSessionView();
    const recording = createRecordingModel(host, view, (fn) => fn());
    const connection = createConnectionModel(host, (meta) => recording.start(meta));
    createWatchModel(host, recording, connection, () => {});

    await spool.write([comment(1), comment(2), comment(3), { seq: 4, t: 1_700_000_000_004, x: 1, dir: "in", kind: "end", op: "run", outcome: "complete", frames: 0 } as SessionRecord]);
    await until(() => view.records().length >= 4);
    // the end record asked for a mark; the sink refused, so none is set
    await new Promise((r) => setTimeout(r, 300));
    const key = proxyProgressKey(spool.header.id);
    expect(prefs.get(key)).toBeUndefined();

    failing = false;
    await until(() => prefs.get<number>(key) === 4);
    expect(stored.map((r) => r.kind === "comment" ? r.text : r.kind)).toEqual(["c1", "c2", "c3", "end"]);
  }, 20_000);
});
