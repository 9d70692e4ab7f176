import type { ComposerModel } from "../models/composer";
import type { ConnectionModel } from "../models/connection";
import { JsonEditor } from "./JsonEditor";

const ADVANCED_TEMPLATE = `{
  "state": {},
  "tools": [],
  "context": [],
  "forwardedProps": {}
}`;

export function Composer({ composer, connection, viewingStored }: { composer: ComposerModel; connection: ConnectionModel; viewingStored: boolean }) {
  const connected = connection.status.value === "connected" && !viewingStored;
  const running = composer.active.value.length > 0;
  const outcome = composer.lastOutcome.value;
  const advanced = composer.advanced.value;
  return (
    <form
      class="composer"
      aria-label="Run composer"
      onSubmit={(e) => {
        e.preventDefault();
        void composer.run();
      }}
    >
      <label class="field">
        <span>Message</span>
        <textarea
          aria-label="Message"
          rows={3}
          value={composer.message.value}
          onInput={(e) => (composer.message.value = (e.target as HTMLTextAreaElement).value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void composer.run();
            }
          }}
          placeholder="Say something to the agent (Ctrl+Enter runs)"
        />
      </label>
      <label class="inline small">
        <input type="checkbox" checked={advanced !== null} onChange={(e) => (composer.advanced.value = (e.target as HTMLInputElement).checked ? ADVANCED_TEMPLATE : null)} /> Edit the full RunAgentInput
      </label>
      {advanced !== null && (
        <div class="advanced">
          <JsonEditor key={composer.advancedRevision.value} label="RunAgentInput JSON" initial={advanced} onChange={(t) => (composer.advanced.value = t)} />
          <p class={composer.advancedError.value ? "error small" : "muted small"} role={composer.advancedError.value ? "alert" : undefined}>
            {composer.advancedError.value ?? "Merged over the defaults: threadId (current thread), fresh runId, the thread's messages plus yours, tools: [], context: []."}
          </p>
        </div>
      )}
      <div class="row">
        <button type="submit" disabled={!connected || !!composer.advancedError.value}>
          Run
        </button>
        <button type="button" disabled={!running} onClick={() => void composer.stop()}>
          Stop
        </button>
        <button type="button" class="secondary" disabled={!composer.threadId.value} onClick={() => composer.newThread()}>
          New thread
        </button>
      </div>
      {viewingStored && connection.status.value === "connected" && <p class="small">Viewing a stored session: press Connect to record a new one.</p>}
      <p class="muted small">
        {composer.threadId.value ? `Continuing thread ${composer.threadId.value}` : "The next run starts a new thread."}
        {running ? ` · ${composer.active.value.length} run(s) streaming` : ""}
      </p>
      {outcome && outcome.status !== "finished" && (
        <p class="error" role="alert">
          Run {outcome.status}
          {outcome.message ? `: ${outcome.message}` : ""}
        </p>
      )}
      {outcome && outcome.status === "finished" && outcome.message && (
        <p class="small" aria-live="polite" data-testid="run-outcome">
          Run finished: {outcome.message}
        </p>
      )}
    </form>
  );
}
