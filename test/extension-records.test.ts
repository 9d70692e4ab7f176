import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { protoEvents, startFaultServer } from "../e2e/fixtures/fault-server";
import { createRuntimeClient } from "../src/core/transport/client";
import { buildRunInput, userMessage } from "../src/core/transport/input";
import { createReplay } from "../src/core/replay";
import type { SessionRecord } from "../src/core/session/record";
import { classifyEntry } from "../extension/observe/classify";
import { observedSession } from "../extension/observe/records";
import { chromeEntry, entryFor, type CapturedEntry } from "./extension-fixtures";
import { eventsOf, recordingHarness, wireEvents } from "./helpers";

function observe(c: CapturedEntry, id = "observed-test") {
  const what = classifyEntry(c.entry);
  if (!what) throw new Error("not AG-UI traffic");
  return observedSession(id, c.entry, what, c.content);
}

/** A record without what only a live recording or only a capture can know (times, header rows). */
function comparable(r: SessionRecord) {
  const { seq: _s, t: _t, x: _x, ...rest } = r as SessionRecord & Record<string, unknown>;
  delete rest.ms;
  delete rest.headers;
  return rest;
}

describe("an observed request as a session", () => {
  it("a real Chrome entry of a REST run: request, response, every frame as sent, end; labelled observed", () => {
    const c = chromeEntry("POST", "/agent/scripted/run");
    const { header, records } = observe(c, "observed-1");
    expect(records.map((r) => r.kind)).toEqual(["request", "response", ...wireEvents(c.content.text!).map(() => "event"), "end"]);
    expect(eventsOf(records)).toEqual(wireEvents(c.content.text!));
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
    expect(records[0]).toMatchObject({ dir: "out", op: "run", method: "POST", url: c.entry.request.url, transport: "rest", agentId: "scripted", threadId: "thread-obs-1", runId: "run-obs-1", body: JSON.parse(c.entry.request.postData!.text!) });
    expect(records[1]).toMatchObject({ dir: "in", kind: "response", status: 200, contentType: "text/event-stream" });
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "complete", frames: wireEvents(c.content.text!).length });
    // times come from the entry: the request when it started, frames when the body had arrived
    const started = Date.parse(c.entry.startedDateTime);
    expect(records[0].t).toBe(started);
    expect(records.at(-1)!.t).toBe(started + c.entry.time!);
    expect(header).toMatchObject({ id: "observed-1", source: { kind: "observed" }, agentId: "scripted", transport: "rest", createdAt: c.entry.startedDateTime });
    expect(header.name).toMatch(/^Observed run · scripted · 127\.0\.0\.1:\d+\/rest · thread thread-o$/);
  });

  it("a request the browser refused (CORS) is a request and a failed end, nothing invented", () => {
    const { records } = observe(chromeEntry("POST", "/single"));
    expect(records.map((r) => r.kind)).toEqual(["request", "end"]);
    expect(records[1]).toMatchObject({ outcome: "error", code: "unreachable", frames: 0 });
    expect((records[1] as { error: string }).error).toContain("net::ERR_FAILED");
  });

  it("an HTTP error answer keeps its JSON body; a missing body is said so", () => {
    const bad = entryFor({ method: "POST", url: "http://h:1/rest/agent/nope/run", body: JSON.stringify({ threadId: "t", runId: "r", messages: [] }) }, { status: 404, headers: { "content-type": "application/json" }, body: JSON.stringify({ error: "Agent not found" }) });
    const a = observe(bad).records;
    expect(a.map((r) => r.kind)).toEqual(["request", "response", "end"]);
    expect(a[1]).toMatchObject({ status: 404, body: { error: "Agent not found" } });
    expect(a[2]).toMatchObject({ outcome: "error", code: "http" });
    const gone = { ...chromeEntry("POST", "/agent/scripted/run"), content: { text: null } };
    expect(observe(gone).records.at(-1)).toMatchObject({ kind: "end", outcome: "error", code: "body-unavailable" });
  });

  it("secrets in the page's request never reach the session", () => {
    const c = entryFor(
      { method: "POST", url: "http://h:1/rest/agent/a/run?api_key=k-123", headers: { Authorization: "Bearer sk-secret", Cookie: "sid=s3", "X-Team": "qa" }, body: JSON.stringify({ threadId: "t", runId: "r", messages: [], apiKey: "k-456" }) },
      { status: 200, headers: { "content-type": "text/event-stream", "set-cookie": "sid=s4" }, body: "" },
    );
    const { records, header } = observe(c);
    expect(JSON.stringify({ records, header })).not.toMatch(/sk-secret|sid=s3|sid=s4|k-123|k-456/);
    expect(records[0]).toMatchObject({ headers: { authorization: "[redacted]", cookie: "[redacted]", "x-team": "qa" } });
  });
});

