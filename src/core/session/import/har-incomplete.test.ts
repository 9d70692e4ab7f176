// HARs with parts missing — entries cut down by hand, by a tool that writes less than HAR 1.2
// asks, or by a capture that never got an answer: each is read for what it has, never thrown on.
import { describe, expect, it } from "vitest";
import type { SessionRecord } from "../record";
import { importText } from "./index";

const har = (...entries: unknown[]) => JSON.stringify({ log: { version: "1.2", creator: { name: "x", version: "1" }, entries } });
const AT = "2026-09-02T08:00:00.000Z";
const T0 = Date.parse(AT);
const SSE = 'data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\n';
const run = { method: "POST", url: "http://h/api/agent/a/run", headers: [], postData: { mimeType: "application/json", text: '{"threadId":"t","runId":"r"}' } };
const streamed = { status: 200, headers: [], content: { mimeType: "text/event-stream", text: SSE } };
const kinds = (records: SessionRecord[]) => records.map((r) => `${r.x}:${r.kind}`);

describe("HAR entries with parts missing", () => {
  it("skips null entries and entries that hold nothing, and reads the runs around them", () => {
    const r = importText(har(null, {}, { startedDateTime: AT, request: run, response: streamed }, { response: {} }), { now: 0 });
    expect(r.errors).toEqual([]);
    expect(kinds(r.records)).toEqual(["1:request", "1:response", "1:event", "1:end"]);
  });

  it("reads an event stream whose request was not saved as a plain AG-UI run: a GET of ''", () => {
    const r = importText(har({ startedDateTime: AT, time: 5, response: streamed }), { now: 0 });
    expect(r.records[0]).toStrictEqual({ seq: 1, t: T0, dir: "out", kind: "request", x: 1, op: "run", method: "GET", url: "", transport: "agui", headers: {} });
    expect(r.records.map((x) => x.kind)).toEqual(["request", "response", "event", "end"]);
    expect(r.header.transport).toBe("agui");
    expect(r.header).not.toHaveProperty("runtimeUrl");
  });

  it("keeps no body for a POST whose postData text is empty", () => {
    const r = importText(har({ startedDateTime: AT, request: { ...run, postData: { mimeType: "application/json", text: "" } }, response: streamed }), { now: 0 });
    expect(r.records[0]).not.toHaveProperty("body");
    expect(r.records[0]).toMatchObject({ kind: "request", agentId: "a", op: "run", transport: "rest" });
  });

  it("ends an exchange the HAR has no answer for (status 0, no error) as unreachable, saying so", () => {
    const r = importText(har({ startedDateTime: AT, time: 30, request: run, response: { status: 0, headers: [], content: { mimeType: "x-unknown" } } }), { now: 0 });
    expect(r.records.map((x) => x.kind)).toEqual(["request", "end"]);
    expect(r.records[1]).toMatchObject({ outcome: "error", code: "unreachable", error: "the HAR records no response (status 0)", frames: 0, t: T0 + 30 });
  });

  it("reads a response without content: its type from the Content-Type header (any case, any position), or none", () => {
    const r = importText(
      har(
        { startedDateTime: AT, request: run, response: { status: 200, headers: [null, { value: "no name" }, { name: "X-Trace", value: "1" }, { name: "content-TYPE", value: "text/event-stream" }] } },
        { startedDateTime: AT, request: { ...run, url: "http://h/api/agent/b/run" }, response: { status: 204 } },
      ),
      { now: 0 },
    );
    expect(r.errors).toEqual([]);
    const responses = r.records.filter((x) => x.kind === "response");
    expect(responses.map((x) => [x.x, (x as { contentType: string }).contentType, (x as { headers: unknown }).headers])).toEqual([
      [1, "text/event-stream", { "X-Trace": "1", "content-TYPE": "text/event-stream" }],
      [2, "", {}],
    ]);
    expect(r.records.filter((x) => x.kind === "end").map((x) => (x as { frames: number }).frames)).toEqual([0, 0]);
    expect(r.records.filter((x) => x.kind === "event" || x.kind === "bad-frame")).toEqual([]);
  });

  it("keeps a header saved without a value as empty, and a numeric value as text", () => {
    const r = importText(har({ startedDateTime: AT, request: { ...run, headers: [{ name: "X-Empty" }, { name: "X-Count", value: 3 }] }, response: streamed }), { now: 0 });
    expect(r.records[0]).toMatchObject({ headers: { "X-Empty": "", "X-Count": "3" } });
  });

  it("falls back to the timings for an entry whose total time is missing or negative, and takes a time of 0 as given", () => {
    const timings = { blocked: 2, dns: -1, connect: 3, send: 1, wait: 4, receive: 50, ssl: -1 };
    const entry = (time: unknown, url: string) => ({ startedDateTime: AT, ...(time !== undefined ? { time } : {}), request: { ...run, url }, response: streamed, timings });
    const r = importText(har(entry(undefined, "http://h/api/agent/a/run"), entry(-1, "http://h/api/agent/b/run"), entry(0, "http://h/api/agent/c/run")), { now: 0 });
    // blocked + connect + send + wait: the wait for the answer; receive is the body arriving.
    expect(r.records.filter((x) => x.kind === "response").map((x) => [x.t - T0, (x as { ms: number }).ms])).toEqual([
      [10, 10],
      [10, 10],
      [10, 10],
    ]);
    expect(r.records.filter((x) => x.kind === "end").map((x) => x.t - T0)).toEqual([10, 10, 0]);
  });

  it("ignores a total time and timings that are not numbers", () => {
    const r = importText(har({ startedDateTime: AT, time: "20", request: run, response: streamed, timings: { blocked: "5", wait: 4 } }), { now: 0 });
    expect(r.records.find((x) => x.kind === "response")).toMatchObject({ ms: 4, t: T0 + 4 });
    expect(r.records.at(-1)).toMatchObject({ kind: "end", t: T0 + 4 });
  });

  it("takes a request saved without its method as a GET", () => {
    const r = importText(har({ startedDateTime: AT, request: { url: "http://h/api/info", headers: [] }, response: { status: 200, headers: [], content: { mimeType: "application/json", text: '{"agents":{}}' } } }), { now: 0 });
    expect(r.records[0]).toMatchObject({ kind: "request", op: "info", method: "GET", transport: "rest" });
    expect(r.records[1]).toMatchObject({ kind: "response", body: { agents: {} } });
  });
});

