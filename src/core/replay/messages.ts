import type { AguiEvent, Message, ToolCall } from "../protocol/events";
import type { Conversation } from "./conversation";
import { applyPatchInPlace } from "./patch";
import { cloneJson, isRecord } from "./json";
import type { Report } from "./rules";

// The message half of @ag-ui/client's defaultApplyEvents, rule for rule, on immutable
// messages. Where the client warns and skips, we report and skip.

type Meta = Record<string, unknown>;

/** Event metadata merges into what the event builds, last write wins per key. */
function withMeta<T extends { metadata?: Meta }>(target: T, event: AguiEvent): T {
  if (event.metadata === undefined) return target;
  const incoming = cloneJson(event.metadata) as Meta;
  return { ...target, metadata: target.metadata === undefined ? { ...incoming } : { ...target.metadata, ...incoming } };
}

function tag(event: AguiEvent): { subagentRunId?: string } {
  return event.subagentRunId != null ? { subagentRunId: event.subagentRunId as string } : {};
}

function appendText(message: Message, delta: unknown): Message {
  const before = typeof message.content === "string" ? message.content : "";
  return { ...message, content: `${before}${delta}` };
}

function activityClash(conv: Conversation, index: number, event: AguiEvent, report: Report): boolean {
  if (conv.at(index).role !== "activity") return false;
  report("message/activity-id-reused", `${event.type} targets "${String(event.messageId)}", which is an activity message; ignored`);
  return true;
}

/** TEXT_MESSAGE_START and REASONING_MESSAGE_START: create the message unless the id exists. */
export function openMessage(conv: Conversation, event: AguiEvent, role: string, report: Report): void {
  const index = conv.indexOf(event.messageId);
  if (index >= 0) {
    if (activityClash(conv, index, event, report)) return;
    if (event.metadata !== undefined) conv.replace(index, withMeta(conv.at(index), event));
    return;
  }
  const message: Message = {
    id: event.messageId as string,
    role,
    content: "",
    ...(role !== "reasoning" && event.name !== undefined ? { name: event.name as string } : {}),
    ...tag(event),
  };
  conv.push(withMeta(message, event));
}

export function appendContent(conv: Conversation, event: AguiEvent, report: Report): void {
  const index = conv.indexOf(event.messageId);
  if (index < 0 || activityClash(conv, index, event, report)) return;
  conv.replace(index, withMeta(appendText(conv.at(index), event.delta), event));
}

export function closeMessage(conv: Conversation, event: AguiEvent, report: Report): void {
  const index = conv.indexOf(event.messageId);
  if (index < 0 || activityClash(conv, index, event, report)) return;
  // Stryker disable next-line all: memory only (the text reads the same either way); measured by bench/big.bench.ts (CLI verify RSS)
  flatten(conv.at(index).content);
  if (event.metadata !== undefined) conv.replace(index, withMeta(conv.at(index), event));
}

/**
 * A text built by appending each delta is, in V8, a tree of every piece (32 bytes a node on top
 * of the text); reading one character makes it a flat string and lets the pieces go. Done once a
 * message ends, this keeps a long conversation's text at the size of its characters.
 */
function flatten(content: unknown): void {
  // Stryker disable next-line all: memory only, as above
  if (typeof content === "string" && content.length > 0) content.charCodeAt(0);
}

function callsOf(message: Message): ToolCall[] {
  return Array.isArray(message.toolCalls) ? message.toolCalls : [];
}

/** Replace one tool call of the message at index. */
function updateCall(conv: Conversation, index: number, id: unknown, update: (call: ToolCall) => ToolCall): ToolCall | undefined {
  const message = conv.at(index);
  const calls = callsOf(message);
  const at = calls.findIndex((call) => call?.id === id);
  if (at < 0) return undefined;
  const next = update(calls[at]);
  if (next !== calls[at]) {
    const copy = calls.slice();
    copy[at] = next;
    conv.replace(index, { ...message, toolCalls: copy });
  }
  return next;
}

