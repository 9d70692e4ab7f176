import type { ComposerModel } from "../models/composer";
import type { ConnectionModel } from "../models/connection";

export function Composer({ composer, connection }: { composer: ComposerModel; connection: ConnectionModel }) {
  const connected = connection.status.value === "connected";
  const running = composer.active.value.length > 0;
  const outcome = composer.lastOutcome.value;
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
      <div class="row">
        <button type="submit" disabled={!connected}>
          Run
        </button>
        <button type="button" disabled={!running} onClick={() => void composer.stop()}>
          Stop
        </button>
        <button type="button" class="secondary" disabled={!composer.threadId.value} onClick={() => void composer.run({ newThread: true })}>
          Run in new thread
        </button>
      </div>
      <p class="muted small">
        {composer.threadId.value ? `Thread ${composer.threadId.value}` : "A new thread starts with the first run."}
        {running ? ` · ${composer.active.value.length} run(s) streaming` : ""}
      </p>
      {outcome && outcome.status !== "finished" && (
        <p class="error" role="alert">
          Run {outcome.status}
          {outcome.message ? `: ${outcome.message}` : ""}
        </p>
      )}
    </form>
  );
}
