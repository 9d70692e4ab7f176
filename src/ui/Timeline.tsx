import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { SessionRecord } from "../core/session/record";
import type { SessionView, TimelineRow } from "../models/session-view";
import { familyOf } from "../models/filters";

const ROW = 22;
const OVERSCAN = 12;

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

function summary(r: SessionRecord): string {
  switch (r.kind) {
    case "event": {
      const { type: _type, ...rest } = r.event;
      return JSON.stringify(rest).slice(0, 200);
    }
    case "request":
      return r.url;
    case "response":
      return r.contentType;
    case "bad-frame":
      return `${r.error}: ${r.raw.slice(0, 120)}`;
    case "comment":
      return r.text;
    case "end":
      return r.error ?? `${r.frames} frame(s)${r.badFrames ? `, ${r.badFrames} bad` : ""}${r.unterminated ? ", the last unterminated" : ""}`;
  }
}

function laneColor(thread: string | undefined, threads: string[]): number {
  if (!thread) return 0;
  const i = threads.indexOf(thread);
  return i < 0 ? 0 : (i % 6) + 1;
}

/** A windowed list: only the rows in view (plus a margin) are in the DOM, whatever the session size. */
export function Timeline({ view }: { view: SessionView }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const rows = view.rows.value;
  const records = view.records();
  const cursor = view.cursorSeq.value;
  const following = view.following.value;
  const threads = view.threads.value;
  const origin = records[0]?.t ?? 0;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  // Follow the live end; otherwise keep the cursor's row in view.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (following) {
      el.scrollTop = el.scrollHeight;
      return;
    }
    const pos = indexOfSeq(rows, records, cursor);
    if (pos < 0) return;
    const top = pos * ROW;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW - el.clientHeight;
  }, [rows.length, cursor, following]);

  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW) + OVERSCAN);
  const visible = rows.slice(first, last);

  return (
    <section class="timeline" role="region" aria-label="Timeline">
      <div class="timeline-scroll" ref={scroller} onScroll={(e) => setScrollTop((e.target as HTMLElement).scrollTop)} tabIndex={0} aria-label="Records (arrow keys move the cursor)">
        <div role="grid" aria-label="Records" aria-rowcount={rows.length} style={{ height: `${rows.length * ROW}px`, position: "relative" }}>
          {visible.map((row, i) => {
            const r = records[row.index];
            const fam = familyOf(r);
            const flagged = (r.kind === "event" && r.issues?.length) || r.kind === "bad-frame";
            return (
              <div
                role="row"
                key={r.seq}
                aria-rowindex={first + i + 1}
                aria-selected={r.seq === cursor}
                class={`rec dir-${r.dir} kind-${r.kind}${r.kind === "end" ? ` end-${r.outcome}` : ""}${flagged ? " flagged" : ""}${r.seq === cursor ? " cursor" : ""} lane-${laneColor(r.threadId, threads)}`}
                style={{ top: `${(first + i) * ROW}px` }}
                onClick={() => view.select(r.seq)}
              >
                <span role="gridcell" class="seq">{r.seq}</span>
                <span role="gridcell" class="time">+{((r.t - origin) / 1000).toFixed(3)}s</span>
                <span role="gridcell" class="dir" aria-label={r.dir === "out" ? "sent" : "received"}>{r.dir === "out" ? "↑" : "↓"}</span>
                <span role="gridcell" class={`badge fam-${fam}`}>{fam}</span>
                <span role="gridcell" class="type">
                  {recordLabel(r)}
                  {row.count > 1 ? ` ×${row.count}` : ""}
                </span>
                <span role="gridcell" class="summary">{summary(r)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}

function indexOfSeq(rows: TimelineRow[], records: SessionRecord[], seq: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = records[rows[mid].index].seq;
    if (s === seq) return mid;
    if (s < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return Math.max(0, hi);
}
