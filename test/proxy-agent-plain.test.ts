import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRuntimeClient } from "../src/core/transport/client";
import { ProxyAgent } from "../src/core/transport/proxy-agent";
import { recordingHarness } from "./helpers";

// ProxyAgent against a plain server on 127.0.0.1 whose runs are held open until the test says:
// how it ends a run on each transport (stop route or cancelled request), what happens when the
// stop is refused, how a bare RUN_FINISHED reaches the client's pipeline, and failed runs.
// (proxy-agent.test.ts does the same against the real runtime.)

let server: Server;
let base: string;
const held = new Map<string, ServerResponse>();
const stops: string[] = [];
let stopStatus = 200;
const frame = (o: object) => `data: ${JSON.stringify(o)}\n\n`;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const path = req.url ?? "/";
      if (path === "/rt/info") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ version: "1.75.0", agents: { held: {}, broken: {} } }));
      const stop = /^\/rt\/agent\/held\/stop\/([^/]+)$/.exec(path);
      if (stop) {
        stops.push(`${stop[1]} ${body}`);
        const run = held.get(stop[1]);
        if (stopStatus !== 200 || !run) return void res.writeHead(stopStatus, { "content-type": "application/json" }).end("{}");
        // as the runtime does after a stop: closers, then a bare RUN_FINISHED
        run.end(frame({ type: "TEXT_MESSAGE_END", messageId: "m" }) + frame({ type: "RUN_FINISHED" }));
        return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ stopped: true }));
      }
      if (path === "/rt/agent/broken/run") return void res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: "boom" }));
      if (path === "/rt/agent/held/run" || path === "/plain") {
        const input = JSON.parse(body) as { threadId: string; runId: string };
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(frame({ type: "RUN_STARTED", threadId: input.threadId, runId: input.runId }) + frame({ type: "TEXT_MESSAGE_START", messageId: "m", role: "assistant" }) + frame({ type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: "partial" }));
        held.set(input.threadId, res);
        return;
      }
      if (path === "/plain" && req.method === "GET") return void res.writeHead(405, { allow: "POST" }).end();
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

function agentOn(url: string, transport: "rest" | "agui", remoteAgentId = "held", threadId = `t-${Math.random().toString(36).slice(2)}`) {
  const { recorder, records } = recordingHarness();
  const client = createRuntimeClient({ url, transport, recorder });
  const agent = new ProxyAgent({ client, remoteAgentId, threadId, initialMessages: [{ id: "u1", role: "user", content: "hi" }] });
  return { agent, client, records, threadId };
}

describe("ProxyAgent over a held run", () => {
  it("abortRun asks the runtime to stop this thread's run; the bare RUN_FINISHED reaches the pipeline with the run's ids", async () => {
    const { agent, threadId, records } = agentOn(`${base}/rt`, "rest");
    const seen: Record<string, unknown>[] = [];
    const done = agent.runAgent({ runId: "run-1" }, { onEvent: ({ event }) => void (seen.push(event as never), event.type === "TEXT_MESSAGE_CONTENT" && agent.abortRun()) });
    await expect(done).resolves.toBeDefined();
    expect(stops).toContain(`${threadId} {"runId":"run-1"}`);
    expect(seen.at(-1)).toEqual({ type: "RUN_FINISHED", threadId, runId: "run-1" });
    // every other event reaches the pipeline as it was recorded
    const recorded = records.flatMap((r) => (r.kind === "event" ? [r.event] : []));
    expect(seen.slice(0, -1)).toEqual(recorded.slice(0, -1));
    // the record keeps what the runtime sent
    expect(records.filter((r) => r.kind === "event").at(-1)).toMatchObject({ event: { type: "RUN_FINISHED" } });
    expect(agent.messages.find((m) => m.role === "assistant")?.content).toBe("partial");
  });

  it("when the runtime refuses the stop, the request is cancelled instead", async () => {
    stopStatus = 500;
    try {
      const { agent, threadId, records } = agentOn(`${base}/rt`, "rest");
      const done = agent.runAgent({ runId: "run-2" }, { onEvent: ({ event }) => void (event.type === "TEXT_MESSAGE_CONTENT" && agent.abortRun()) });
      await expect(done).resolves.toBeDefined();
      expect(stops.some((s) => s.startsWith(threadId))).toBe(true);
      expect(records.filter((r) => r.kind === "end").at(-1)).toMatchObject({ op: "run", outcome: "aborted" });
    } finally {
      stopStatus = 200;
    }
  });

  it("a plain endpoint has no stop route: abortRun cancels the request, and asks nothing", async () => {
    const { agent, records } = agentOn(`${base}/plain`, "agui");
    const before = stops.length;
    const done = agent.runAgent({ runId: "run-3" }, { onEvent: ({ event }) => void (event.type === "TEXT_MESSAGE_CONTENT" && agent.abortRun()) });
    await expect(done).resolves.toBeDefined();
    expect(stops.length).toBe(before);
    expect(records.filter((r) => r.kind === "end").at(-1)).toMatchObject({ op: "run", outcome: "aborted" });
  });

  it("abortRun with no run going asks nothing", async () => {
    const { agent, records } = agentOn(`${base}/rt`, "rest");
    await agent.client.discover();
    agent.abortRun();
    await new Promise((r) => setImmediate(r));
    expect(records.filter((r) => r.kind === "request").map((r) => r.kind === "request" && r.op)).toEqual(["info"]);
  });

  it("a failed run rejects with the transport's error", async () => {
    const { agent } = agentOn(`${base}/rt`, "rest", "broken");
    await expect(agent.runAgent({ runId: "run-4" })).rejects.toMatchObject({ code: "http", status: 500 });
  });

  it("a clone has the same client and remote agent and no run of its own", async () => {
    const { agent, client, records } = agentOn(`${base}/rt`, "rest");
    let copy: ProxyAgent | undefined;
    const done = agent.runAgent({ runId: "run-5" }, {
      onEvent: ({ event }) => {
        if (event.type !== "TEXT_MESSAGE_CONTENT") return;
        copy = agent.clone();
        agent.abortRun();
      },
    });
    await expect(done).resolves.toBeDefined();
    expect([copy instanceof ProxyAgent, copy!.client === client, copy!.remoteAgentId]).toEqual([true, true, "held"]);
    // the original's run is over and the copy never had one: its abort asks nothing
    copy!.abortRun();
    await new Promise((r) => setImmediate(r));
    expect(records.filter((r) => r.kind === "request" && r.op === "stop")).toHaveLength(1);
  });
});
