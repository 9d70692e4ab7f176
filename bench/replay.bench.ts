// Replay bench: a generated 100k-event session (20k deltas on a ~200 KB state, 50 snapshots,
// the rest text and tool-call traffic in runs back to back). Reports the fold's throughput
// against @ag-ui/client's own pipeline on the same events, and seek times to random events.
import { from, type Observable } from "rxjs";
import { AbstractAgent, type BaseEvent } from "@ag-ui/client";
import { createReplay } from "../src/core/replay";
import type { AguiEvent } from "../src/core/protocol/events";
import type { SessionRecord } from "../src/core/session/record";
import type { BenchLine, BenchReport } from "./run";
import { rng } from "../test/rng";

const EVENTS = 100_000;
const SNAPSHOTS = 50;
const DELTAS = 20_000;
/** The client's pipeline is quadratic; it gets a prefix of the same session. */
const CLIENT_EVENTS = 10_000;
const SEEKS = 400;

function bigState(round: number) {
  const items = [];
  for (let i = 0; i < 2200; i++) items.push({ id: `item-${i}`, name: `Item number ${i}`, done: i % 2 === 0, tags: ["a", "b"], score: i + round });
  const users: Record<string, unknown> = {};
  for (let i = 0; i < 200; i++) users[`u${i}`] = { name: `User ${i}`, age: i, prefs: { theme: "dark", lang: "en" } };
  return { round, items, users, log: [] as unknown[] };
}

function deltaOps(random: () => number, n: number): unknown[] {
  const i = Math.floor(random() * 2200);
  switch (n % 5) {
    case 0:
      return [{ op: "replace", path: `/items/${i}/score`, value: Math.round(random() * 1000) }];
    case 1:
      return [{ op: "add", path: "/log/-", value: { n, at: `t${n}` } }];
    case 2:
      return [{ op: "test", path: `/items/${i}/id`, value: `item-${i}` }, { op: "replace", path: `/items/${i}/done`, value: random() < 0.5 }];
    case 3:
      return [{ op: "replace", path: `/users/u${i % 200}/prefs/theme`, value: random() < 0.5 ? "dark" : "light" }];
    default:
      return [{ op: "remove", path: "/log/0" }];
  }
}

export function generateSession(total = EVENTS, snapshots = SNAPSHOTS, deltas = DELTAS): AguiEvent[] {
  const random = rng(42);
  const events: AguiEvent[] = [];
  const perRound = total / snapshots;
  const deltasPerRound = deltas / snapshots;
  let n = 0;
  for (let round = 0; round < snapshots; round++) {
    const runId = `r${round}`;
    const body: AguiEvent[] = [];
    // Everything but the run bracket and the snapshot: deltas spread among message traffic.
    const traffic = perRound - 3 - deltasPerRound;
    let made = 0;
    let m = 0;
    while (made < traffic) {
      const left = traffic - made;
      if (left < 2) {
        body.push({ type: "CUSTOM", name: "tick", value: m });
        made++;
      } else if (m % 4 === 3 && left >= 12) {
        const id = `c${round}-${m}`;
        body.push({ type: "TOOL_CALL_START", toolCallId: id, toolCallName: "search", parentMessageId: `a${round}-${m - 1}` });
        for (let k = 0; k < 8; k++) body.push({ type: "TOOL_CALL_ARGS", toolCallId: id, delta: k === 0 ? '{"q":"' : k === 7 ? '"}' : "word " });
        body.push({ type: "TOOL_CALL_END", toolCallId: id });
        body.push({ type: "TOOL_CALL_RESULT", messageId: `tr${round}-${m}`, toolCallId: id, content: "result text" });
        made += 11;
      } else {
        const id = `a${round}-${m}`;
        const chunks = Math.min(left - 2, 20 + Math.floor(random() * 40));
        body.push({ type: "TEXT_MESSAGE_START", messageId: id, role: "assistant" });
        for (let k = 0; k < chunks; k++) body.push({ type: "TEXT_MESSAGE_CONTENT", messageId: id, delta: "token " });
        body.push({ type: "TEXT_MESSAGE_END", messageId: id });
        made += chunks + 2;
      }
      m++;
    }
    // Splice the deltas in between messages' events, evenly.
    const step = body.length / deltasPerRound;
    const mixed: AguiEvent[] = [];
    let next = 0;
    for (let k = 0; k < body.length; k++) {
      while (next < deltasPerRound && k >= Math.floor(next * step)) mixed.push({ type: "STATE_DELTA", delta: deltaOps(random, n++) }), next++;
      mixed.push(body[k]);
    }
    while (next++ < deltasPerRound) mixed.push({ type: "STATE_DELTA", delta: deltaOps(random, n++) });
    events.push({ type: "RUN_STARTED", threadId: "t1", runId }, { type: "STATE_SNAPSHOT", snapshot: bigState(round) }, ...mixed, { type: "RUN_FINISHED", threadId: "t1", runId });
  }
  return events;
}