export function startToolCall(conv: Conversation, event: AguiEvent, report: Report): void {
  const id = event.toolCallId as string;
  const name = event.toolCallName as string;
  const holder = conv.holderOf(id);
  if (holder >= 0) {
    // Applying a start twice (a replay, a re-sync) renames, never duplicates.
    report("tool/restarted", `TOOL_CALL_START for tool call "${id}", which is already in the conversation`);
    updateCall(conv, holder, id, (call) => {
      const renamed = call.function?.name !== name;
      if (!renamed && event.metadata === undefined) return call;
      return withMeta(renamed ? { ...call, function: { ...call.function, name } } : call, event);
    });
    return;
  }
  const parentId = event.parentMessageId as string | null | undefined;
  let index = -1;
  let created: Message | undefined;
  if (parentId) {
    const parent = conv.indexOf(parentId);
    if (parent >= 0 && conv.at(parent).role === "assistant") index = parent;
    else {
      if (parent >= 0) report("tool/parent-not-assistant", `TOOL_CALL_START "${id}" names parent "${parentId}", a ${conv.at(parent).role} message; attached to a new assistant message "${id}"`, { path: "parentMessageId" });
      created = { id: parent >= 0 ? id : parentId, role: "assistant", toolCalls: [] };
    }
  } else {
    created = { id, role: "assistant", toolCalls: [] };
  }
  if (created) {
    const isNew = conv.indexOf(created.id) < 0;
    if (isNew && event.subagentRunId != null) created.subagentRunId = event.subagentRunId as string;
    conv.push(created);
    index = conv.length - 1;
  }
  const target = conv.at(index);
  const call = withMeta<ToolCall>({ id, type: "function", function: { name, arguments: "" } }, event);
  conv.replace(index, { ...target, toolCalls: [...callsOf(target), call] });
}

export function appendToolArgs(conv: Conversation, event: AguiEvent): void {
  const holder = conv.holderOf(event.toolCallId);
  if (holder < 0) return;
  updateCall(conv, holder, event.toolCallId, (call) =>
    withMeta({ ...call, function: { ...call.function, arguments: call.function?.arguments + (event.delta as string) } }, event),
  );
}

export function endToolCall(conv: Conversation, event: AguiEvent): void {
  const holder = conv.holderOf(event.toolCallId);
  if (holder < 0) return;
  // Stryker disable next-line all: memory only, as above
  flatten(toolCallArgs(conv, event.toolCallId));
  if (event.metadata !== undefined) updateCall(conv, holder, event.toolCallId, (call) => withMeta(call, event));
}

/** Arguments accumulated so far for a tool call, if it is in the conversation. */
export function toolCallArgs(conv: Conversation, toolCallId: unknown): string | undefined {
  const holder = conv.holderOf(toolCallId);
  if (holder < 0) return undefined;
  return callsOf(conv.at(holder)).find((call) => call?.id === toolCallId)?.function?.arguments;
}

function assistantHolding(conv: Conversation, toolCallId: unknown): number {
  const holder = conv.holderOf(toolCallId);
  if (holder < 0 || conv.at(holder).role === "assistant") return holder;
  // The index knows the first holder of any role; the client wants the first assistant.
  const all = conv.all();
  return all.findIndex((m) => m.role === "assistant" && callsOf(m).some((call) => call?.id === toolCallId));
}

/** The result goes right after the assistant message that made the call, after its earlier results. */
export function addToolResult(conv: Conversation, event: AguiEvent, report: Report): void {
  const message = withMeta<Message>(
    {
      id: event.messageId as string,
      toolCallId: event.toolCallId as string,
      role: (event.role as string) || "tool",
      content: event.content,
      ...tag(event),
    },
    event,
  );
  if (conv.indexOf(message.id) >= 0) report("message/duplicate-id", `TOOL_CALL_RESULT adds message "${message.id}", an id already in the conversation`, { path: "messageId" });
  const owner = assistantHolding(conv, event.toolCallId);
  if (owner < 0) {
    report("tool/result-for-unknown-call", `TOOL_CALL_RESULT for tool call "${String(event.toolCallId)}", which no assistant message holds`, { path: "toolCallId" });
    conv.push(message);
    return;
  }
  let at = owner + 1;
  while (at < conv.length && conv.at(at).role === "tool") at++;
  conv.insert(at, message);
}

export function setEncryptedValue(conv: Conversation, event: AguiEvent): void {
  const value = event.encryptedValue as string;
  if (event.subtype === "tool-call") {
    const holder = assistantHolding(conv, event.entityId);
    if (holder >= 0) updateCall(conv, holder, event.entityId, (call) => ({ ...call, encryptedValue: value }));
    return;
  }
  const index = conv.indexOf(event.entityId);
  if (index >= 0 && conv.at(index).role !== "activity") conv.replace(index, { ...conv.at(index), encryptedValue: value });
}

function withoutNullTag(message: Message): Message {
  if (message?.subagentRunId !== null) return message;
  const { subagentRunId: _null, ...rest } = message;
  return rest as Message;
}

