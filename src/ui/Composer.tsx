import type { ComposerModel } from "../models/composer";
import type { ConnectionModel } from "../models/connection";
import type { InputHistory } from "../models/input-history";
import { parseInputJson } from "../models/input-json";

// No "tools" here: the declared tools (Tools, below) are sent unless the editor sets its own.
// The editor itself is the drawer (InputDrawer.tsx); the composer only opens it.
const ADVANCED_TEMPLATE = `{
  "state": {},
  "context": [],
  "forwardedProps": {}
}`;

/** The fields the editor sets, named for the composer's one-line reminder. */
function customFields(text: string): string {
  const keys = Object.keys(parseInputJson(text).value ?? {});
  return keys.length ? keys.join(", ") : "none set";
}

export function Composer({ composer, connection, viewingStored, history }: { composer: ComposerModel; connection: ConnectionModel; viewingStored: boolean; history?: InputHistory }) {
  const connected = connection.status.value === "connected" && !viewingStored;
  const running = composer.active.value.length > 0;
  const runBlocked = connection.status.value !== "connected" ? "Connect to a runtime first." : viewingStored ? "Viewing a stored session: press Connect to record a new one." : null;
  const agent = composer.currentAgent();
  const past = history?.forAgent(agent) ?? [];
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
      <div class="advanced-toggle">
        <label class="inline small">
          <input
            type="checkbox"
            checked={advanced !== null}
            onChange={(e) => {
              const on = (e.target as HTMLInputElement).checked;
              composer.advanced.value = on ? ADVANCED_TEMPLATE : null;
              composer.advancedRevision.value++;
              composer.editorOpen.value = on;
            }}
          />{" "}
          Edit the full RunAgentInput
        </label>
        {advanced !== null && (
          <button type="button" class="link" aria-expanded={composer.editorOpen.value} onClick={() => (composer.editorOpen.value = true)}>
            Open RunAgentInput editor
          </button>
        )}
      </div>
      {advanced !== null && (
        <p class={composer.advancedError.value ? "error small" : "muted small"} role={composer.advancedError.value ? "alert" : undefined}>
          {composer.advancedError.value ? `RunAgentInput: ${composer.advancedError.value}` : `Custom input: ${customFields(advanced)}.`}
        </p>
      )}
      <div class="row">
        <button type="submit" disabled={!connected || !!composer.advancedError.value} title={runBlocked ?? undefined}>
          Run
        </button>
        <button type="button" disabled={!composer.selectedRunning.value} title="Stop the selected thread's run" onClick={() => void composer.stop("selected")}>
          Stop
        </button>
        <button type="button" class="secondary" disabled={!running} onClick={() => void composer.stop("all")}>
          Stop all
        </button>
        <button type="button" class="secondary" disabled={!composer.threadId.value} onClick={() => composer.newThread()}>
          New thread
        </button>
      </div>
      {runBlocked && <p class="small muted" data-testid="run-blocked">{runBlocked}</p>}
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
      {past.length > 0 && (
        <details class="input-history">
          <summary>Sent to {agent} ({past.length})</summary>
          <ul aria-label="Input history">
            {past.map((h) => {
              const user = [...h.input.messages].reverse().find((m) => m.role === "user");
              const text = typeof user?.content === "string" ? user.content : "(no message)";
              return (
                <li class="small">
                  <span class="muted">{new Date(h.at).toLocaleTimeString()}</span> {text.slice(0, 60)}
                  <button type="button" class="link" disabled={!connected} aria-label={`Re-run: ${text.slice(0, 30)}`} onClick={() => void composer.rerun(h.agentId, h.input)}>
                    Re-run
                  </button>
                  <button type="button" class="link" aria-label={`Edit: ${text.slice(0, 30)}`} onClick={() => composer.edit(h.input)}>
                    Edit
                  </button>
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </form>
  );
}