function toRecords(events: AguiEvent[]): SessionRecord[] {
  return events.map((event, i) => ({ seq: i + 1, t: i, x: 1, dir: "in", kind: "event", event }));
}

async function clientPipeline(events: AguiEvent[]): Promise<number> {
  class Scripted extends AbstractAgent {
    run(): Observable<BaseEvent> {
      return from(events as BaseEvent[]);
    }
  }
  const agent = new Scripted();
  const started = performance.now();
  await agent.runAgent();
  return performance.now() - started;
}

function fold(records: SessionRecord[]) {
  const started = performance.now();
  const replay = createReplay();
  replay.append(records);
  return { replay, ms: performance.now() - started };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

export async function run(): Promise<BenchReport> {
  process.env.SUPPRESS_TRANSFORMATION_WARNINGS = "true";
  const events = generateSession();
  const records = toRecords(events);
  const deltas = events.filter((e) => e.type === "STATE_DELTA").length;
  const snapshots = events.filter((e) => e.type === "STATE_SNAPSHOT").length;
  const stateKb = JSON.stringify(bigState(0)).length / 1024;
  const lines: BenchLine[] = [];

  // Same events, same run: the client's pipeline on a prefix, ours on the same prefix.
  const prefix = records.slice(0, CLIENT_EVENTS);
  fold(prefix); // warm-up
  const oursPrefix = Math.min(fold(prefix).ms, fold(prefix).ms);
  const clientMs = await clientPipeline(events.slice(0, CLIENT_EVENTS));
  lines.push({
    name: `fold throughput, first ${CLIENT_EVENTS.toLocaleString("en-US")} events`,
    value: CLIENT_EVENTS / (oursPrefix / 1000),
    unit: "events/s",
    baseline: CLIENT_EVENTS / (clientMs / 1000),
    note: "baseline: @ag-ui/client 1.0.0 runAgent (enforce, transformChunks, verify, defaultApplyEvents)",
  });

  const whole = fold(records);
  const { replay } = whole;
  lines.push({
    name: `fold throughput, whole session (${records.length.toLocaleString("en-US")} events, ${deltas.toLocaleString("en-US")} deltas, ${snapshots} snapshots, ${stateKb.toFixed(0)} KB state)`,
    value: records.length / (whole.ms / 1000),
    unit: "events/s",
    note: `${whole.ms.toFixed(0)} ms, ${replay.stats().checkpoints} checkpoints`,
  });
  const withSchema = performance.now();
  createReplay({ checkSchema: true }).append(records);
  lines.push({ name: "fold throughput with schema checks (0.0.59 + 1.0.0)", value: records.length / ((performance.now() - withSchema) / 1000), unit: "events/s", note: "what `verify` does on files without recorded issues" });

  const random = rng(7);
  const targets = Array.from({ length: SEEKS }, () => 1 + Math.floor(random() * (replay.lastSeq - 1)));
  for (const seq of targets.slice(0, 40)) replay.at(seq); // warm-up
  for (const [label, seek] of [
    ["seek: state + messages", (seq: number) => replay.at(seq)],
    ["seek: state only", (seq: number) => replay.stateAt(seq)],
  ] as const) {
    const times: number[] = [];
    for (const seq of targets) {
      const t = performance.now();
      seek(seq);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    lines.push({ name: `${label}, median of ${SEEKS} random events`, value: percentile(times, 0.5), unit: "ms", note: "target: one frame (16 ms)" });
    lines.push({ name: `${label}, p95`, value: percentile(times, 0.95), unit: "ms" });
    lines.push({ name: `${label}, worst`, value: times[times.length - 1], unit: "ms" });
  }
  // Scrubbing like a video: consecutive events from random starting points.
  const scrub: number[] = [];
  for (let k = 0; k < 20; k++) {
    const from = 1 + Math.floor(random() * (replay.lastSeq - 60));
    for (let seq = from; seq < from + 50; seq++) {
      const t = performance.now();
      replay.at(seq);
      scrub.push(performance.now() - t);
    }
  }
  scrub.sort((a, b) => a - b);
  lines.push({ name: "scrub: state + messages, consecutive events, median", value: percentile(scrub, 0.5), unit: "ms" });
  lines.push({ name: "scrub: p95", value: percentile(scrub, 0.95), unit: "ms" });
  return { title: "replay (src/core/replay)", lines };
}
