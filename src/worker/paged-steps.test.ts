import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { storedSession } from "../storage/test-util";
import { createSessionView } from "../models/session-view";
import { createRowSeverity } from "../models/row-severity";
import type { SessionPort } from "../models/session-port";
import { generateMixedSession } from "../../test/session-generator";
import { connectPort, servePort } from "./port";
import { createSessionService } from "./service";

// Steps on a window are answered by the worker, asynchronously: quick presses must add up
// (three `j` move three rows), each starting where the one before ended.

const records = generateMixedSession(3);
const channels: MessageChannel[] = [];
afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));

async function openWindow() {
  const { db, id: sessionId } = await storedSession(records);
  const channel = new MessageChannel();
  channels.push(channel);
  servePort(channel.port1 as never, createSessionService(db) as never);
  return { port: connectPort<SessionPort & Record<string, never>>(channel.port2 as never).api as SessionPort, id: sessionId };
}

describe("paged steps", () => {
  it("n pressed before the worker sent the findings is applied once they come, from where a quick j left the cursor", async () => {
    const { port: real, id } = await openWindow();
    // The overview (findings) held back, as a busy worker would: the key must wait for it, not be lost.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const port = new Proxy(real, { get: (t, k) => (k === "overview" ? async (sid: string) => (await held, t.overview(sid)) : Reflect.get(t, k)) });
    const view = createSessionView();
    await view.openPaged(port, id);
    const severity = createRowSeverity(view);
    view.select(2);
    view.step(1); // j
    severity.step(1); // n, before the findings are known
    await expect.poll(() => view.cursorSeq.value).toBe(3);
    expect(view.findings.value).toEqual([]);
    release();
    await expect.poll(() => view.findings.value.length).toBeGreaterThan(0);
    const flagged = severity.flaggedSeqs();
    const expected = flagged.find((seq) => seq > 3);
    expect(expected).toBeDefined();
    await expect.poll(() => view.cursorSeq.value).toBe(expected);
    // n then N then End, quickly: applied in order (End last follows the live end).
    severity.step(1);
    severity.step(-1);
    await expect.poll(() => view.cursorSeq.value).toBe(expected);
    view.step(1);
    view.end();
    await expect.poll(() => view.following.value).toBe(true);
  });

  it("three quick steps move three rows; home then a step lands on the second row", async () => {
    const { db, id: sessionId } = await storedSession(records);
    const channel = new MessageChannel();
    channels.push(channel);
    servePort(channel.port1 as never, createSessionService(db) as never);
    const port = connectPort<SessionPort & Record<string, never>>(channel.port2 as never).api as SessionPort;
    const view = createSessionView();
    await view.openPaged(port, sessionId);
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
