import type { SessionRecord } from "../core/session/record";
import { eventFamily } from "../models/recording";

export function recordLabel(r: SessionRecord): string {
  switch (r.kind) {
    case "event":
      return r.event.type;
    case "request":
      return `${r.method} ${r.op}`;
    case "response":
      return `${r.status} ${r.op}`;
    case "bad-frame":
      return "BAD FRAME";
    case "comment":
      return "comment";
    case "end":
      return `end ${r.op}: ${r.outcome}`;
  }
}

function badge(r: SessionRecord): string {
  if (r.kind === "event") return eventFamily(r.event.type);
  return r.kind;
}

function summary(r: SessionRecord): string {
  switch (r.kind) {
    case "event": {
      const { type: _type, ...rest } = r.event;
      return JSON.stringify(rest).slice(0, 160);
    }
    case "request":
      return r.url;
    case "response":
      return r.contentType;
    case "bad-frame":
      return `${r.error}: ${r.raw.slice(0, 100)}`;
    case "comment":
      return r.text;
    case "end":
      return r.error ?? `${r.frames} frame(s)`;
  }
}

export function Timeline({ records, origin }: { records: SessionRecord[]; origin: number }) {
  return (
    <section class="timeline" role="region" aria-label="Timeline">
      <div role="table" aria-label="Records" aria-rowcount={records.length}>
        {records.map((r) => (
          <div role="row" class={`rec dir-${r.dir} kind-${r.kind}${r.kind === "end" ? ` end-${r.outcome}` : ""}${(r.kind === "event" && r.issues?.length) || r.kind === "bad-frame" ? " flagged" : ""}`} key={r.seq}>
            <span role="cell" class="seq">{r.seq}</span>
            <span role="cell" class="time">+{((r.t - origin) / 1000).toFixed(3)}s</span>
            <span role="cell" class="dir" aria-label={r.dir === "out" ? "sent" : "received"}>{r.dir === "out" ? "↑" : "↓"}</span>
            <span role="cell" class={`badge fam-${badge(r)}`}>{badge(r)}</span>
            <span role="cell" class="type">{recordLabel(r)}</span>
            <span role="cell" class="summary">{summary(r)}</span>
          </div>
        ))}
      </div>
    </section>
  );
}
