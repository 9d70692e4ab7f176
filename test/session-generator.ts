import type { AguiEvent } from "../src/core/protocol/events";
import type { RecordDraft, SessionRecord } from "../src/core/session/record";

/**
 * A deterministic session for comparing a paged fold with one in memory: two threads taking
 * turns, run requests carrying state and messages, snapshots, deltas (one in 40 fails), text,
 * tool and chunk streams, keep-alive comments, bad frames and ends. Seqs are dense from 1.
 */
export function generateMixedSession(rounds: number, perRound = 60): SessionRecord[] {
  const out: SessionRecord[] = [];
  let seq = 0;
  let n = 0;
  const push = (r: RecordDraft) => out.push({ ...r, seq: ++seq, t: 1_000 + seq * 3 } as SessionRecord);
  // Discovery first: records of no thread, and an event that names none.
  push({ x: 0, dir: "out", kind: "request", op: "info", method: "GET", url: "http://127.0.0.1/info", transport: "rest", headers: {} });
  push({ x: 0, dir: "in", kind: "response", op: "info", status: 200, contentType: "application/json", headers: {}, body: { agents: {} }, ms: 1 });
  push({ x: 0, dir: "in", kind: "event", event: { type: "CUSTOM", name: "hello", value: 1 } });
  for (let round = 0; round < rounds; round++) {
    const threadId = round % 3 === 2 ? "t2" : "t1";
    const runId = `r${round}`;
    const x = round + 1;
    const ids = { threadId, runId };
    push({ ...ids, x, dir: "out", kind: "request", op: "run", method: "POST", url: "http://127.0.0.1/agent/a/run", transport: "rest", headers: {}, body: { threadId, runId, state: { round, items: [] }, messages: [{ id: `u${round}`, role: "user", content: `question ${round}` }], tools: [{ name: "search", description: "find", parameters: { type: "object", properties: { q: { type: "string" } } } }] } });
    push({ ...ids, x, dir: "in", kind: "response", op: "run", status: 200, contentType: "text/event-stream", headers: {}, ms: 3 });
    const ev = (event: AguiEvent) => push({ ...ids, x, dir: "in", kind: "event", event });
    ev({ type: "RUN_STARTED", threadId, runId });
    if (round % 4 === 0) ev({ type: "STATE_SNAPSHOT", snapshot: { round, items: [], big: "s".repeat(50 + round) } });
    let made = 0;
    let m = 0;
    while (made < perRound) {
      const k = n++;
      if (k % 40 === 39) ev({ type: "STATE_DELTA", delta: [{ op: "replace", path: "/missing/deep", value: k }] });
      else if (k % 5 === 0) ev({ type: "STATE_DELTA", delta: [{ op: "add", path: "/items/-", value: { k, word: `w${k % 7}` } }] });
      else if (k % 17 === 0) push({ ...ids, x, dir: "in", kind: "comment", text: " keep-alive" });
      else if (k % 53 === 0) push({ ...ids, x, dir: "in", kind: "bad-frame", raw: `{"type":"TEXT_MESSAGE_CONTENT",`, error: "Unexpected end of JSON input" });
      else if (k % 11 === 0) {
        const id = `c${round}-${m++}`;
        ev({ type: "TOOL_CALL_START", toolCallId: id, toolCallName: "search", parentMessageId: `a${round}` });
        ev({ type: "TOOL_CALL_ARGS", toolCallId: id, delta: '{"q":' });
        ev({ type: "TOOL_CALL_ARGS", toolCallId: id, delta: `"needle${k}"}` });
        ev({ type: "TOOL_CALL_END", toolCallId: id });
        made += 3;
      } else if (k % 13 === 0) {
        ev({ type: "TEXT_MESSAGE_CHUNK", messageId: `ch${round}-${m++}`, role: "assistant", delta: "chunked " });
      } else {
        const id = `a${round}-${m++}`;
        ev({ type: "TEXT_MESSAGE_START", messageId: id, role: "assistant" });
        for (let j = 0; j < 3; j++) ev({ type: "TEXT_MESSAGE_CONTENT", messageId: id, delta: `tok${(k + j) % 9} ` });
        ev({ type: "TEXT_MESSAGE_END", messageId: id });
        made += 4;
      }
      made++;
    }
    // The last round of each thread leaves a tool call open; the very last ends on an interrupt.
    if (round >= rounds - 3) ev({ type: "TOOL_CALL_START", toolCallId: `open${round}`, toolCallName: "search", parentMessageId: `a${round}-0` }), ev({ type: "TOOL_CALL_END", toolCallId: `open${round}` });
    if (round === rounds - 1) ev({ type: "RUN_FINISHED", threadId, runId, outcome: { type: "interrupt", interrupts: [{ id: "i1", reason: "tool_call", toolCallId: `open${round}`, message: "Go on?" }] } } as AguiEvent);
    else ev({ type: "RUN_FINISHED", threadId, runId });
    push({ ...ids, x, dir: "in", kind: "end", op: "run", outcome: "complete", frames: perRound });
  }
  return out;
}
