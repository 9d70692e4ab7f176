import type { SessionView } from "../models/session-view";
import { eventJson, rawFrame, recordJson, toCurl, toFetch } from "../models/copy";
import { JsonTree } from "./JsonTree";
import { LargeText } from "./LargeText";
import { copyText } from "./clipboard";

export function EventDetail({ view }: { view: SessionView }) {
  const r = view.selected.value;
  if (!r) return <p class="muted">No record at the cursor.</p>;
  const rawText = rawFrame(r) ?? null;
  const { seq: _s, t: _t, ...fields } = r;
  return (
    <div class="event-detail" role="region" aria-label="Event">
      <p class="small muted">
        #{r.seq} · {new Date(r.t).toISOString()} · {r.dir === "out" ? "sent" : "received"} · exchange {r.x}
        {r.threadId ? ` · thread ${r.threadId}` : ""}
        {r.runId ? ` · run ${r.runId}` : ""}
      </p>
      <div class="copy-row" role="group" aria-label="Copy">
        <button type="button" class="secondary" onClick={() => void copyText(eventJson(r), r.kind === "event" ? "event JSON" : "record JSON")}>
          Copy {r.kind === "event" ? "event" : "record"} JSON
        </button>
        {rawText !== null && (
          <button type="button" class="secondary" onClick={() => void copyText(rawText, "raw frame")}>
            Copy raw frame
          </button>
        )}
        {r.kind === "event" && (
          <button type="button" class="secondary" onClick={() => void copyText(recordJson(r), "record JSON")}>
            Copy record
          </button>
        )}
        {r.kind === "request" && (
          <>
            <button type="button" class="secondary" onClick={() => void copyText(toCurl(r), "request as cURL")}>
              Copy as cURL
            </button>
            <button type="button" class="secondary" onClick={() => void copyText(toFetch(r), "request as fetch")}>
              Copy as fetch
            </button>
          </>
        )}
      </div>
      {r.kind === "bad-frame" && (
        <p class="error-box" role="alert">
          Bad frame: {r.error}
          {r.rawLength !== undefined ? ` Raw text below: the first ${r.raw.length} of ${r.rawLength} characters.` : ""}
        </p>
      )}
      {r.kind === "event" && r.issues?.length ? (
        <ul class="issues">
          {r.issues.map((i) => (
            <li class="warn-text">
              AG-UI {i.version}: {i.path} — {i.message}
            </li>
          ))}
        </ul>
      ) : null}
      <JsonTree value={r.kind === "event" ? r.event : fields} depth={4} label="Record JSON" />
      {rawText !== null && (
        <>
          <h3>Raw frame{r.kind === "event" && r.rawEncoding === "base64" ? " (protobuf, base64)" : ""}</h3>
          <LargeText text={rawText} />
        </>
      )}
    </div>
  );
}
