import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { header, storedSession } from "../storage/test-util";
import { createSessionView } from "../models/session-view";
import { NO_FILTER, type RecordFamily } from "../models/filters";
import type { SessionPort } from "../models/session-port";
import { generateMixedSession } from "../../test/session-generator";
import { connectPort, servePort } from "./port";
import { createSessionService } from "./service";

// The session service behind a real MessageChannel: everything crosses by structured clone, as
// it does between the page and its worker.

const records = generateMixedSession(12);
const channels: MessageChannel[] = [];
afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));

async function setup() {
  const { db, id: sessionId } = await storedSession(records);
  const channel = new MessageChannel();
  channels.push(channel);
  const news: unknown[] = [];
  const server = servePort(channel.port1 as never, createSessionService(db, { checkpointEvery: 40, news: (e, p) => server.emit(e, p) }) as never);
  const client = connectPort<SessionPort & Record<string, never>>(channel.port2 as never);
  client.on("fold", (p) => news.push(p));
  return { id: sessionId, api: client.api as SessionPort, news, client };
}

describe("the session service over a message port", () => {
  it("answers rows, seeks, overview and exports as the in-memory view does", async () => {
    const { id, api, news } = await setup();
    const view = createSessionView();
    view.reset(records);
    const info = await api.open(id);
    expect(info).toMatchObject({ firstSeq: 1, lastSeq: records.length, records: records.length });
    const filter = { ...NO_FILTER, hidden: new Set<RecordFamily>(["text", "wire"]) };
    view.filter.value = filter;
    const rows = await api.rows(id, { filter, coalesce: false }, 10, 40);
    expect(rows.rows.map((r) => r.record)).toEqual(view.rows.value.slice(10, 40).map((row) => view.records()[row.index]));
    for (const seq of [3, 77, 400, records.length - 2]) {
      view.select(seq);
      const got = await api.at(id, seq);
      expect(got.state).toEqual(view.view.value.state);
      expect(got.messages).toEqual(view.view.value.messages);
    }
    const overview = await api.overview(id);
    expect(overview.findings).toEqual(view.findings.value);
    expect(overview.runs).toEqual(view.runs.value);
    expect(overview.openToolCalls).toEqual(view.openToolCalls.value);
    const blob = await api.exportFile(id, header({ id: "x" }), { select: { kind: "run", runId: "r2" } });
    const lines = (await blob.text()).trim().split("\n");
    expect(lines.slice(1).map((l) => JSON.parse(l).seq)).toEqual(records.filter((r) => r.runId === "r2").map((r) => r.seq));
    // The fold said how far it had got, ending at the last record.
    expect(news.at(-1)).toEqual({ sessionId: id, folded: records.length, lastSeq: records.length });
  });

  it("a call that fails rejects with the reason; the port keeps answering", async () => {
    const { id, api, client } = await setup();
    await expect(api.open("no-such-session")).rejects.toThrow(/No session no-such-session/);
    await expect((client.api as unknown as { frobnicate(): Promise<void> }).frobnicate()).rejects.toThrow(/no method "frobnicate"/);
    expect((await api.open(id)).records).toBe(records.length);
  });
});
