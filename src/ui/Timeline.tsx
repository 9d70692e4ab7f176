import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { SessionRecord } from "../core/session/record";
import type { SessionView } from "../models/session-view";
import type { Summaries } from "../models/summaries";
import { preview } from "../models/summaries";
import type { RowSeverityModel } from "../models/row-severity";
import type { RunTiming } from "../models/run-timing";
import { isFiltering } from "../models/filters";
import { RecordRow } from "./RecordRow";
import { TimelineHeader } from "./TimelineHeader";
import { PendingRow } from "./PendingRow";
import { ContextMenu } from "./ContextMenu";
import { rowMenuItems } from "./rowMenu";
import { useColumns } from "./useColumns";

export { recordLabel } from "./RecordRow";

const ROW = 22;
// Rows kept in the DOM past each edge. A jump (a drag of the scrollbar across a long session)
// draws every row anew, so right after one the margin is small and it widens once scrolling rests.
const OVERSCAN = 24;
const JUMP_OVERSCAN = 8;
const WIDEN_AFTER_MS = 120;

export interface TimelineInsight {
  summaries: Summaries;
  severity: RowSeverityModel;
  timing: RunTiming;
}

function laneColor(thread: string | undefined, threads: string[]): number {
  if (!thread) return 0;
  const i = threads.indexOf(thread);
  return i < 0 ? 0 : (i % 6) + 1;
}

/** Records never change: their long look is worked out once, not on every draw of the list. */
const bodies = new WeakMap<SessionRecord, string>();

/** Hover text: the summary, then a longer (still bounded) look at the record. */
function hoverText(r: SessionRecord, summary: string): string {
  let body = bodies.get(r);
  if (body === undefined) {
    body = r.kind === "event" ? preview(r.event, 1500) : r.kind === "bad-frame" ? r.raw.slice(0, 1500) : preview(r, 1500);
    bodies.set(r, body);
  }
  return `${summary}\n\n${body}`;
}

/** A windowed list: only the rows in view (plus a margin) are in the DOM, whatever the session size. */
export function Timeline({ view, insight }: { view: SessionView; insight: TimelineInsight }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [margin, setMargin] = useState(OVERSCAN);
  const [height, setHeight] = useState(400);
  const [menu, setMenu] = useState<{ record: SessionRecord; x: number; y: number } | null>(null);
  const columns = useColumns();
  const onSelect = useCallback((seq: number) => view.select(seq), [view]);
  const onMenu = useCallback((_seq: number, x: number, y: number, record: SessionRecord) => setMenu({ record, x, y }), []);
  // Rows come through rowCount/rowAt: the whole log in memory, or a window the worker pages.
  const count = view.rowCount.value;
  const rowAt = (i: number) => view.rowAt(i);
  const cursor = view.cursorSeq.value;
  const cursorRow = view.cursorRow.value;
  const following = view.following.value;
  const threads = view.threads.value;
  const origin = view.originT.value ?? 0;
  const pending = insight.timing.pending.value;
  view.findings.value; // severity reads findings: re-render when they change

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  // Follow the live end; otherwise keep the cursor's row in view.
  // (cursorRow: a paged session answers it after the cursor moved; height: a pane resized.)
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (following) {
      el.scrollTop = el.scrollHeight;
      return;
    }
    if (cursorRow < 0) return;
    const top = cursorRow * ROW;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW - el.clientHeight;
  }, [count, cursor, cursorRow, following, height]);

  useEffect(() => {
    if (margin >= OVERSCAN) return;
    const id = setTimeout(() => setMargin(OVERSCAN), WIDEN_AFTER_MS);
    return () => clearTimeout(id);
  }, [margin, scrollTop]);

  const first = Math.max(0, Math.floor(scrollTop / ROW) - margin);
  const last = Math.min(count, Math.ceil((scrollTop + height) / ROW) + margin);
  const visible: { i: number; record: SessionRecord; count: number }[] = [];
  for (let i = first; i < last; i++) {
    const row = rowAt(i);
    if (row) visible.push({ i, ...row });
  }

  const openMenuAtCursor = () => {
    const el = scroller.current?.querySelector<HTMLElement>(".rec.cursor");
    const box = el?.getBoundingClientRect() ?? scroller.current?.getBoundingClientRect();
    const record = view.selected.value;
    if (box && record) setMenu({ record, x: box.left + 40, y: box.top + ROW });
  };

  return (
    <section class="timeline" role="region" aria-label="Timeline" style={{ "--cols": columns.template }}>
      <div role="grid" aria-label="Records" aria-rowcount={count + 1} class="timeline-grid">
        <TimelineHeader columns={columns} />
        <div
          class="timeline-scroll"
          ref={scroller}
          onScroll={(e) => {
            const top = (e.target as HTMLElement).scrollTop;
            if (Math.abs(top - scrollTop) > height) setMargin(JUMP_OVERSCAN);
            setScrollTop(top);
          }}
          tabIndex={0}
          role="rowgroup"
          aria-label="Records: arrow keys or j/k move the cursor, Shift+F10 opens the row menu"
          onContextMenu={(e) => {
            // Shift+F10 and the menu key fire contextmenu on the focused list: open the cursor
            // row's menu (rows handle a pointer's right-click themselves).
            if (e.target !== e.currentTarget) return;
            e.preventDefault();
            openMenuAtCursor();
          }}
        >
          <div style={{ height: `${count * ROW}px`, position: "relative" }}>
            {visible.map(({ i, record: r, count: n }) => {
              const summary = insight.summaries.of(r);
              const prev = i > 0 ? rowAt(i - 1)?.record : undefined;
              return (
                <RecordRow
                  key={r.seq}
                  record={r}
                  count={n}
                  position={i + 1}
                  top={i * ROW}
                  cursor={r.seq === cursor}
                  severity={insight.severity.of(r)}
                  summary={summary}
                  title={hoverText(r, summary)}
                  prevT={prev?.t}
                  origin={origin}
                  lane={laneColor(r.threadId, threads)}
                  columns={columns.visible}
                  onSelect={onSelect}
                  onMenu={onMenu}
                />
              );
            })}
          </div>
        </div>
      </div>
      {/* Outside the grid: a rowgroup holds rows only. */}
      {count === 0 && view.lastSeq.value > 0 && view.filter.value.errorsOnly && (view.paged.value?.complete.value ?? true) && (
        <p class="muted small empty-note">No errors, warnings, bad frames or failed patches{isFiltering({ ...view.filter.value, errorsOnly: false }) ? " under the other filters" : ""}.</p>
      )}
      <PendingRow runs={pending} />
      {menu && <ContextMenu x={menu.x} y={menu.y} label={`Record ${menu.record.seq}`} items={rowMenuItems(view, menu.record)} onClose={() => setMenu(null)} />}
    </section>
  );
}
