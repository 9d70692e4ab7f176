import type { AguiEvent } from "../protocol/events";
import { isRecord } from "./json";
import type { Report, RuleId } from "./rules";

// verifyEvents' ordering rules (1.0.0, which includes 0.0.59's), as findings instead of a
// dead stream: every violation is reported and the events still fold. One verifier per
// stream (HTTP exchange); a stream may hold several runs back to back (a /connect replay).

type Owner = { subagentRunId?: string };

export class StreamVerifier {
  private first = true;
  private runStarted = false;
  private runFinished = false;
  private runError = false;
  /** After a terminal, report the first stray event only: the client stops at it. */
  private strayReported = false;
  private messages = new Set<string>();
  private toolCalls = new Set<string>();
  private spans = new Set<string>();
  private reasoning = new Set<string>();
  private steps = new Map<string | undefined, Set<string>>();
  private subagents = new Set<string>();
  private closedSubagents = new Set<string>();
  private owners = {
    message: new Map<string, Owner>(),
    toolCall: new Map<string, Owner>(),
    reasoning: new Map<string, Owner>(),
  };

  constructor(private report: Report) {}

  check(event: AguiEvent): void {
    const type = event.type;
    if (this.runError && type !== "RUN_STARTED") this.stray("run/event-after-run-error", `${type} after RUN_ERROR; only a new RUN_STARTED may follow`);
    else if (this.runFinished && type !== "RUN_ERROR" && type !== "RUN_STARTED") this.stray("run/event-after-run-finished", `${type} after RUN_FINISHED; start a new run with RUN_STARTED first`);

    if (this.first) {
      this.first = false;
      if (type !== "RUN_STARTED" && type !== "RUN_ERROR") this.report("run/event-before-run-started", `the stream starts with ${type}, not RUN_STARTED`);
    } else if (type === "RUN_STARTED") {
      const active = this.runStarted && !this.runFinished && !this.runError;
      if (active) this.report("run/started-while-active", "RUN_STARTED while the previous run is still open");
      if (active || this.runFinished || this.runError) this.resetRun();
    }
    if (event.subagentRunId === null) this.report("event/null-subagent-run-id", `${type} has subagentRunId: null; omit the field instead`, { path: "subagentRunId" });
    const tag = (event.subagentRunId ?? undefined) as string | undefined;

    switch (type) {
      case "TEXT_MESSAGE_START":
        return this.open("text/already-open", this.messages, this.owners.message, event.messageId, tag, type, "text message");
      case "TEXT_MESSAGE_CONTENT":
      case "TEXT_MESSAGE_END":
        return this.continue("text/not-open", this.messages, this.owners.message, event.messageId, tag, type, "text message", type === "TEXT_MESSAGE_END");
      case "TOOL_CALL_START":
        return this.startToolCall(event, tag);
      case "TOOL_CALL_ARGS":
      case "TOOL_CALL_END":
        return this.continue("tool/not-open", this.toolCalls, this.owners.toolCall, event.toolCallId, tag, type, "tool call", type === "TOOL_CALL_END");
      case "TOOL_CALL_RESULT":
        if (typeof event.messageId === "string") this.owners.message.set(event.messageId, { subagentRunId: tag });
        return;
      case "REASONING_START":
        return this.open("reasoning/already-open", this.spans, this.owners.reasoning, event.messageId, tag, type, "reasoning span");
      case "REASONING_MESSAGE_START":
        return this.open("reasoning/already-open", this.reasoning, this.owners.reasoning, event.messageId, tag, type, "reasoning message");
      case "REASONING_MESSAGE_CONTENT":
      case "REASONING_MESSAGE_END":
        return this.continue("reasoning/not-open", this.reasoning, this.owners.reasoning, event.messageId, tag, type, "reasoning message", type === "REASONING_MESSAGE_END");
      case "REASONING_END":
        return this.continue("reasoning/not-open", this.spans, this.owners.reasoning, event.messageId, tag, type, "reasoning span", true);
      case "STEP_STARTED":
        return this.stepStarted(String(event.stepName), tag);
      case "STEP_FINISHED":
        return this.stepFinished(String(event.stepName), tag);
      case "SUBAGENT_STARTED":
        return this.subagentStarted(event);
      case "SUBAGENT_FINISHED":
      case "SUBAGENT_ERROR":
        return this.subagentEnded(event);
      case "MESSAGES_SNAPSHOT":
        return this.seedOwners(event.messages, true);
      case "RUN_STARTED":
        this.runStarted = true;
        return this.seedOwners(isRecord(event.input) ? event.input.messages : undefined, false);
      case "RUN_FINISHED":
        this.runFinishedChecks();
        this.runFinished = true;
        return;
      case "RUN_ERROR":
        this.runError = true;
        return;
      default:
        return;
    }
  }

