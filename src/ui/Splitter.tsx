import { useLayoutEffect, useState } from "preact/hooks";
import { PANE_BOUNDS, type LayoutModel, type Pane } from "../models/layout";

// A pane separator: drag it, or focus it and use the arrow keys (Shift: bigger steps), Home/End
// for the bounds. Its value is the size of the pane it resizes, in px.

import "./splitter.css";

const STEP = 16;
const MAIN_MIN = { width: 320, height: 160 };

/** How big the pane is now: the stored size, or what the stylesheet gave it. */
function measure(pane: Pane, target: () => HTMLElement | null): number {
  const el = target();
  if (!el) return 0;
  const box = el.getBoundingClientRect();
  return Math.round(pane === "detailHeight" ? box.height : box.width);
}

export function Splitter({ layout, pane, label, controls, target, className }: { layout: LayoutModel; pane: Pane; label: string; controls: string; target: () => HTMLElement | null; className: string }) {
  const horizontal = pane === "detailHeight";
  const stored = layout.sizes[pane].value;
  const [measured, setMeasured] = useState(0);
  // Measured before the first paint: the separator never reads as 0 to a screen reader (or a test).
  useLayoutEffect(() => {
    const update = () => setMeasured(measure(pane, target));
    update();
    window.addEventListener("resize", update);
    return () => window.removeEventListener("resize", update);
  }, [pane, stored]);
  const now = stored ?? measured;
  const b = PANE_BOUNDS[pane];
  // The timeline keeps room whatever is dragged: a pane grows only out of main's spare size.
  const set = (px: number) => {
    const main = document.querySelector<HTMLElement>(".app > main");
    const spare = main ? (horizontal ? main.getBoundingClientRect().height - MAIN_MIN.height : main.getBoundingClientRect().width - MAIN_MIN.width) : Infinity;
    layout.resize(pane, Math.min(px, measure(pane, target) + Math.max(0, spare)));
  };

  // The pane grows toward the separator for the sidebar, away from it for the detail pane.
  const sizeAt = (e: PointerEvent): number => {
    const el = target();
    if (!el) return now;
    const box = el.getBoundingClientRect();
    if (pane === "aside") return e.clientX - box.left;
    if (pane === "detail") return box.right - e.clientX;
    return box.bottom - e.clientY;
  };

  return (
    <div
      class={`splitter ${horizontal ? "splitter-h" : "splitter-v"} ${className}`}
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-controls={controls}
      aria-orientation={horizontal ? "horizontal" : "vertical"}
      aria-valuenow={now}
      aria-valuemin={b.min}
      aria-valuemax={b.max}
      onPointerDown={(e) => {
        e.preventDefault();
        const el = e.currentTarget as HTMLElement;
        el.setPointerCapture(e.pointerId);
        el.focus();
        // Where in the grip it was taken: the pane edge moves with the pointer, without a jump.
        const offset = sizeAt(e) - measure(pane, target);
        const move = (ev: PointerEvent) => set(sizeAt(ev) - offset);
        const up = () => {
          el.removeEventListener("pointermove", move);
          el.removeEventListener("pointerup", up);
          el.removeEventListener("pointercancel", up);
        };
        el.addEventListener("pointermove", move);
        el.addEventListener("pointerup", up);
        el.addEventListener("pointercancel", up);
      }}
      onKeyDown={(e) => {
        const step = e.shiftKey ? STEP * 4 : STEP;
        // Arrow toward the pane shrinks it: left for the sidebar, right for the detail pane, down for the detail below.
        const grow: Record<string, number> = horizontal
          ? { ArrowUp: step, ArrowDown: -step }
          : pane === "aside"
            ? { ArrowRight: step, ArrowLeft: -step }
            : { ArrowLeft: step, ArrowRight: -step };
        let next: number | undefined;
        if (e.key in grow) next = now + grow[e.key];
        else if (e.key === "Home") next = b.min;
        else if (e.key === "End") next = b.max;
        if (next === undefined) return;
        e.preventDefault();
        e.stopPropagation();
        if (next > now) set(next);
        else layout.resize(pane, next);
      }}
    />
  );
}