/** RUN_STARTED's input messages join the conversation when their id is new. */
export function addInputMessages(conv: Conversation, messages: unknown): void {
  if (!Array.isArray(messages)) return;
  for (const raw of messages as Message[]) {
    const message = withoutNullTag(raw);
    if (conv.indexOf(message?.id) < 0) conv.push(message);
  }
}

const HISTORY_KEY = "@ag-ui/client";

/** Which activity types a snapshot speaks for: null all, a list those, undefined infer (1.0.0). */
function authoritativeActivityTypes(metadata: unknown): string[] | null | undefined {
  if (!isRecord(metadata) || !Object.prototype.hasOwnProperty.call(metadata, HISTORY_KEY)) return undefined;
  const value = metadata[HISTORY_KEY];
  if (!isRecord(value)) return [];
  if (!Object.prototype.hasOwnProperty.call(value, "authoritativeActivityTypes")) return undefined;
  const types = value.authoritativeActivityTypes;
  if (types === null) return null;
  return Array.isArray(types) && types.every((t) => typeof t === "string") ? (types as string[]) : [];
}

/**
 * MESSAGES_SNAPSHOT: messages in the snapshot replace theirs in place, messages absent from it
 * are dropped, new ones are appended in snapshot order. Activity and reasoning messages survive
 * when the snapshot does not speak for their kind.
 */
export function applyMessagesSnapshot(conv: Conversation, raw: unknown, metadata: unknown): void {
  if (!Array.isArray(raw)) return;
  const incoming = (raw as Message[]).map(withoutNullTag);
  const byId = new Map<unknown, Message>();
  for (const m of incoming) byId.set(m?.id, m);
  const owned = authoritativeActivityTypes(metadata);
  const hasActivity = incoming.some((m) => m?.role === "activity");
  const hasReasoning = incoming.some((m) => m?.role === "reasoning");
  const preserved = (m: Message) =>
    (m.role === "activity" && (owned ? !owned.includes(m.activityType as string) : owned !== null && !hasActivity)) ||
    (m.role === "reasoning" && !hasReasoning);
  const next: Message[] = [];
  for (const m of conv.all()) {
    const replacement = byId.get(m?.id);
    if (replacement !== undefined) next.push(replacement);
    else if (preserved(m)) next.push(m);
  }
  const kept = new Set(next.map((m) => m?.id));
  for (const m of incoming) if (!kept.has(m?.id)) next.push(m);
  conv.reset(next);
}

export function applyActivitySnapshot(conv: Conversation, event: AguiEvent): void {
  const index = conv.indexOf(event.messageId);
  const replace = event.replace ?? true;
  const fresh: Message = {
    id: event.messageId as string,
    role: "activity",
    activityType: event.activityType as string,
    content: event.content,
    ...tag(event),
  };
  if (index < 0) return conv.push(withMeta(fresh, event));
  const existing = conv.at(index);
  if (existing.role === "activity") {
    if (!replace) return conv.replace(index, withMeta(existing, event));
    // A replacing snapshot brings its own owner; accumulated metadata carries over.
    const { subagentRunId: _owner, ...rest } = existing;
    conv.replace(index, withMeta({ ...rest, activityType: event.activityType as string, content: event.content, ...tag(event) }, event));
  } else if (replace) {
    conv.replace(index, withMeta(fresh, event));
  }
}

export function applyActivityDelta(conv: Conversation, event: AguiEvent, report: Report): void {
  const index = conv.indexOf(event.messageId);
  if (index < 0) {
    report("activity/unknown-message", `ACTIVITY_DELTA for "${String(event.messageId)}", which is not in the conversation`, { path: "messageId" });
    return;
  }
  let message = conv.at(index);
  if (message.role !== "activity") {
    report("activity/not-activity", `ACTIVITY_DELTA for "${String(event.messageId)}", a ${message.role} message`, { path: "messageId" });
    return;
  }
  // Metadata merges whether or not the patch applies, as in the client.
  message = withMeta(message, event);
  const result = applyPatchInPlace(cloneJson(message.content ?? {}), event.patch ?? []);
  if (result.ok) {
    conv.replace(index, { ...message, content: result.doc, activityType: event.activityType as string });
    return;
  }
  if (message !== conv.at(index)) conv.replace(index, message);
  const where = result.opIndex === undefined ? "" : ` op ${result.opIndex}${result.path !== undefined ? ` at "${result.path}"` : ""}`;
  report("activity/patch-failed", `ACTIVITY_DELTA for "${String(event.messageId)}" rejected:${where} ${result.reason}`, { path: result.path, opIndex: result.opIndex });
}
