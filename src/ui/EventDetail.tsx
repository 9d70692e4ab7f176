import type { SessionView } from "../models/session-view";
import { JsonTree } from "./JsonTree";

export function EventDetail({ view }: { view: SessionView }) {
  const r = view.selected.value;
  if (!r) return <p class="muted">No record at the cursor.</p>;
  const rawText = r.kind === "event" ? r.raw ?? JSON.stringify(r.event) : r.kind === "bad-frame" ? r.raw : null;
  const { seq: _s, t: _t, ...fields } = r;
  return (
    <div class="event-detail" role="region" aria-label="Event">
      <p class="small muted">
        #{r.seq} · {new Date(r.t).toISOString()} · {r.dir === "out" ? "sent" : "received"} · exchange {r.x}
        {r.threadId ? ` · thread ${r.threadId}` : ""}
        {r.runId ? ` · run ${r.runId}` : ""}
      </p>
      {r.kind === "bad-frame" && (
        <p class="error" role="alert">
          Bad frame: {r.error}
          {r.rawLength !== undefined ? ` Raw text below: the first ${r.raw.length} of ${r.rawLength} characters.` : ""}
        </p>
      )}
      {r.kind === "event" && r.issues?.length ? (
        <ul class="issues">
          {r.issues.map((i) => (
            <li class="warn">
              AG-UI {i.version}: {i.path} — {i.message}
            </li>
          ))}
        </ul>
      ) : null}
      <JsonTree value={r.kind === "event" ? r.event : fields} depth={4} label="Record JSON" />
      {rawText !== null && (
        <>
          <h3>Raw frame{r.kind === "event" && r.rawEncoding === "base64" ? " (protobuf, base64)" : ""}</h3>
          <pre class="raw">{rawText}</pre>
        </>
      )}
    </div>
  );
}
