import { useState } from "preact/hooks";
import { exportFileName, redactedName, type LibraryModel } from "../models/library";
import type { SessionView } from "../models/session-view";
import { saveBlob } from "./SessionLibrary";

/** Export the session or the run at the cursor; headers are always redacted, content on request. */
export function ExportMenu({ library, view }: { library: LibraryModel; view: SessionView }) {
  const [messageText, setMessageText] = useState(false);
  const [stateValues, setStateValues] = useState(false);
  const empty = view.lastSeq.value === 0;
  const runId = view.selected.value?.runId;
  const redact = { messageText, stateValues };
  const save = async (scope: "session" | "run") => {
    const blob = await library.exportCurrent({ scope, runId, redact });
    // named after the session (the run's id added for one run)
    // the name holds the first message's words: a copy without message text is not named after them
    const name = messageText ? redactedName(view.selected.value?.agentId) : library.currentName.value;
    if (blob) saveBlob(blob, exportFileName(name, scope === "run" ? `-run-${(runId ?? "").slice(0, 8)}` : ""));
  };
  return (
    <div class="export-menu row">
      <button type="button" class="secondary" disabled={empty} onClick={() => void save("session")}>
        Export session
      </button>
      <button type="button" class="secondary" disabled={empty || !runId} title="Only the run at the cursor" onClick={() => void save("run")}>
        Export run
      </button>
      <details class="redaction">
        <summary aria-label="Redaction options">Redact…</summary>
        <div class="family-list">
          <label class="inline">
            <input type="checkbox" checked disabled /> Headers, cookies, API keys (always)
          </label>
          <label class="inline">
            <input type="checkbox" checked={messageText} onChange={(e) => setMessageText((e.target as HTMLInputElement).checked)} /> Message text
          </label>
          <label class="inline">
            <input type="checkbox" checked={stateValues} onChange={(e) => setStateValues((e.target as HTMLInputElement).checked)} /> State values
          </label>
        </div>
      </details>
    </div>
  );
}
