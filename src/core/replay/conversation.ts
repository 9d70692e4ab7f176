import type { Message, ToolCall } from "../protocol/events";

// The message list, with messages treated as immutable: every change replaces the message
// object. A checkpoint is then a plain slice of the array, seeks share unchanged messages,
// and nothing the fold returns is ever written to afterwards. Lookups by message id and by
// tool call id go through indexes that keep the client's "first match wins" order.

export class Conversation {
  private list: Message[];
  private byId = new Map<string, number>();
  private byToolCall = new Map<string, number>();
  private stale = true;

  constructor(list: Message[] = []) {
    this.list = list;
  }

  get length(): number {
    return this.list.length;
  }

  at(index: number): Message {
    return this.list[index];
  }

  /** A copy of the list; the messages themselves are shared and never mutated. */
  snapshot(): Message[] {
    return this.list.slice();
  }

  all(): readonly Message[] {
    return this.list;
  }

  indexOf(id: unknown): number {
    if (typeof id !== "string") return -1;
    this.reindex();
    return this.byId.get(id) ?? -1;
  }

  /** Index of the first message holding a tool call with this id. */
  holderOf(toolCallId: unknown): number {
    if (typeof toolCallId !== "string") return -1;
    this.reindex();
    return this.byToolCall.get(toolCallId) ?? -1;
  }

  push(message: Message): void {
    const index = this.list.length;
    this.list.push(message);
    if (!this.stale) this.indexMessage(message, index);
  }

  /** Replace the message at index; it keeps its id. */
  replace(index: number, message: Message): void {
    const before = this.list[index];
    this.list[index] = message;
    if (this.stale) return;
    if (before.id !== message.id) {
      this.stale = true;
      return;
    }
    this.indexToolCalls(message, index);
  }

  insert(index: number, message: Message): void {
    if (index >= this.list.length) return this.push(message);
    this.list.splice(index, 0, message);
    this.stale = true;
  }

  reset(list: Message[]): void {
    this.list = list;
    this.stale = true;
  }

  private reindex(): void {
    if (!this.stale) return;
    this.byId.clear();
    this.byToolCall.clear();
    for (let i = 0; i < this.list.length; i++) this.indexMessage(this.list[i], i);
    // Stryker disable next-line BooleanLiteral: an index left stale is rebuilt at every lookup, the same index, only slower
    this.stale = false;
  }

  private indexMessage(message: Message, index: number): void {
    if (message && typeof message.id === "string" && !this.byId.has(message.id)) this.byId.set(message.id, index);
    this.indexToolCalls(message, index);
  }

  private indexToolCalls(message: Message, index: number): void {
    const calls = message?.toolCalls;
    if (!Array.isArray(calls)) return;
    for (const call of calls as (ToolCall | null)[]) {
      if (!call || typeof call.id !== "string") continue;
      const known = this.byToolCall.get(call.id);
      if (known === undefined || known > index) this.byToolCall.set(call.id, index);
    }
  }
}