  private stray(rule: RuleId, message: string): void {
    if (this.strayReported) return;
    this.strayReported = true;
    this.report(rule, message);
  }

  private resetRun(): void {
    this.messages.clear();
    this.toolCalls.clear();
    this.spans.clear();
    this.reasoning.clear();
    this.steps.clear();
    this.subagents.clear();
    this.closedSubagents.clear();
    this.owners.message.clear();
    this.owners.toolCall.clear();
    this.owners.reasoning.clear();
    this.runFinished = false;
    this.runError = false;
    this.strayReported = false;
    this.runStarted = true;
  }

  private open(rule: RuleId, set: Set<string>, owners: Map<string, Owner>, rawId: unknown, tag: string | undefined, type: string, what: string): void {
    const id = String(rawId);
    if (set.has(id)) this.report(rule, `${type}: ${what} "${id}" is already open`);
    const owner = owners.get(id);
    if (owner) this.ownerCheck(type, tag, owner, what, id);
    else owners.set(id, { subagentRunId: tag });
    set.add(id);
  }

  private continue(rule: RuleId, set: Set<string>, owners: Map<string, Owner>, rawId: unknown, tag: string | undefined, type: string, what: string, closes: boolean): void {
    const id = String(rawId);
    if (!set.has(id)) {
      this.report(rule, `${type}: no open ${what} "${id}"`);
      return;
    }
    this.ownerCheck(type, tag, owners.get(id), what, id);
    if (closes) set.delete(id);
  }

  private ownerCheck(type: string, tag: string | undefined, owner: Owner | undefined, what: string, id: string): boolean {
    if (tag === undefined || !owner || owner.subagentRunId === tag) return true;
    this.report("subagent/owner-mismatch", `${type} is tagged subagent "${tag}" but ${what} "${id}" belongs to ${label(owner.subagentRunId)}`, { path: "subagentRunId" });
    return false;
  }

  private startToolCall(event: AguiEvent, tag: string | undefined): void {
    const id = String(event.toolCallId);
    if (this.toolCalls.has(id)) this.report("tool/already-open", `TOOL_CALL_START: tool call "${id}" is already open`);
    const parentId = event.parentMessageId as string | undefined | null;
    let inherited: Owner | undefined;
    if (parentId != null) {
      const parentOwner = this.owners.message.get(parentId);
      if (parentOwner) {
        if (tag !== undefined && tag !== parentOwner.subagentRunId) {
          this.report("subagent/owner-mismatch", `TOOL_CALL_START "${id}" is tagged subagent "${tag}" but its parent message "${parentId}" belongs to ${label(parentOwner.subagentRunId)}`, { path: "subagentRunId" });
        }
        inherited = parentOwner;
      }
    }
    const existing = this.owners.toolCall.get(id);
    if (existing) {
      if (this.ownerCheck("TOOL_CALL_START", tag, existing, "tool call", id) && tag === undefined && inherited && inherited.subagentRunId !== existing.subagentRunId) {
        this.report("subagent/owner-mismatch", `TOOL_CALL_START "${id}" belongs to ${label(existing.subagentRunId)} but its parent message "${parentId}" belongs to ${label(inherited.subagentRunId)}`, { path: "parentMessageId" });
      }
    } else {
      this.owners.toolCall.set(id, tag !== undefined ? { subagentRunId: tag } : (inherited ?? {}));
    }
    this.toolCalls.add(id);
  }

