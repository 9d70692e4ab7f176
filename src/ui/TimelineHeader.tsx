import type { Columns } from "./useColumns";
import { ColumnsMenu } from "./ColumnsMenu";

/** Column headers with drag handles to resize them (widths persist, useColumns); the gutter's header cell chooses the columns. */
export function TimelineHeader({ columns }: { columns: Columns }) {
  const drag = (id: Parameters<Columns["resize"]>[0], start: number, startX: number) => (e: PointerEvent) => columns.resize(id, start + e.clientX - startX);
  return (
    <div role="rowgroup" class="timeline-head-group">
      <div class="timeline-head" role="row" aria-rowindex={1}>
        {/* The severity gutter shows nothing in the header: the Columns button has it, at the left,
            where it covers no column's header and stays in reach however narrow the pane. */}
        <span role="columnheader" class="gutter col-menu">
          <span class="sr-only">Severity</span>
          <ColumnsMenu columns={columns} />
        </span>
        {columns.visible.map((c) => (
          <span role="columnheader" class={`col col-${c.id}`}>
            {c.label}
            {c.id !== "summary" && (
              <span
                class="resizer"
                aria-hidden="true"
                onPointerDown={(e) => {
                  e.preventDefault();
                  const target = e.currentTarget as HTMLElement;
                  target.setPointerCapture(e.pointerId);
                  const onMove = drag(c.id, columns.widthOf(c), e.clientX);
                  const onUp = () => {
                    target.removeEventListener("pointermove", onMove);
                    target.removeEventListener("pointerup", onUp);
                  };
                  target.addEventListener("pointermove", onMove);
                  target.addEventListener("pointerup", onUp);
                }}
              />
            )}
          </span>
        ))}
      </div>
    </div>
  );
}