describe("observed equals recorded, against the real runtime", () => {
  let rt: RuntimeFixture;
  beforeAll(async () => {
    rt = await startRuntime();
  });
  afterAll(() => rt.close());

  for (const transport of ["rest", "single"] as const) {
    it(`${transport}: the same exchange observed and recorded live gives the same records, fold and findings`, async () => {
      const sent: { url: string; init: RequestInit }[] = [];
      const { recorder, records: live } = recordingHarness();
      const url = transport === "rest" ? rt.restUrl : rt.singleUrl;
      const client = createRuntimeClient({ url, transport, recorder, fetch: (u, init) => (sent.push({ url: u, init: init ?? {} }), fetch(u, init)) });
      const input = buildRunInput({ messages: [userMessage(`observe ${transport}`)] });
      const outcome = await client.run("scripted", input);
      expect(outcome.status).toBe("finished");
      const request = sent.find((s) => String(s.init.body).includes(input.runId))!;
      const wire = rt.tapped.find((t) => t.method === "POST" && t.body.includes(input.runId))!;
      const captured = entryFor({ method: "POST", url: request.url, headers: request.init.headers as Record<string, string>, body: String(request.init.body) }, { status: wire.status, headers: { "content-type": "text/event-stream" }, body: wire.body });

      const observed = observe(captured).records;
      const liveRun = live.filter((r) => r.x === outcome.x);
      expect(observed.map(comparable)).toEqual(liveRun.map(comparable));

      const fold = (records: SessionRecord[]) => {
        const replay = createReplay();
        replay.append(records.map((r, i) => ({ ...r, seq: i + 1 })));
        return { view: replay.at(records.length), findings: replay.findingsUpTo().map((f) => f.rule), runs: replay.runs().length };
      };
      const a = fold(observed);
      expect(a.view.messages.length).toBeGreaterThan(1);
      expect(a).toEqual(fold(liveRun));
    });
  }
});

describe("a plain AG-UI endpoint answering in protobuf", () => {
  it("the base64 body DevTools hands over decodes to the same records as the live recording", async () => {
    const fault = await startFaultServer();
    try {
      let bytes = Buffer.alloc(0);
      let request!: { url: string; init: RequestInit };
      const { recorder, records: live } = recordingHarness();
      const client = createRuntimeClient({
        url: `${fault.url}/proto`,
        transport: "agui",
        preferProto: true,
        recorder,
        fetch: async (u, init) => {
          request = { url: u, init: init ?? {} };
          const res = await fetch(u, init);
          bytes = Buffer.from(await res.clone().arrayBuffer());
          return res;
        },
      });
      const outcome = await client.run("agent", buildRunInput({ messages: [userMessage("binary")] }));
      expect(outcome.status).toBe("finished");
      const captured = entryFor({ method: "POST", url: request.url, headers: request.init.headers as Record<string, string>, body: String(request.init.body) }, { status: 200, headers: { "content-type": "application/vnd.ag-ui.event+proto" }, body: "" });
      captured.content = { text: bytes.toString("base64"), encoding: "base64" };
      const { records, header } = observe(captured);
      expect(header.transport).toBe("agui");
      expect(eventsOf(records).map((e) => e.type)).toEqual(protoEvents.map((e) => e.type));
      // a plain endpoint's URL names no agent: only the inspector's own recording has the id it was given
      const liveRun = live.filter((r) => r.x === outcome.x).map(({ agentId: _a, ...r }) => comparable(r as SessionRecord));
      expect(records.map(comparable)).toEqual(liveRun);
    } finally {
      await fault.close();
    }
  });
});
