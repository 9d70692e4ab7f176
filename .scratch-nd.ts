import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { importSession } from "./src/core/session/import";
const path = "/tmp/prof/events.ndjson";
const out = createWriteStream(path);
let size = 0;
for (let n = 0; size < 10 * 1024 * 1024; n++) {
  let text = "";
  const ev = (e: object) => (text += JSON.stringify(e) + "\n");
  ev({ type: "RUN_STARTED", threadId: "thread-1", runId: `run-${n}` });
  ev({ type: "STATE_SNAPSHOT", snapshot: { step: n, order: { id: 4000 + n, status: "pending", lines: [{ sku: "A-1", qty: 2 }, { sku: "B-7", qty: 1 }] } } });
  ev({ type: "TEXT_MESSAGE_START", messageId: `a${n}`, role: "assistant" });
  for (let i = 0; i < 60; i++) ev({ type: "TEXT_MESSAGE_CONTENT", messageId: `a${n}`, delta: `word${i} ` });
  ev({ type: "TEXT_MESSAGE_END", messageId: `a${n}` });
  for (let i = 0; i < 8; i++) ev({ type: "STATE_DELTA", delta: [{ op: "replace", path: "/order/status", value: `status-${i}` }] });
  ev({ type: "TOOL_CALL_START", toolCallId: `c${n}`, toolCallName: "lookup_order", parentMessageId: `a${n}` });
  ev({ type: "TOOL_CALL_ARGS", toolCallId: `c${n}`, delta: `{"orderId":${4000 + n}}` });
  ev({ type: "TOOL_CALL_END", toolCallId: `c${n}` });
  ev({ type: "RUN_FINISHED", threadId: "thread-1", runId: `run-${n}` });
  size += text.length;
  if (!out.write(text)) await once(out, "drain");
}
out.end();
await once(out, "finish");
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  const r = await importSession(createReadStream(path, { highWaterMark: 256 * 1024 }), { keepRecords: false });
  console.log(r.progress.records, ((10 / ((performance.now() - t) / 1000))).toFixed(1), "MB/s");
}
