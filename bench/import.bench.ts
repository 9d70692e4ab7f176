// Import bench: a generated 100 MB session file (live-recording shaped: runs of text deltas,
// state deltas and tool calls, each with its request, response and end) streamed from disk
// through the importer. Baseline in the same run: splitting the same file into lines and
// JSON.parse-ing each, the floor any line-based import pays. Plus a 50 MB NDJSON of events,
// the foreign-format path (each event schema-checked as a live recording is).
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHeader, encodeHeaderLine, encodeRecordLine } from "../src/core/session/file";
import { importSession } from "../src/core/session/import";
import type { SessionRecord } from "../src/core/session/record";
import type { BenchLine, BenchReport } from "./run";

const SESSION_BYTES = 100 * 1024 * 1024;
const NDJSON_BYTES = 50 * 1024 * 1024;
const CHUNK = 256 * 1024;
const MB = 1024 * 1024;

/** Records of one run, as the recorder writes them; `seq` continues from `start`. */
function runRecords(n: number, start: number): SessionRecord[] {
  const ids = { agentId: "bench", threadId: "thread-1", runId: `run-${n}` };
  const t = 1_700_000_000_000 + n * 1000;
  const out: SessionRecord[] = [];
  let seq = start;
  const add = (r: Omit<SessionRecord, "seq" | "t" | "x">) => out.push({ ...r, ...ids, x: n + 1, seq: ++seq, t: t + out.length } as SessionRecord);
  add({ dir: "out", kind: "request", op: "run", method: "POST", url: "http://127.0.0.1:4318/rest/agent/bench/run", transport: "rest", headers: { "Content-Type": "application/json", Accept: "text/event-stream", Authorization: "[redacted]" }, body: { threadId: ids.threadId, runId: ids.runId, state: { step: n }, messages: [{ id: `u${n}`, role: "user", content: `question number ${n}: what is the status of order ${4000 + n}?` }], tools: [], context: [], forwardedProps: {} } } as never);
  add({ dir: "in", kind: "response", op: "run", status: 200, contentType: "text/event-stream", headers: { "content-type": "text/event-stream", "cache-control": "no-cache" }, ms: 12 } as never);
  const event = (e: Record<string, unknown>) => add({ dir: "in", kind: "event", event: e } as never);
  event({ type: "RUN_STARTED", threadId: ids.threadId, runId: ids.runId });
  event({ type: "STATE_SNAPSHOT", snapshot: { step: n, order: { id: 4000 + n, status: "pending", lines: [{ sku: "A-1", qty: 2 }, { sku: "B-7", qty: 1 }] } } });
  event({ type: "TEXT_MESSAGE_START", messageId: `a${n}`, role: "assistant" });
  for (let i = 0; i < 60; i++) event({ type: "TEXT_MESSAGE_CONTENT", messageId: `a${n}`, delta: `word${i} ` });
  event({ type: "TEXT_MESSAGE_END", messageId: `a${n}` });
  for (let i = 0; i < 8; i++) event({ type: "STATE_DELTA", delta: [{ op: "replace", path: "/order/status", value: `status-${i}` }] });
  event({ type: "TOOL_CALL_START", toolCallId: `c${n}`, toolCallName: "lookup_order", parentMessageId: `a${n}` });
  event({ type: "TOOL_CALL_ARGS", toolCallId: `c${n}`, delta: `{"orderId":${4000 + n}}` });
  event({ type: "TOOL_CALL_END", toolCallId: `c${n}` });
  event({ type: "TOOL_CALL_RESULT", messageId: `r${n}`, toolCallId: `c${n}`, content: '{"status":"shipped"}', role: "tool" });
  event({ type: "RUN_FINISHED", threadId: ids.threadId, runId: ids.runId });
  add({ dir: "in", kind: "end", op: "run", outcome: "complete", frames: out.length - 2 } as never);
  return out;
}

async function writeSession(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  let size = 0;
  let seq = 0;
  let records = 0;
  const header = encodeHeaderLine(createHeader({ id: "bench", createdAt: "2026-01-01T00:00:00.000Z", agentId: "bench" }));
  out.write(header);
  size += header.length;
  for (let n = 0; size < bytes; n++) {
    let text = "";
    const list = runRecords(n, seq);
    for (const r of list) text += encodeRecordLine(r);
    seq += list.length;
    records += list.length;
    size += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return records;
}

async function writeNdjson(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  let size = 0;
  for (let n = 0; size < bytes; n++) {
    let text = "";
    for (const r of runRecords(n, 0)) if (r.kind === "event") text += JSON.stringify(r.event) + "\n";
    size += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, (performance.now() - start) / 1000];
}

/** The floor: lines split and parsed, nothing else. */
async function parseLines(path: string): Promise<number> {
  const decoder = new TextDecoder();
  let carry = "";
  let n = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
    const text = carry + decoder.decode(chunk as Buffer, { stream: true });
    let start = 0;
    let nl: number;
    while ((nl = text.indexOf("\n", start)) >= 0) {
      if (nl > start) {
        JSON.parse(text.slice(start, nl));
        n++;
      }
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  return n;
}

export async function run(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), "agui-import-bench-"));
  try {
    const sessionPath = join(dir, "big.agui.jsonl");
    const written = await writeSession(sessionPath, SESSION_BYTES);
    const size = statSync(sessionPath).size;
    const sizeMb = size / MB;

    const [, floorCold] = await timed(() => parseLines(sessionPath));
    const [kept, keptSecs] = await timed(() => importSession(createReadStream(sessionPath, { highWaterMark: CHUNK }), { file: sessionPath }));
    if (kept.records.length !== written || kept.errors.length) throw new Error(`imported ${kept.records.length}/${written} records, ${kept.errors.length} errors`);
    kept.records.length = 0;
    let streamed = 0;
    const [, streamSecs] = await timed(() => importSession(createReadStream(sessionPath, { highWaterMark: CHUNK }), { keepRecords: false, onRecords: (b) => void (streamed += b.length) }));
    if (streamed !== written) throw new Error(`streamed ${streamed}/${written} records`);
    // the floor at its best of two (the first pass also warms the JIT and the page cache)
    const [, floorWarm] = await timed(() => parseLines(sessionPath));
    const floorSecs = Math.min(floorCold, floorWarm);

    const ndjsonPath = join(dir, "events.ndjson");
    await writeNdjson(ndjsonPath, NDJSON_BYTES);
    const ndjsonMb = statSync(ndjsonPath).size / MB;
    const [, ndFloorSecs] = await timed(() => parseLines(ndjsonPath));
    const [nd, ndSecs] = await timed(() => importSession(createReadStream(ndjsonPath, { highWaterMark: CHUNK }), { keepRecords: false }));

    const lines: BenchLine[] = [
      { name: `import ${sizeMb.toFixed(0)} MB session file (${written.toLocaleString("en-US")} records, kept in memory)`, value: sizeMb / keptSecs, unit: "MB/s", baseline: sizeMb / floorSecs, note: "baseline: split lines + JSON.parse only" },
      { name: "same file, records streamed to a sink (not kept)", value: sizeMb / streamSecs, unit: "MB/s", baseline: sizeMb / floorSecs },
      { name: "records per second (kept)", value: written / keptSecs, unit: "records/s" },
      { name: `import ${ndjsonMb.toFixed(0)} MB NDJSON of events (${nd.progress.records.toLocaleString("en-US")} records, schema-checked)`, value: ndjsonMb / ndSecs, unit: "MB/s", baseline: ndjsonMb / ndFloorSecs, note: "baseline: split lines + JSON.parse only" },
    ];
    return { title: "Import (src/core/session/import)", lines };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
