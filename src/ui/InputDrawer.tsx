import { useLayoutEffect, useRef } from "preact/hooks";
import type { ComposerModel } from "../models/composer";
import { JsonEditor } from "./JsonEditor";
import "./drawer.css";

// The full RunAgentInput in a roomy side drawer beside the composer (not a modal: the message box
// and Run stay usable). Esc or Close hides it and focus goes back where it came from; the text
// stays and applies to the next run until "Edit the full RunAgentInput" is unchecked.

const FIELDS: [string, string][] = [
  ["threadId", "the thread to continue (default: the current thread, or a new one)"],
  ["runId", "default: a fresh id per run"],
  ["messages", "appended after the thread's messages; the message box adds one more"],
  ["state", "default: the thread's state"],
  ["tools", "default: the declared tools"],
  ["context", "[{ description, value }]"],
  ["forwardedProps", "passed to the agent as is"],
  ["resume", "answers to open interrupts"],
];

/** What Run sends, for the preview: a long conversation is cut, never the page. */
function previewText(composer: ComposerModel): string {
  const input = composer.assemble();
  const given = input.runId === (JSON.parse(composer.advanced.value || "{}") as { runId?: string }).runId;
  const text = JSON.stringify({ ...input, runId: given ? input.runId : "(a fresh id when sent)" }, null, 2);
  return text.length > 20_000 ? `${text.slice(0, 20_000)}\n… (${text.length.toLocaleString()} characters)` : text;
}

export function InputDrawer({ composer, canRun }: { composer: ComposerModel; canRun: boolean }) {
  const ref = useRef<HTMLElement>(null);
  const close = () => (composer.editorOpen.value = false);
  // In the render that opens it, not after the next paint: a key typed (or a box filled) right
  // after Fork would otherwise land where the focus was and then see it move into the editor.
  useLayoutEffect(() => {
    const back = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>(".cm-content")?.focus();
    return () => {
      // Only take focus back when it was in the drawer (a run started from elsewhere keeps it).
      if (!document.activeElement || document.activeElement === document.body || ref.current?.contains(document.activeElement)) back?.focus?.();
    };
  }, []);
  const text = composer.advanced.value ?? "";
  const error = composer.advancedError.value;
  return (
    <section
      ref={ref}
      class="input-drawer"
      role="dialog"
      aria-modal="false"
      aria-labelledby="input-drawer-title"
      onKeyDown={(e) => {
        if (e.key === "Escape" && !e.defaultPrevented) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
      }}
    >
      <div class="drawer-head">
        <h2 id="input-drawer-title">RunAgentInput</h2>
        <span class="muted small">agent {composer.currentAgent() ?? "—"}</span>
        <button type="button" class="secondary" onClick={close} aria-keyshortcuts="Escape">
          Close
        </button>
      </div>
      <div class="drawer-body">
        <JsonEditor key={composer.advancedRevision.value} label="RunAgentInput JSON" initial={text} onChange={(t) => (composer.advanced.value = t)} />
        <p class={error ? "error small" : "muted small"} role={error ? "alert" : undefined} id="input-drawer-status">
          {error ?? "Valid. Fields given here replace the defaults; the rest are filled in when you run."}
        </p>
        <details class="drawer-fields">
          <summary>Fields</summary>
          <dl>
            {FIELDS.map(([k, what]) => (
              <div>
                <dt>
                  <code>{k}</code>
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </details>
        <details class="drawer-preview">
          <summary>What Run sends</summary>
          {!error && <pre aria-label="Assembled RunAgentInput" tabIndex={0}>{previewText(composer)}</pre>}
        </details>
      </div>
      <div class="drawer-foot">
        <button type="button" disabled={!canRun || !!error} onClick={() => void composer.run()}>
          Run with this input
        </button>
      </div>
    </section>
  );
}