describe("the session header of a HAR", () => {
  it("names the agent of a HAR that holds one agent's runs and reconnects, beside the runtime's /info", () => {
    const info = { startedDateTime: AT, request: { method: "GET", url: "http://h/api/info", headers: [] }, response: { status: 200, headers: [], content: { mimeType: "application/json", text: "{}" } } };
    const connect = { startedDateTime: "2026-09-02T08:00:02.000Z", request: { ...run, url: "http://h/api/agent/a/connect" }, response: streamed };
    expect(importText(har(info, { startedDateTime: "2026-09-02T08:00:01.000Z", request: run, response: streamed }, connect)).header).toMatchObject({ agentId: "a", runtimeUrl: "http://h/api", transport: "rest" });
    expect(importText(har(info, connect)).header).toMatchObject({ agentId: "a" });
  });

  it("dates a HAR whose entries carry no start time by the import, with the records at time 0", () => {
    const r = importText(har({ request: run, response: streamed }), { now: 0 });
    expect(Number.isFinite(Date.parse(r.header.createdAt))).toBe(true);
    expect(r.records.map((x) => x.t)).toEqual([0, 0, 0, 0]);
  });

  it("refuses a HAR without AG-UI traffic instead of opening it as an empty session", () => {
    const page = { startedDateTime: AT, request: { method: "GET", url: "http://h/index.html", headers: [] }, response: { status: 200, headers: [], content: { mimeType: "text/html", text: "<html>" } } };
    expect(() => importText(har(page))).toThrow(/^the HAR holds 1 entry \(http:\/\/h\/index\.html\), none of them AG-UI traffic/);
  });
});
