// Test helpers for the replay: fixtures as records, and @ag-ui/client's own pipeline as the oracle.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { from, type Observable } from "rxjs";
import { AbstractAgent as Agent100, type BaseEvent } from "@ag-ui/client";
import { AbstractAgent as Agent059 } from "ag-ui-client-0059";
import { importText } from "../src/core/session/import";
import { createReplay, type ReplayOptions } from "../src/core/replay";
import type { RequestRecord, SessionRecord } from "../src/core/session/record";
import { expect } from "vitest";
import type { AguiEvent, Message } from "../src/core/protocol/events";

process.env.SUPPRESS_TRANSFORMATION_WARNINGS = "true";

export const STREAMS = join(import.meta.dirname, "fixtures/streams");

/** Fixture files in a folder with one of these endings. */
export function fixtureNames(dir = STREAMS, ...exts: string[]): string[] {
  const endings = exts.length ? exts : [".sse"];
  return existsSync(dir) ? readdirSync(dir).filter((f) => endings.some((e) => f.endsWith(e))).sort() : [];
}

/**
 * Cases built from a folder: a missing or empty folder throws, so the test file fails to load
 * instead of passing with no cases.
 */
export function fixtureCases(dir: string, ...exts: string[]): string[] {
  const names = fixtureNames(dir, ...exts);
  if (!names.length) throw new Error(`No test cases: ${dir} holds no ${exts.join(" or ") || ".sse"} files.`);
  return names;
}

export function fixtureText(name: string, dir = STREAMS): string {
  return readFileSync(join(dir, name), "utf8");
}

export function fixtureRecords(name: string, dir = STREAMS): SessionRecord[] {
  return importText(fixtureText(name, dir), { file: name, now: 0 }).records;
}

export function recordsFromSse(text: string): SessionRecord[] {
  return importText(text, { now: 0 }).records;
}

export function eventsOf(records: SessionRecord[]): AguiEvent[] {
  return records.flatMap((r) => (r.kind === "event" ? [r.event] : []));
}

/** Records for a list of events, one stream, ending like a capture does. */
export function recordsOf(events: AguiEvent[], options: { end?: boolean } = {}): SessionRecord[] {
  const records: SessionRecord[] = events.map((event, i) => ({ seq: i + 1, t: 0, x: 1, dir: "in", kind: "event", event }));
  if (options.end !== false) records.push({ seq: records.length + 1, t: 0, x: 1, dir: "in", kind: "end", op: "run", outcome: "complete", frames: events.length });
  return records;
}

export function foldEvents(events: AguiEvent[], options: ReplayOptions & { end?: boolean } = {}) {
  const replay = createReplay({ checkSchema: true, ...options });
  replay.append(recordsOf(events, options));
  return replay;
}

export function rulesOf(events: AguiEvent[]): string[] {
  return foldEvents(events).findingsUpTo().map((f) => f.rule);
}

export interface ClientResult {
  messages: Message[];
  state: unknown;
  pendingInterrupts: unknown[];
  error?: string;
}

type AgentCtor = new (config?: { initialMessages?: Message[]; initialState?: unknown }) => {
  messages: Message[];
  state: unknown;
  pendingInterrupts: unknown[];
  runAgent(): Promise<unknown>;
};

function scripted(Base: typeof Agent100, events: AguiEvent[]): AgentCtor {
  class Scripted extends Base {
    run(): Observable<BaseEvent> {
      return from(events as BaseEvent[]);
    }
  }
  return Scripted as unknown as AgentCtor;
}

/** Fold events through @ag-ui/client's own pipeline (enforce/transformChunks/verify/defaultApplyEvents). */
export async function clientFold(events: AguiEvent[], version: "1.0.0" | "0.0.59" = "1.0.0", initial: { messages?: Message[]; state?: unknown } = {}): Promise<ClientResult> {
  const Base = (version === "1.0.0" ? Agent100 : Agent059) as typeof Agent100;
  const Ctor = scripted(Base, structuredClone(events));
  const agent = new Ctor({ initialMessages: initial.messages, initialState: initial.state });
  const { error: errors, warn } = console;
  console.error = console.warn = () => {};
  try {
    await agent.runAgent();
    return { messages: agent.messages, state: agent.state, pendingInterrupts: agent.pendingInterrupts };
  } catch (err) {
    return { messages: agent.messages, state: agent.state, pendingInterrupts: agent.pendingInterrupts, error: (err as Error).message };
  } finally {
    console.error = errors;
    console.warn = warn;
  }
}

/** Equality as JSON sees it: undefined-valued keys and key order do not matter. */
export function plain<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

export function ourFold(records: SessionRecord[]) {
  const replay = createReplay({ checkSchema: true, checkpointEvery: 4 });
  replay.append(records);
  return replay;
}

/**
 * Sessions with requests (recorded by the inspector, or captured from a real runtime): each
 * run exchange starts from what its request sent, so each is compared on its own, against a
 * client agent holding the request's messages and state.
 */
export async function compareExchanges(records: SessionRecord[]): Promise<number> {
  const byX = new Map<number, SessionRecord[]>();
  for (const r of records) byX.set(r.x, [...(byX.get(r.x) ?? []), r]);
  let compared = 0;
  for (const exchange of byX.values()) {
    const request = exchange.find((r): r is RequestRecord => r.kind === "request");
    if (request && request.op !== "run" && request.op !== "connect") continue;
    const events = eventsOf(exchange);
    if (!events.length) continue;
    const body = (request?.op === "run" ? request.body : undefined) as { messages?: Message[]; state?: unknown } | undefined;
    const replay = ourFold(exchange);
    const ours = replay.at(replay.lastSeq);
    const client = await clientFold(events, "1.0.0", { messages: body?.messages, state: body?.state });
    expect(client.error).toBeUndefined();
    expect(plain(ours.messages)).toEqual(plain(client.messages));
    expect(plain(ours.state)).toEqual(plain(client.state));
    compared++;
  }
  return compared;
}