  private stepsOf(owner: string | undefined): Set<string> {
    let set = this.steps.get(owner);
    if (!set) this.steps.set(owner, (set = new Set()));
    return set;
  }

  private stepStarted(name: string, owner: string | undefined): void {
    const set = this.stepsOf(owner);
    if (set.has(name)) this.report("step/already-active", `STEP_STARTED: step "${name}" is already active${owner !== undefined ? ` in subagent "${owner}"` : ""}`);
    set.add(name);
  }

  private stepFinished(name: string, owner: string | undefined): void {
    const set = this.stepsOf(owner);
    if (set.has(name)) {
      set.delete(name);
      return;
    }
    for (const [other, names] of this.steps) {
      if (other !== owner && names.has(name)) {
        this.report("step/not-started", `STEP_FINISHED for step "${name}" by ${label(owner)}, but that step is open under ${label(other)}`);
        return;
      }
    }
    this.report("step/not-started", `STEP_FINISHED for step "${name}", which was not started`);
  }

  private subagentStarted(event: AguiEvent): void {
    const id = event.subagentRunId;
    if (typeof id !== "string") return;
    const parent = event.parentSubagentRunId as string | undefined;
    if (this.subagents.has(id)) this.report("subagent/already-active", `SUBAGENT_STARTED: subagent "${id}" is already active`);
    else if (this.closedSubagents.has(id)) this.report("subagent/id-reused", `SUBAGENT_STARTED: subagent "${id}" already finished in this run; ids are per invocation`);
    if (parent !== undefined && parent !== null && !this.subagents.has(parent) && !this.closedSubagents.has(parent)) {
      this.report("subagent/parent-not-started", `SUBAGENT_STARTED "${id}" names parent "${parent}", which has not started in this run`, { path: "parentSubagentRunId" });
    }
    this.subagents.add(id);
  }

  private subagentEnded(event: AguiEvent): void {
    const id = event.subagentRunId;
    if (typeof id !== "string") return;
    if (!this.subagents.has(id)) {
      this.report("subagent/not-active", `${event.type}: no active subagent "${id}"`);
      return;
    }
    this.subagents.delete(id);
    this.closedSubagents.add(id);
  }

  /** Replayed history names owners a later event may continue under. */
  private seedOwners(messages: unknown, authoritative: boolean): void {
    if (!Array.isArray(messages)) return;
    for (const m of messages) {
      if (!isRecord(m) || typeof m.id !== "string") continue;
      const owner = { subagentRunId: (m.subagentRunId ?? undefined) as string | undefined };
      const bucket = m.role === "reasoning" ? this.owners.reasoning : m.role === "activity" ? undefined : this.owners.message;
      if (bucket && (authoritative || !bucket.has(m.id))) bucket.set(m.id, owner);
      if (!Array.isArray(m.toolCalls)) continue;
      for (const call of m.toolCalls) {
        if (isRecord(call) && typeof call.id === "string" && (authoritative || !this.owners.toolCall.has(call.id))) this.owners.toolCall.set(call.id, owner);
      }
    }
  }

  private runFinishedChecks(): void {
    const openSteps: string[] = [];
    for (const [owner, names] of this.steps) for (const name of names) openSteps.push(owner !== undefined ? `${name} (subagent ${owner})` : name);
    const check = (rule: RuleId, what: string, ids: Iterable<string>) => {
      const list = [...ids];
      if (list.length) this.report(rule, `RUN_FINISHED while ${what} still open: ${list.join(", ")}`);
    };
    check("run/finished-with-open-step", "steps are", openSteps);
    check("run/finished-with-open-message", "text messages are", this.messages);
    check("run/finished-with-open-reasoning", "reasoning messages or spans are", [...this.reasoning, ...this.spans]);
    check("run/finished-with-open-tool-call", "tool calls are", this.toolCalls);
    check("run/finished-with-open-subagent", "subagents are", this.subagents);
  }
}

function label(owner: string | undefined): string {
  return owner === undefined ? "the parent agent" : `subagent "${owner}"`;
}
