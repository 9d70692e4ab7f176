import { useLayoutEffect, useRef } from "preact/hooks";

export interface MenuItem {
  label: string;
  run: () => void;
  disabled?: boolean;
}

/**
 * A menu at a point: arrow keys move, Enter runs, Esc, Tab or a click outside close it and focus
 * goes back where it was.
 */
export function ContextMenu({ x, y, label, items, onClose }: { x: number; y: number; label: string; items: MenuItem[]; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  // A layout effect: focus and the Esc listener are in place as the menu is drawn, not after the
  // next paint, so a key pressed right after opening reaches the menu.
  useLayoutEffect(() => {
    const back = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>("[role=menuitem]:not([disabled])")?.focus();
    const outside = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    // Esc closes wherever focus is (a click may have moved it out).
    const escape = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        onClose();
      }
    };
    document.addEventListener("pointerdown", outside, true);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("pointerdown", outside, true);
      document.removeEventListener("keydown", escape);
      back?.focus?.();
    };
  }, []);
  const move = (dir: number) => {
    const list = [...(ref.current?.querySelectorAll<HTMLElement>("[role=menuitem]:not([disabled])") ?? [])];
    const at = list.indexOf(document.activeElement as HTMLElement);
    list[(at + dir + list.length) % list.length]?.focus();
  };
  // Kept inside the window so the last items are reachable at 900×700.
  const left = Math.max(4, Math.min(x, window.innerWidth - 240));
  const top = Math.max(4, Math.min(y, window.innerHeight - (items.length * 28 + 12)));
  return (
    <div
      ref={ref}
      class="context-menu"
      role="menu"
      aria-label={label}
      style={{ left: `${left}px`, top: `${top}px` }}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === "Escape" || e.key === "Tab") {
          e.preventDefault();
          onClose();
        } else if (e.key === "ArrowDown") {
          e.preventDefault();
          move(1);
        } else if (e.key === "ArrowUp") {
          e.preventDefault();
          move(-1);
        }
      }}
    >
      {items.map((item) => (
        <button
          type="button"
          role="menuitem"
          tabIndex={-1}
          disabled={item.disabled}
          onClick={() => {
            onClose();
            item.run();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
