import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createConnectionModel } from "./connection";
import { createRecordingModel } from "./recording";
import { createSessionView } from "./session-view";
import { createWatchModel } from "./watch";
import type { InspectorHost } from "./host";

// A runtime that echoes what it was sent: its error bodies repeat the request's headers and URL.
// What the inspector shows on screen from such an error has the secrets replaced.

const TOKEN = "Bearer tok-9f8e7d6c5b4a";
const KEY = "sk-live-0123456789abcdef";
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(401, { "content-type": "text/plain" });
    res.end(`unauthorized: authorization=${req.headers.authorization} x-api-key=${req.headers["x-api-key"]} url=${req.url}`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function setup() {
  const host: InspectorHost = { kind: "web", fetch: (input, init) => fetch(input, init), createSink: async () => ({ write: async () => {} }) };
  const view = createSessionView();
  const recording = createRecordingModel(host, view, (fn) => fn());
  const connection = createConnectionModel(host, (meta) => recording.start(meta));
  return Object.assign(connection, { watch: () => createWatchModel(host, recording, connection, () => {}) });
}

describe("error texts on screen", () => {
  it("a connect refused by a runtime that echoes the request shows no header value or URL secret", async () => {
    const connection = setup();
    connection.url.value = `${base}/rest?access_token=qtok-5555`;
    connection.headers.value = [
      { name: "Authorization", value: TOKEN },
      { name: "X-Api-Key", value: KEY },
      { name: "X-Trace", value: "trace-visible-1" },
    ];
    await connection.connect();
    expect(connection.status.value).toBe("error");
    const shown = connection.error.value!.message;
    expect(shown).toMatch(/401/);
    for (const secret of ["tok-9f8e7d6c5b4a", KEY, "qtok-5555"]) expect(shown).not.toContain(secret);
    expect(shown).toContain("%5Bredacted%5D");
  });

  it("attaching to a debug feed that answers with an echo of the headers shows the refusal without them", async () => {
    const connection = setup();
    connection.url.value = `${base}/api/copilotkit`;
    connection.headers.value = [{ name: "Authorization", value: TOKEN }, { name: "X-Api-Key", value: KEY }];
    const watch = connection.watch();
    await watch.attach();
    const shown = watch.feedError.value!;
    expect(shown).toMatch(/HTTP 401 \(text\/plain\): unauthorized: authorization=\[redacted\] x-api-key=\[redacted\]/);
    expect(shown).not.toContain("tok-9f8e7d6c5b4a");
    expect(shown).not.toContain(KEY);
    expect(JSON.stringify(watch.feed.value)).not.toContain(KEY);
  });

  it("scrub keeps ordinary text and replaces each form a secret takes when echoed", () => {
    const connection = setup();
    connection.url.value = "http://127.0.0.1:9/rest";
    connection.headers.value = [{ name: "Authorization", value: "Bearer a b/c+d" }, { name: "Accept", value: "text/event-stream" }];
    expect(connection.scrub("plain words, text/event-stream")).toBe("plain words, text/event-stream");
    expect(connection.scrub("got Bearer a b/c+d")).not.toContain("a b/c+d");
    expect(connection.scrub(`got ${encodeURIComponent("Bearer a b/c+d")}`)).not.toContain(encodeURIComponent("Bearer a b/c+d"));
    expect(connection.scrub("see http://u:p4ss-word@host/x?api_key=zzzz-1")).not.toMatch(/p4ss-word|zzzz-1/);
  });
});
