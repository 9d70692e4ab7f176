import { describe, expect, it } from "vitest";
import { importText } from "./index";

// One HAR entry in, the exact records out: request, response, frames and end, with their times.

const har = (...entries: unknown[]) => JSON.stringify({ log: { version: "1.2", creator: { name: "x", version: "1" }, entries } });
const T0 = Date.parse("2026-09-02T08:00:00.000Z");
const ids = { agentId: "a", threadId: "t", runId: "r" };

describe("HAR entries as records", () => {
  it("an EventSource run: redacted request, response timed by its timings, frames by Chrome's clock, end by the entry's time", () => {
    const r = importText(
      har(
        // the page itself: no AG-UI, skipped
        { startedDateTime: "2026-09-02T08:00:00.000Z", time: 40, request: { method: "GET", url: "http://h/index.html", headers: [] }, response: { status: 200, headers: [], content: { mimeType: "text/html", text: "<html>" } } },
        {
          startedDateTime: "2026-09-02T08:00:00.000Z",
          time: 40,
          request: { method: "POST", url: "http://h/api/agent/a/run?token=abcd1234", headers: [{ name: "Authorization", value: "Bearer sekret-1" }, { name: "Accept", value: "text/event-stream" }], postData: { mimeType: "application/json", text: '{"threadId":"t","runId":"r"}' } },
          response: { status: 200, headers: [{ name: "Content-Type", value: "text/event-stream" }], content: { mimeType: "text/event-stream", text: "" } },
          // negative timings mean "not applicable"; receive is not waiting
          timings: { blocked: -1, dns: 1, connect: 2, send: 3, wait: 4, receive: 30 },
          _eventSourceMessages: [
            { time: 100.5, eventName: "message", eventId: "", data: '{"type":"RUN_STARTED","threadId":"t","runId":"r"}' },
            { time: 100.75, eventName: "custom", eventId: "7", data: '{"type":"RUN_FINISHED","threadId":"t","runId":"r"}' },
          ],
        },
      ),
      { now: 0, file: "dir/x.har" },
    );
    expect(r.header).toMatchObject({ name: "x.har", agentId: "a", runtimeUrl: "http://h/api", transport: "rest", createdAt: "2026-09-02T08:00:00.000Z", source: { kind: "har", file: "x.har" } });
    expect(r.records).toEqual([
      { dir: "out", kind: "request", x: 1, ...ids, op: "run", method: "POST", url: "http://h/api/agent/a/run?token=%5Bredacted%5D", transport: "rest", headers: { Authorization: "[redacted]", Accept: "text/event-stream" }, body: { threadId: "t", runId: "r" }, seq: 1, t: T0 },
      { dir: "in", kind: "response", x: 1, ...ids, op: "run", status: 200, contentType: "text/event-stream", headers: { "Content-Type": "text/event-stream" }, ms: 10, seq: 2, t: T0 + 10 },
      { dir: "in", kind: "event", x: 1, ...ids, event: { type: "RUN_STARTED", threadId: "t", runId: "r" }, seq: 3, t: T0 + 10 },
      { dir: "in", kind: "event", x: 1, ...ids, event: { type: "RUN_FINISHED", threadId: "t", runId: "r" }, sse: { event: "custom", id: "7" }, seq: 4, t: T0 + 260 },
      { dir: "in", kind: "end", x: 1, ...ids, op: "run", frames: 2, outcome: "complete", seq: 5, t: T0 + 40 },
    ]);
  });

  it("a failed call keeps its JSON answer, scrubbed of what the request sent, and ends as a cut stream", () => {
    const r = importText(
      har({
        startedDateTime: "2026-09-02T08:00:00.000Z",
        request: { method: "POST", url: "http://h/api/agent/a/run", headers: [{ name: "X-Api-Key", value: "sekret-22" }], postData: { mimeType: "application/json", text: '{"threadId":"t","runId":"r"}' } },
        response: { status: 500, headers: [{ name: "content-type", value: "application/json" }], content: { text: '{"error":"bad key sekret-22"}' }, _error: "net::ERR_FAILED" },
        timings: { wait: 5 },
      }),
      { now: 0 },
    );
    expect(r.records.slice(1)).toEqual([
      { dir: "in", kind: "response", x: 1, ...ids, op: "run", status: 500, contentType: "application/json", headers: { "content-type": "application/json" }, ms: 5, body: { error: "bad key [redacted]" }, seq: 2, t: T0 + 5 },
      // no `time`: the end comes when the timings add up to
      { dir: "in", kind: "end", x: 1, ...ids, op: "run", frames: 0, outcome: "error", code: "cut-stream", error: "net::ERR_FAILED", seq: 3, t: T0 + 5 },
    ]);
  });

  it("a non-JSON answer is kept as text, a non-JSON request body as it was sent", () => {
    const r = importText(
      har({
        startedDateTime: "2026-09-02T08:00:00.000Z",
        time: 3,
        request: { method: "POST", url: "http://h/api/agent/a/run", headers: [], postData: { mimeType: "text/plain", text: "not json" } },
        response: { status: 200, headers: [], content: { mimeType: "text/plain", text: "plain words" } },
      }),
      { now: 0 },
    );
    expect(r.records.map((x) => ({ ...x, seq: 0 }))).toEqual([
      { dir: "out", kind: "request", x: 1, agentId: "a", op: "run", method: "POST", url: "http://h/api/agent/a/run", transport: "rest", headers: {}, body: "not json", seq: 0, t: T0 },
      { dir: "in", kind: "response", x: 1, agentId: "a", op: "run", status: 200, contentType: "text/plain", headers: {}, ms: 0, text: "plain words", seq: 0, t: T0 },
      { dir: "in", kind: "end", x: 1, agentId: "a", op: "run", frames: 0, outcome: "complete", seq: 0, t: T0 + 3 },
    ]);
  });

  it("an event stream from any endpoint is a plain AG-UI run, read from its text when Chrome kept no messages", () => {
    const sse = 'data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\n';
    const r = importText(
      har({
        startedDateTime: "2026-09-02T08:00:00.000Z",
        time: 1,
        request: { method: "POST", url: "http://agent.local/awp", headers: [] },
        response: { status: 200, headers: [{ name: "Content-Type", value: "text/event-stream; charset=utf-8" }], content: { text: sse } },
      }),
      { now: 0 },
    );
    expect(r.header.transport).toBe("agui");
    expect(r.header.runtimeUrl).toBeUndefined();
    expect(r.records.map((x) => x.kind)).toEqual(["request", "response", "event", "end"]);
    expect(r.records[0]).toMatchObject({ op: "run", transport: "agui", method: "POST" });
    expect(r.records[0]).not.toHaveProperty("body");
    expect(r.records[1]).toMatchObject({ contentType: "text/event-stream; charset=utf-8" });
    expect(r.records[1]).not.toHaveProperty("text");
  });

  it("a HAR without AG-UI traffic is refused with what it holds and where to save one, not opened empty", () => {
    const page = { startedDateTime: "2026-09-02T08:00:00.000Z", time: 4, request: { method: "GET", url: "http://h/app.js?token=zz-secret-1", headers: [] }, response: { status: 200, headers: [], content: { mimeType: "text/javascript", text: "1" } } };
    const css = { ...page, request: { ...page.request, url: "http://h/a.css" } };
    expect(() => importText(har(page, css), { now: 0 })).toThrow(/^the HAR holds 2 entries \(http:\/\/h\/app\.js, http:\/\/h\/a\.css\), none of them AG-UI traffic: .*Save the HAR from the tab where the agent ran/);
    expect(() => importText(har(page), { now: 0 })).toThrow(/holds 1 entry \(http:\/\/h\/app\.js\)/);
    expect(() => importText(har(), { now: 0 })).toThrow(/^the HAR holds 0 entries, none of them AG-UI traffic/);
    expect(() => importText(har(page), { now: 0 })).toThrow(/none of them AG-UI traffic: no CopilotKit runtime call \(…\/info, …\/agent\/<id>\/run or \/connect, a single-endpoint POST\) and no event stream\. Save/);
    // Many URLs: three are named, and the count; three are named without one.
    const many = ["a", "b", "c", "d"].map((n) => ({ ...page, request: { ...page.request, url: `http://h/${n}` } }));
    expect(() => importText(har(...many, many[0]), { now: 0 })).toThrow(/\(http:\/\/h\/a, http:\/\/h\/b, http:\/\/h\/c, … \(4 URLs\)\)/);
    expect(() => importText(har(...many.slice(0, 3)), { now: 0 })).toThrow(/\(http:\/\/h\/a, http:\/\/h\/b, http:\/\/h\/c\), none/);
    // Entries that are no object or name no URL are counted, not named, and break nothing.
    expect(() => importText(har(null, {}, { request: {} }, many[0]), { now: 0 })).toThrow(/^the HAR holds 4 entries \(http:\/\/h\/a\), none/);
    // A query's secret never reaches the message.
    try {
      importText(har(page), { now: 0 });
    } catch (err) {
      expect((err as Error).name).toBe("ImportError");
      expect((err as Error).message).not.toContain("zz-secret-1");
    }
  });
});
