// Event streams in a HAR: Chrome's `_eventSourceMessages` when the response says little, messages
// missing their time or data, mis-decoded message text, and base64 bodies (the wire's own bytes).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EventRecord, ResponseRecord, SessionRecord } from "../record";
import { importText } from "./index";

type Message = { time?: number; eventName: string; eventId: string; data?: string | null };
type Entry = { startedDateTime: string; response: { headers: unknown[]; content: Record<string, unknown> }; _eventSourceMessages: Message[] };
const FIXTURE = readFileSync(join(import.meta.dirname, "../../../../test/fixtures/import/chrome-devtools.har"), "utf8");
/** The fixture's EventSource entry (a `reasoning` stream), changed by `edit`, alone in a HAR. */
const eventSource = (edit: (e: Entry) => void) => {
  const doc = JSON.parse(FIXTURE) as { log: { entries: Entry[] } };
  const entry = doc.log.entries[2];
  edit(entry);
  doc.log.entries = [entry];
  return JSON.stringify(doc);
};
const events = (records: SessionRecord[]) => records.filter((r): r is EventRecord => r.kind === "event");
const wire = (e: Entry) => e._eventSourceMessages.map((m) => JSON.parse(m.data!));
const original = (JSON.parse(FIXTURE) as { log: { entries: Entry[] } }).log.entries[2];

describe("EventSource streams in a HAR", () => {
  it("reads Chrome's messages even when the response names no event-stream type", () => {
    const r = importText(
      eventSource((e) => {
        e.response.headers = [];
        e.response.content = { size: 0, mimeType: "" };
      }),
    );
    expect(events(r.records).map((e) => e.event)).toEqual(wire(original));
    expect(r.records.at(-1)).toMatchObject({ kind: "end", outcome: "complete", frames: original._eventSourceMessages.length });
  });

  it("puts messages without a time at the response's time, in their order", () => {
    const r = importText(eventSource((e) => e._eventSourceMessages.forEach((m) => delete m.time)));
    const response = r.records.find((x): x is ResponseRecord => x.kind === "response")!;
    expect(events(r.records).map((e) => e.event)).toEqual(wire(original));
    expect(new Set(events(r.records).map((e) => e.t))).toEqual(new Set([response.t]));
  });

  it("keeps a message saved without a time at the time of the one before it, and times the others from the first one stamped", () => {
    const r = importText(
      eventSource((e) => {
        delete e._eventSourceMessages[0].time;
        delete e._eventSourceMessages[3].time;
      }),
    );
    const response = r.records.find((x): x is ResponseRecord => x.kind === "response")!;
    const stamps = original._eventSourceMessages.map((m) => m.time!);
    const offsets = events(r.records).map((e) => e.t - response.t);
    expect(offsets[0]).toBe(0);
    expect(offsets[1]).toBe(0);
    expect(offsets[2]).toBe(Math.round((stamps[2] - stamps[1]) * 1000));
    expect(offsets[3]).toBe(offsets[2]);
    expect(offsets.slice(4)).toEqual(stamps.slice(4).map((s) => Math.round((s - stamps[1]) * 1000)));
  });

  it("keeps a message saved without data, or as null, as an empty frame in its place, and reads the ones after it", () => {
    for (const lost of [(m: Message[]) => (m[1].data = null), (m: Message[]) => (m[1] = null as unknown as Message)]) {
      const r = importText(eventSource((e) => lost(e._eventSourceMessages)));
      const inStream = r.records.filter((x) => x.kind === "event" || x.kind === "bad-frame");
      expect(inStream).toHaveLength(original._eventSourceMessages.length);
      expect(inStream[1]).toMatchObject({ kind: "bad-frame", raw: "" });
      expect(events(r.records).map((e) => e.event)).toEqual(wire(original).filter((_, i) => i !== 1));
    }
  });

  it("turns message text Chrome saved as windows-1252 back into what the wire carried, and says so", () => {
    const misread = Buffer.from("héllo 🌞", "utf8").toString("latin1");
    const r = importText(
      eventSource((e) => {
        e._eventSourceMessages[1].data = JSON.stringify({ type: "STEP_STARTED", stepName: misread });
        e._eventSourceMessages.splice(2, 0, { eventName: "message", eventId: "", data: null });
      }),
    );
    expect(events(r.records)[1].event).toEqual({ type: "STEP_STARTED", stepName: "héllo 🌞" });
    expect(r.records.find((x) => x.kind === "response")).toMatchObject({ misDecoded: { as: "windows-1252", repaired: true } });
  });
});

describe("base64 stream bodies", () => {
  it("are the wire's bytes: text that merely looks mis-decoded is kept as sent", () => {
    const event = { type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: "Ã© is é read as windows-1252" };
    const body = `data: ${JSON.stringify({ type: "TEXT_MESSAGE_START", messageId: "m", role: "assistant" })}\n\ndata: ${JSON.stringify(event)}\n\n`;
    const r = importText(
      eventSource((e) => {
        e._eventSourceMessages = [];
        e.response.content = { size: body.length, mimeType: "text/event-stream", encoding: "base64", text: Buffer.from(body, "utf8").toString("base64") };
      }),
    );
    expect(events(r.records).map((e) => e.event)[1]).toEqual(event);
    expect(r.records.find((x) => x.kind === "response")).not.toHaveProperty("misDecoded");
  });
});
