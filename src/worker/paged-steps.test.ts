import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { createSession, createIdbSink } from "../storage";
import { freshDb, header } from "../storage/test-util";
import { createSessionView } from "../models/session-view";
import type { SessionPort } from "../models/session-port";
import { generateMixedSession } from "../../test/session-generator";
import { connectPort, servePort } from "./port";
import { createSessionService } from "./service";

// Steps on a window are answered by the worker, asynchronously: quick presses must add up
// (three `j` move three rows), each starting where the one before ended.

const records = generateMixedSession(3);
const channels: MessageChannel[] = [];
afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));

describe("paged steps", () => {
  it("three quick steps move three rows; home then a step lands on the second row", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    await sink.write(records);
    await sink.flushNow();
    sink.dispose();
    const channel = new MessageChannel();
    channels.push(channel);
    servePort(channel.port1 as never, createSessionService(db) as never);
    const port = connectPort<SessionPort & Record<string, never>>(channel.port2 as never).api as SessionPort;
    const view = createSessionView();
    await view.openPaged(port, s.id);
    view.select(10);
    view.step(1);
    view.step(1);
    view.step(1);
    await expect.poll(() => view.cursorSeq.value).toBe(13);
    await new Promise((r) => setTimeout(r, 50));
    expect(view.cursorSeq.value).toBe(13);
    view.home();
    view.step(1);
    await expect.poll(() => view.cursorSeq.value).toBe(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(view.cursorSeq.value).toBe(2);
  });
});
