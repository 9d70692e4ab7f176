import type { AguiEvent } from "../protocol/events";
import type { Report } from "./rules";

// *_CHUNK expansion as @ag-ui/client's transformChunks does it: one pending stream per lane
// (lane = subagentRunId, undefined = the parent agent); a chunk continues its lane's stream
// or closes it and opens a new one; explicit events close their own lane, run-level events
// and MESSAGES_SNAPSHOT close all lanes. Where the client throws, we report and drop the chunk.

type Kind = "text" | "tool" | "reasoning";

interface Pending {
  kind: Kind;
  id: string;
  owner: string | undefined;
  role?: unknown;
  name?: unknown;
  toolCallName?: unknown;
  parentMessageId?: unknown;
}

export type Lanes = Map<string | undefined, Pending>;

const CLOSES_OWN_LANE = new Set([
  "TEXT_MESSAGE_START",
  "TEXT_MESSAGE_CONTENT",
  "TEXT_MESSAGE_END",
  "TOOL_CALL_START",
  "TOOL_CALL_ARGS",
  "TOOL_CALL_END",
  "TOOL_CALL_RESULT",
  "STATE_SNAPSHOT",
  "STATE_DELTA",
  "CUSTOM",
  "STEP_STARTED",
  "STEP_FINISHED",
  "REASONING_START",
  "REASONING_MESSAGE_START",
  "REASONING_MESSAGE_CONTENT",
  "REASONING_MESSAGE_END",
  "REASONING_END",
]);

const CLOSES_ALL_LANES = new Set(["RUN_STARTED", "RUN_FINISHED", "RUN_ERROR", "MESSAGES_SNAPSHOT"]);

const CHUNK_KIND: Record<string, Kind> = {
  TEXT_MESSAGE_CHUNK: "text",
  TOOL_CALL_CHUNK: "tool",
  REASONING_MESSAGE_CHUNK: "reasoning",
};

export function cloneLanes(lanes: Lanes): Lanes {
  const out: Lanes = new Map();
  for (const [owner, pending] of lanes) out.set(owner, { ...pending });
  return out;
}

/** Push the events `event` expands to onto `out`. */
export function expandChunks(event: AguiEvent, lanes: Lanes, out: AguiEvent[], report: Report): void {
  const type = event.type;
  const kind = CHUNK_KIND[type];
  if (kind) return expandChunk(kind, event, lanes, out, report);
  if (CLOSES_ALL_LANES.has(type)) {
    for (const owner of [...lanes.keys()]) closeLane(lanes, owner, out);
  } else if (CLOSES_OWN_LANE.has(type)) {
    closeLane(lanes, ownerOf(event), out);
  } else if (type === "SUBAGENT_FINISHED" || type === "SUBAGENT_ERROR") {
    if (event.subagentRunId != null) closeLane(lanes, event.subagentRunId as string, out);
  }
  out.push(event);
}

function ownerOf(event: AguiEvent): string | undefined {
  return (event.subagentRunId as string | null | undefined) ?? undefined;
}

function closeLane(lanes: Lanes, owner: string | undefined, out: AguiEvent[]): void {
  const pending = lanes.get(owner);
  if (!pending) return;
  lanes.delete(owner);
  const tag = pending.owner !== undefined ? { subagentRunId: pending.owner } : {};
  if (pending.kind === "text") out.push({ type: "TEXT_MESSAGE_END", messageId: pending.id, ...tag });
  else if (pending.kind === "tool") out.push({ type: "TOOL_CALL_END", toolCallId: pending.id, ...tag });
  else out.push({ type: "REASONING_MESSAGE_END", messageId: pending.id, ...tag });
}

