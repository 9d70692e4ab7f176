import { useState } from "preact/hooks";
import { COLUMNS, type Columns } from "./useColumns";

/** Column headers with drag handles to resize, and a menu to hide or show columns. */
export function TimelineHeader({ columns }: { columns: Columns }) {
  const [menu, setMenu] = useState(false);
  const drag = (id: Parameters<Columns["resize"]>[0], start: number, startX: number) => (e: PointerEvent) => columns.resize(id, start + e.clientX - startX);
  return (
    <div class="timeline-head" role="row" style={{ gridTemplateColumns: columns.template }}>
      <span role="columnheader" class="gutter">
        <span class="sr-only">Severity</span>
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
      <span class="columns-menu">
        <button type="button" class="secondary small-btn" aria-expanded={menu} aria-label="Choose columns" onClick={() => setMenu(!menu)}>
          ⋯
        </button>
        {menu && (
          <div
            class="popover"
            role="group"
            aria-label="Columns"
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                e.stopPropagation();
                setMenu(false);
              }
            }}
          >
            {COLUMNS.filter((c) => c.id !== "summary").map((c) => (
              <label class="inline">
                <input type="checkbox" checked={!columns.isHidden(c.id)} onChange={() => columns.toggle(c.id)} /> {c.label}
              </label>
            ))}
            <button type="button" class="link" onClick={() => columns.reset()}>
              Reset columns
            </button>
          </div>
        )}
      </span>
    </div>
  );
}
