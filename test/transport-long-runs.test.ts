// What a page needs from the client for a run of a million events: the outcome need not hold every
// event (they are all recorded), the terminal event is still known, and a stream that arrives
// faster than it is read does not keep the thread from painting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRuntimeClient } from "../src/core/transport/client";
import { buildRunInput } from "../src/core/transport/input";
import { eventsOf, recordingHarness } from "./helpers";
import { createRecorder, type RecordSink } from "../src/core/recorder/recorder";
import type { SessionRecord } from "../src/core/session/record";

let server: Server;
let url: string;
/** The body the endpoint streams to the next POST. */
let body = "";
const frame = (e: object) => `data: ${JSON.stringify(e)}\n\n`;
const R = (runId: string) => ({ type: "RUN_STARTED", threadId: "t1", runId });
const F = (runId: string) => ({ type: "RUN_FINISHED", threadId: "t1", runId });
const text = (i: number) => ({ type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: `w${i} ` });

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "text/event-stream" }).end(body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/agent`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const input = buildRunInput({ threadId: "t1", runId: "r1", state: {} });

describe("a long run, read by a page", () => {
  it("keepEvents: false leaves the outcome's events empty; every event is recorded and the terminal is known", async () => {
    const events = [R("r1"), { type: "TEXT_MESSAGE_START", messageId: "m", role: "assistant" }, ...Array.from({ length: 500 }, (_, i) => text(i)), { type: "TEXT_MESSAGE_END", messageId: "m" }, F("r1")];
    body = events.map(frame).join("");
    for (const keepEvents of [true, false]) {
      const h = recordingHarness();
      const outcome = await createRuntimeClient({ url, transport: "agui", recorder: h.recorder }).run("a", input, { keepEvents });
      expect(outcome.status).toBe("finished");
      expect(outcome.terminal).toEqual(F("r1"));
      expect(outcome.tally.frames).toBe(events.length);
      expect(eventsOf(h.records)).toEqual(events);
      expect(outcome.events).toEqual(keepEvents ? events : []);
    }
  });

  it("the terminal event is the last RUN_FINISHED or RUN_ERROR, and none once a later run has started", async () => {
    const cases: [object[], object | undefined][] = [
      [[R("r1"), F("r1"), R("r2"), text(1)], undefined],
      [[R("r1"), F("r1"), R("r2"), { type: "RUN_ERROR", message: "boom" }], { type: "RUN_ERROR", message: "boom" }],
      [[R("r1"), F("r1"), text(2)], F("r1")],
    ];
    for (const [events, terminal] of cases) {
      body = events.map(frame).join("");
      for (const keepEvents of [true, false]) {
        const outcome = await createRuntimeClient({ url, transport: "agui", recorder: recordingHarness().recorder }).run("a", input, { keepEvents });
        expect(outcome.terminal, JSON.stringify(events)).toEqual(terminal);
      }
    }
  });

  it("with sliceMs, a stream that is always ready is read in slices: a timer set at the start runs before the stream ends", async () => {
    // A body whose every read is ready at once: without slices, reading it never gives the thread back.
    const chunks = 600;
    const fetchReady = async () => {
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === 0) controller.enqueue(new TextEncoder().encode(frame(R("r1"))));
          else if (sent <= chunks) controller.enqueue(new TextEncoder().encode(frame(text(sent))));
          else if (sent === chunks + 1) controller.enqueue(new TextEncoder().encode(frame(F("r1"))));
          else controller.close();
          sent++;
        },
      });
      return new Response(stream, { status: 200, headers: { "content-type": "text/event-stream" } });
    };
    const seenWhenTimerRan = async (sliceMs: number | undefined) => {
      let seen = 0;
      let atTimer = -1;
      const client = createRuntimeClient({ url, transport: "agui", recorder: recordingHarness().recorder, fetch: fetchReady, sliceMs });
      const run = client.run("a", input, { onEvent: () => seen++, keepEvents: false });
      setTimeout(() => (atTimer = seen), 0);
      const outcome = await run;
      expect(outcome.tally.frames).toBe(chunks + 2);
      // (a timer that had not run by the end runs now)
      await new Promise((r) => setTimeout(r, 5));
      return atTimer;
    };
    const sliced = await seenWhenTimerRan(0);
    expect(sliced).toBeGreaterThanOrEqual(0);
    expect(sliced).toBeLessThan(chunks);
    expect(await seenWhenTimerRan(undefined)).toBe(chunks + 2);
  });

  it("with sliceMs, a stream read faster than it is stored stops being read until storing catches up; nothing is lost", async () => {
    const total = 60_000;
    // A store that takes records at once but stores them only when let go, as a slow disk would.
    let held: SessionRecord[] = [];
    let stored = 0;
    let failing = false;
    const sink: RecordSink = {
      async write(records) {
        held.push(...records);
      },
      unstored: () => (failing ? 0 : held.length),
    };
    const recorder = createRecorder({ sink, flushMs: 1 });
    const release = () => ((stored += held.length), (held = []));
    let seen = 0;
    const client = createRuntimeClient({ url, transport: "agui", recorder, sliceMs: 0, fetch: async () => readyStream(total) });
    const run = client.run("a", input, { onEvent: () => seen++, keepEvents: false });
    let done = false;
    void run.then(() => (done = true));
    // Reading stops once about 20,000 records wait to be stored.
    await waitUntil(() => seen > 15_000);
    await new Promise((r) => setTimeout(r, 300));
    const paused = seen;
    expect(done).toBe(false);
    expect(paused).toBeLessThan(30_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toBe(paused);
    // A failing store does not hold reading back: its records wait in memory by design.
    failing = true;
    await waitUntil(() => done);
    failing = false;
    const outcome = await run;
    await recorder.flush();
    release();
    expect(outcome.tally.frames).toBe(total + 2);
    expect(stored).toBe(total + 2 + 3);
  });
});

/** A body whose every read is ready at once: RUN_STARTED, n text deltas, RUN_FINISHED. */
function readyStream(n: number): Response {
  let sent = 0;
  const enc = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) controller.enqueue(enc.encode(frame(R("r1"))));
      else if (sent <= n) {
        let text = "";
        for (let k = 0; k < 100 && sent <= n; k++, sent++) text += frame(text_(sent));
        controller.enqueue(enc.encode(text));
        return;
      } else if (sent === n + 1) controller.enqueue(enc.encode(frame(F("r1"))));
      else controller.close();
      sent++;
    },
  });
  return new Response(stream, { status: 200, headers: { "content-type": "text/event-stream" } });
}

const text_ = (i: number) => ({ type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: `w${i} ` });

async function waitUntil(ok: () => boolean, ms = 20_000) {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 5));
  }
}
