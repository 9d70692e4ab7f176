import { memo } from "preact/compat";
import { useRef } from "preact/hooks";
import { MESSAGES_SHOWN, type SessionView } from "../models/session-view";
import type { Message } from "../models/session-view-types";

function text(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p) => (p && typeof p === "object" && "text" in p ? String((p as { text: unknown }).text) : `[${(p as { type?: string })?.type ?? "part"}]`)).join("");
  if (content === undefined || content === null) return "";
  return JSON.stringify(content);
}

// Messages are immutable and a seek keeps the unchanged ones' identity: only a changed one is drawn again.
const MessageItem = memo(function MessageItem({ m }: { m: Message }) {
  return (
    <li class={`msg role-${m.role}`}>
      <div class="msg-head">
        <strong>{m.role}</strong>
        {m.name ? ` (${m.name})` : ""}
        {m.activityType ? ` · ${m.activityType}` : ""}
        <span class="muted small"> {m.id}</span>
      </div>
      {m.role === "activity" ? <pre class="msg-body">{JSON.stringify(m.content, null, 2)}</pre> : text(m.content) && <div class="msg-body">{text(m.content)}</div>}
      {m.toolCallId && <div class="small muted">result of {m.toolCallId}{m.error ? ` · error: ${m.error}` : ""}</div>}
      {m.toolCalls?.map((c) => (
        <div class="tool-call">
          <span class="badge fam-tool">tool</span> <code>{c.function.name}</code> <span class="muted small">{c.id}</span>
          <pre>{c.function.arguments}</pre>
        </div>
      ))}
    </li>
  );
});

export function MessagesPanel({ view }: { view: SessionView }) {
  const { seq, messages, threadId, messageCount, messagesFrom } = view.view.value;
  const list = useRef<HTMLOListElement>(null);
  const showEarlier = () => {
    // The last press takes the button away: the focus goes to the list it grew, not the page's start.
    const last = messagesFrom <= MESSAGES_SHOWN;
    view.showEarlierMessages();
    if (last) setTimeout(() => list.current?.focus(), 0);
  };
  return (
    <div class="messages-panel" role="region" aria-label="Messages">
      <p class="small muted">
        Conversation right after #{seq}
        {threadId ? ` · thread ${threadId}` : ""}
      </p>
      {/* A long conversation shows its last messages; earlier ones are brought on request. */}
      {messagesFrom > 0 && (
        <p class="small muted">
          The last {messages.length.toLocaleString("en-US")} of {messageCount.toLocaleString("en-US")} messages.{" "}
          <button type="button" class="link" onClick={showEarlier}>
            Show {Math.min(MESSAGES_SHOWN, messagesFrom).toLocaleString("en-US")} earlier messages
          </button>
        </p>
      )}
      {messages.length === 0 ? (
        <p class="muted">No messages yet.</p>
      ) : (
        <ol class="messages" start={messagesFrom + 1} ref={list} tabIndex={-1} aria-label={`Messages ${messagesFrom + 1}–${messageCount} of ${messageCount}`}>
          {messages.map((m) => (
            <MessageItem m={m} />
          ))}
        </ol>
      )}
    </div>
  );
}
