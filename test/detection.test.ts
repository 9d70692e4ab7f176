// Detection that explains itself: auto tries REST, single-route, then looks for a plain AG-UI
// endpoint without running an agent; transport "agui" checks the URL answers before saying
// connected. Against the real runtime and a plain AG-UI endpoint built on @ag-ui/encoder
// (AG-UI's own server encoder, which answers protobuf when the Accept header asks for it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { EventEncoder } from "@ag-ui/encoder";
import { RunAgentInputSchema } from "@ag-ui/core/schemas";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { createRuntimeClient } from "../src/core/transport/client";
import { buildRunInput, userMessage } from "../src/core/transport/input";
import { InspectorError } from "../src/core/transport/errors";
import type { EventRecord, RequestRecord } from "../src/core/session/record";
import { recordingHarness } from "./helpers";

let rt: RuntimeFixture;
let plain: Server;
let plainUrl: string;
/** Runs the plain endpoint's agent actually started. */
let agentRuns = 0;
const accepts: string[] = [];

beforeAll(async () => {
  rt = await startRuntime();
  plain = createServer((req, res) => {
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST", "content-type": "application/json" }).end(JSON.stringify({ detail: "Method Not Allowed" }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        body = undefined;
      }
      const parsed = RunAgentInputSchema.safeParse(body);
      if (!parsed.success) {
        // as a FastAPI AG-UI endpoint answers a body that is no RunAgentInput
        res.writeHead(422, { "content-type": "application/json" }).end(JSON.stringify({ detail: parsed.error.issues.map((i) => ({ loc: i.path, msg: i.message })) }));
        return;
      }
      agentRuns++;
      accepts.push(String(req.headers.accept ?? ""));
      const encoder = new EventEncoder({ accept: String(req.headers.accept ?? "") });
      res.writeHead(200, { "content-type": encoder.getContentType() });
      const { threadId, runId } = parsed.data;
      for (const e of [
        { type: "RUN_STARTED", threadId, runId },
        { type: "TEXT_MESSAGE_START", messageId: "m1", role: "assistant" },
        { type: "TEXT_MESSAGE_CONTENT", messageId: "m1", delta: "plain hello" },
        { type: "TEXT_MESSAGE_END", messageId: "m1" },
        { type: "RUN_FINISHED", threadId, runId },
      ]) res.write(encoder.encodeBinary(e as never));
      res.end();
    });
  });
  await new Promise<void>((r) => plain.listen(0, "127.0.0.1", r));
  plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/awp`;
});
afterAll(async () => {
  await new Promise((r) => plain.close(r));
  await rt.close();
});

const clientFor = (url: string, transport: "auto" | "agui" | "rest", extra: { preferProto?: boolean; fetch?: typeof fetch; origin?: string } = {}) => {
  const h = recordingHarness();
  return { h, client: createRuntimeClient({ url, transport, recorder: h.recorder, ...extra }) };
};

describe("auto detection", () => {
  it("on a plain AG-UI endpoint: says so, what it tried, and to pick agui — without running the agent", async () => {
    const { client, h } = clientFor(plainUrl, "auto");
    const err = (await client.discover().catch((e) => e)) as InspectorError;
    expect(err).toBeInstanceOf(InspectorError);
    expect(err.code).toBe("plain-agui");
    expect(err.message).toContain('looks like a plain AG-UI endpoint: it refused {"method":"info"} as a run request (its 422 names RunAgentInput fields)');
    expect(err.message).toContain('Pick transport "agui"');
    expect(err.message).toContain(`Tried: REST GET ${plainUrl}/info → 405`);
    expect(err.message).toContain(`single-route POST ${plainUrl} {"method":"info"} → 422`);
    expect(agentRuns).toBe(0);
    // every probe is in the session, none of them a run
    const requests = h.records.filter((r): r is RequestRecord => r.kind === "request");
    expect(requests.map((r) => [r.op, r.method])).toEqual([["info", "GET"], ["info", "POST"]]);
  });

  it("on a CopilotKit runtime: finds it as before", async () => {
    expect((await clientFor(rt.restUrl, "auto").client.discover()).transport).toBe("rest");
    expect((await clientFor(rt.singleUrl, "auto").client.discover()).transport).toBe("single");
  });

  it("on a URL with nothing behind it: says nothing there looks like an AG-UI endpoint either", async () => {
    const err = (await clientFor(`${rt.origin}/nothing-here`, "auto").client.discover().catch((e) => e)) as InspectorError;
    expect(err.code).toBe("http");
    expect(err.message).toMatch(/No runtime found at .*nothing-here, and nothing there looks like a plain AG-UI endpoint\. Tried: REST GET .*\/info → 404/);
  });
});

describe('transport "agui" checks before saying connected', () => {
  it("a plain endpoint: connected, saying how it answered", async () => {
    const d = await clientFor(plainUrl, "agui").client.discover();
    expect(d).toEqual({ transport: "agui", info: null, note: `checked: GET ${plainUrl} answered 405 (POST only, as an AG-UI endpoint)` });
  });

  it("a CopilotKit runtime's URL: refused, naming the transports to pick", async () => {
    const err = (await clientFor(rt.restUrl, "agui").client.discover().catch((e) => e)) as InspectorError;
    expect(err.code).toBe("wrong-transport");
    expect(err.message).toMatch(/is a CopilotKit runtime \(its \/info lists scripted, slow, .*\).*Pick transport auto, rest or single/);
  });

  it("a dead URL: refused as unreachable", async () => {
    const err = (await clientFor("http://127.0.0.1:9/awp", "agui").client.discover().catch((e) => e)) as InspectorError;
    expect(err.code).toBe("unreachable");
  });

  it('an endpoint the page may not read (CORS): connected, "not checked"', async () => {
    // the browser's refusal, as a page sees it: the cors request throws, an opaque no-cors one does not
    const browserLike = (async (_url: string, init?: RequestInit) => {
      if (init?.mode === "no-cors") return new Response(null, { status: 200 });
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    const d = await clientFor(plainUrl, "agui", { fetch: browserLike, origin: "http://127.0.0.1:1" }).client.discover();
    expect(d.note).toMatch(/^not checked: /);
  });
});

describe("asking for protobuf", () => {
  it("preferProto sends Accept: application/vnd.ag-ui.event+proto; the endpoint answers protobuf and the run decodes; the request records the Accept", async () => {
    const { client, h } = clientFor(plainUrl, "agui", { preferProto: true });
    const outcome = await client.run("agent", buildRunInput({ messages: [userMessage("proto please")] }));
    expect(outcome.status).toBe("finished");
    expect(accepts.at(-1)).toMatch(/^application\/vnd\.ag-ui\.event\+proto/);
    const request = h.records.find((r): r is RequestRecord => r.kind === "request" && r.op === "run")!;
    expect(request.headers.Accept ?? request.headers.accept).toMatch(/^application\/vnd\.ag-ui\.event\+proto/);
    const events = h.records.filter((r): r is EventRecord => r.kind === "event");
    expect(events.map((r) => r.event.type)).toEqual(["RUN_STARTED", "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "RUN_FINISHED"]);
    expect(events.every((r) => r.rawEncoding === "base64")).toBe(true);
  });

  it("without it the same endpoint answers SSE", async () => {
    const { client, h } = clientFor(plainUrl, "agui");
    await client.run("agent", buildRunInput({ messages: [userMessage("sse please")] }));
    expect(accepts.at(-1)).toBe("text/event-stream");
    expect(h.records.filter((r): r is EventRecord => r.kind === "event").some((r) => r.rawEncoding === "base64")).toBe(false);
  });

  it("a CopilotKit runtime is asked too, and answers SSE as it always does", async () => {
    const { client, h } = clientFor(rt.restUrl, "rest", { preferProto: true });
    await client.discover();
    const outcome = await client.run("scripted", buildRunInput({ messages: [userMessage("hi")] }));
    expect(outcome.status).toBe("finished");
    const request = h.records.find((r): r is RequestRecord => r.kind === "request" && r.op === "run")!;
    expect(request.headers.Accept).toMatch(/proto/);
  });
});
