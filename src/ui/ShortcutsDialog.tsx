import { useEffect, useLayoutEffect, useRef } from "preact/hooks";

export const SHORTCUTS: [string, string][] = [
  ["/", "Search the timeline"],
  ["j / ↓ / →", "Next record"],
  ["k / ↑ / ←", "Previous record"],
  ["Home / End", "First record / follow live"],
  ["n / N", "Next / previous finding"],
  ["Shift+F10", "Row menu: copy, filter to run / thread / type"],
  ["Esc", "Close a menu or dialog"],
  ["?", "This list"],
];

/** The keyboard shortcuts; Esc or the button closes it and focus returns. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  // Focus moves in as the dialog is drawn (a layout effect), not after the next paint: an Esc
  // pressed right after `?` would otherwise land outside the dialog and be lost.
  useLayoutEffect(() => {
    const back = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>("button")?.focus();
    return () => back?.focus?.();
  }, []);
  // And an Esc that reaches the page anyway (focus moved out by a click) closes it too.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || ref.current?.contains(e.target as Node)) return;
      e.preventDefault();
      onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div class="modal-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        class="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        onKeyDown={(e) => {
          if (e.key === "Escape" || e.key === "Tab") {
            e.preventDefault();
            e.stopPropagation();
            if (e.key === "Escape") onClose();
          }
        }}
      >
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <table class="shortcuts">
          <tbody>
            {SHORTCUTS.map(([k, what]) => (
              <tr>
                <th scope="row">
                  <kbd>{k}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