function expandChunk(kind: Kind, chunk: AguiEvent, lanes: Lanes, out: AguiEvent[], report: Report): void {
  const idField = kind === "tool" ? "toolCallId" : "messageId";
  const id = chunk[idField] as string | undefined;
  const tag = (chunk.subagentRunId as string | null | undefined) ?? undefined;
  const lane = resolveLane(kind, id, tag, chunk.type, lanes, report);
  if (lane === AMBIGUOUS) return;
  const open = lanes.get(lane);
  const start = out.length;
  let pending: Pending;
  if (open && open.kind === kind && (id === undefined || id === open.id)) {
    pending = open;
    checkAgreement(kind, chunk, open, report);
  } else {
    closeLane(lanes, lane, out);
    if (id === undefined) {
      report("chunk/missing-id", `the first ${chunk.type} of a stream has no ${idField}`, { path: idField });
      return;
    }
    if (kind === "tool" && chunk.toolCallName === undefined) {
      report("chunk/missing-id", `the first TOOL_CALL_CHUNK of tool call "${id}" has no toolCallName`, { path: "toolCallName" });
      return;
    }
    pending = { kind, id, owner: chunk.subagentRunId as string | undefined };
    if (kind === "text") {
      pending.role = chunk.role === undefined ? "assistant" : chunk.role;
      pending.name = chunk.name;
    } else if (kind === "tool") {
      pending.toolCallName = chunk.toolCallName;
      pending.parentMessageId = chunk.parentMessageId;
    }
    lanes.set(lane, pending);
    out.push(withMetadata(opener(kind, chunk, pending), chunk));
  }
  const contentOwner = chunk.subagentRunId !== undefined ? chunk.subagentRunId : pending.owner;
  const ownerTag = contentOwner !== undefined ? { subagentRunId: contentOwner } : {};
  if (chunk.delta !== undefined || chunk.rawEvent !== undefined) {
    const content: AguiEvent = {
      type: kind === "text" ? "TEXT_MESSAGE_CONTENT" : kind === "tool" ? "TOOL_CALL_ARGS" : "REASONING_MESSAGE_CONTENT",
      [idField]: pending.id,
      delta: chunk.delta === undefined ? "" : chunk.delta,
      ...ownerTag,
    };
    if (chunk.rawEvent !== undefined) content.rawEvent = chunk.rawEvent;
    out.push(withMetadata(content, chunk));
  } else if (out.length === start && chunk.metadata !== undefined) {
    // A metadata-only continuation still reaches its message, as an empty content event.
    out.push({
      type: kind === "text" ? "TEXT_MESSAGE_CONTENT" : kind === "tool" ? "TOOL_CALL_ARGS" : "REASONING_MESSAGE_CONTENT",
      [idField]: pending.id,
      delta: "",
      metadata: chunk.metadata,
      ...ownerTag,
    });
  }
}

function opener(kind: Kind, chunk: AguiEvent, pending: Pending): AguiEvent {
  const tag = chunk.subagentRunId !== undefined ? { subagentRunId: chunk.subagentRunId } : {};
  if (kind === "text") {
    return { type: "TEXT_MESSAGE_START", messageId: pending.id, role: pending.role, ...(chunk.name !== undefined ? { name: chunk.name } : {}), ...tag };
  }
  if (kind === "tool") {
    return {
      type: "TOOL_CALL_START",
      toolCallId: pending.id,
      toolCallName: pending.toolCallName,
      ...(chunk.parentMessageId !== undefined ? { parentMessageId: chunk.parentMessageId } : {}),
      ...tag,
    };
  }
  return { type: "REASONING_MESSAGE_START", messageId: pending.id, role: "reasoning", ...tag };
}

function withMetadata(event: AguiEvent, chunk: AguiEvent): AguiEvent {
  if (chunk.metadata !== undefined) event.metadata = chunk.metadata;
  return event;
}

function checkAgreement(kind: Kind, chunk: AguiEvent, open: Pending, report: Report): void {
  const fields: [string, unknown][] =
    kind === "text" ? [["role", open.role], ["name", open.name]] : kind === "tool" ? [["toolCallName", open.toolCallName], ["parentMessageId", open.parentMessageId]] : [];
  for (const [field, established] of fields) {
    const incoming = chunk[field];
    if (incoming !== undefined && incoming !== established) {
      report("chunk/opener-mismatch", `${chunk.type} for "${open.id}" says ${field} ${JSON.stringify(incoming)}, its opener said ${JSON.stringify(established)}`, { path: field });
    }
  }
}

const AMBIGUOUS = Symbol("ambiguous");

function resolveLane(kind: Kind, id: string | undefined, tag: string | undefined, type: string, lanes: Lanes, report: Report): string | undefined | typeof AMBIGUOUS {
  if (id !== undefined) {
    for (const [owner, pending] of lanes) {
      if (pending.kind !== kind || pending.id !== id) continue;
      if (tag !== undefined && tag !== owner) {
        report("subagent/owner-mismatch", `${type} for "${id}" is tagged subagent "${tag}" but its stream belongs to ${owner === undefined ? "the parent agent" : `subagent "${owner}"`}`, { path: "subagentRunId" });
      }
      return owner;
    }
    return tag;
  }
  if (tag !== undefined) return tag;
  if (lanes.get(undefined)?.kind === kind) return undefined;
  const candidates = [...lanes].filter(([, pending]) => pending.kind === kind);
  if (candidates.length === 1) return candidates[0][0];
  if (candidates.length > 1) {
    report("chunk/ambiguous", `${type} has neither an id nor a subagentRunId while ${candidates.length} subagent lanes have one open`);
    return AMBIGUOUS;
  }
  return undefined;
}
