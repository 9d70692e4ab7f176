import { useState } from "preact/hooks";
import { COLUMNS, type Columns } from "./useColumns";

/** Hide or show timeline columns; Esc closes. */
export function ColumnsMenu({ columns }: { columns: Columns }) {
  const [open, setOpen] = useState(false);
  return (
    <span class="columns-menu">
      <button type="button" class="secondary small-btn" aria-expanded={open} aria-label="Columns" title="Choose columns" onClick={() => setOpen(!open)}>
        <span aria-hidden="true">⋮</span>
      </button>
      {open && (
        <div
          class="popover"
          role="group"
          aria-label="Columns shown"
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.stopPropagation();
              setOpen(false);
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
  );
}
