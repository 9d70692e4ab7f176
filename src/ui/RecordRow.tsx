import { memo } from "preact/compat";
import type { SessionRecord } from "../models/session-view-types";
import { familyOf } from "../models/filters";
import { SEVERITY_WORDS, type RowSeverity } from "../models/row-severity";
import type { ColumnDef } from "./useColumns";

// One timeline row. Cells follow the visible columns; the gutter shows severity as an icon with
// words for screen readers, so color is never the only signal.

const ICONS: Record<RowSeverity, string> = { "bad-frame": "⛔", "failed-patch": "⊘", error: "✖", warning: "▲" };

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

export interface RecordRowProps {
  record: SessionRecord;
  count: number;
  position: number;
  top: number;
  cursor: boolean;
  severity?: RowSeverity;
  summary: string;
  /** Hover text: the summary's fuller form. */
  title: string;
  /** Arrival of the previous visible row, for Δ. */
  prevT?: number;
  origin: number;
  lane: number;
  columns: ColumnDef[];
  onSelect: (seq: number) => void;
  onMenu: (seq: number, x: number, y: number, record: SessionRecord) => void;
}

const short = (id: string | undefined) => (id ? (id.length > 10 ? `${id.slice(0, 8)}…` : id) : "");

// Drawn again only when one of its props changes: a seek moves the cursor over two rows, not
// the whole screen of them (the Timeline keeps its callbacks and columns the same objects).
export const RecordRow = memo(Row);

function Row(p: RecordRowProps) {
  const r = p.record;
  const fam = familyOf(r);
  const cls = [
    "rec",
    `dir-${r.dir}`,
    `kind-${r.kind}`,
    r.kind === "end" ? `end-${r.outcome}` : "",
    p.severity ? `sev-row sev-row-${p.severity}` : "",
    p.cursor ? "cursor" : "",
    `lane-${p.lane}`,
  ]
    .filter(Boolean)
    .join(" ");
  const cell = (c: ColumnDef) => {
    switch (c.id) {
      case "seq":
        return <span role="gridcell" class="seq">{r.seq}</span>;
      case "time":
        return <span role="gridcell" class="time">+{((r.t - p.origin) / 1000).toFixed(3)}s</span>;
      case "delta":
        return <span role="gridcell" class="time delta">{p.prevT === undefined ? "" : `+${Math.max(0, r.t - p.prevT)} ms`}</span>;
      case "dir":
        return <span role="gridcell" class="dir" aria-label={r.dir === "out" ? "sent" : "received"}>{r.dir === "out" ? "↑" : "↓"}</span>;
      case "family":
        return <span role="gridcell" class={`badge fam-${fam}`}>{fam}</span>;
      case "type":
        return (
          <span role="gridcell" class="type">
            {recordLabel(r)}
            {p.count > 1 ? ` ×${p.count}` : ""}
          </span>
        );
      case "summary":
        return <span role="gridcell" class="summary" title={p.title}>{p.summary}</span>;
      case "thread":
        return <span role="gridcell" class="ids" title={r.threadId}>{short(r.threadId)}</span>;
      case "run":
        return <span role="gridcell" class="ids" title={r.runId}>{short(r.runId)}</span>;
    }
  };
  return (
    <div
      role="row"
      aria-rowindex={p.position + 1}
      aria-selected={p.cursor}
      class={cls}
      style={{ top: `${p.top}px` }}
      data-seq={r.seq}
      onClick={() => p.onSelect(r.seq)}
      onContextMenu={(e) => {
        e.preventDefault();
        p.onSelect(r.seq);
        p.onMenu(r.seq, e.clientX, e.clientY, r);
      }}
    >
      <span role="gridcell" class="gutter" aria-label={p.severity ? SEVERITY_WORDS[p.severity] : undefined} title={p.severity ? SEVERITY_WORDS[p.severity] : undefined}>
        {p.severity ? <span aria-hidden="true">{ICONS[p.severity]}</span> : null}
      </span>
      {p.columns.map(cell)}
    </div>
  );
}
