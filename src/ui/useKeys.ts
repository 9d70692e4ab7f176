import { useEffect } from "preact/hooks";
import type { SessionView } from "../models/session-view";

const EDITABLE = /^(INPUT|TEXTAREA|SELECT)$/;

export interface KeyActions {
  /** `/`: focus the timeline search. */
  search?: () => void;
  /** `?`: show the shortcuts. */
  help?: () => void;
  /** `n` / `N`: next / previous finding. */
  finding?: (dir: 1 | -1) => void;
}

/** ←/→ (and j/k) step the cursor, Home/End jump, n/N findings, / search, ? help — anywhere but in a text field or editor. */
export function useKeys(view: SessionView, more: KeyActions = {}) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      if (t && (EDITABLE.test(t.tagName) || t.isContentEditable || t.closest?.(".cm-editor"))) {
        // the slider is an input too, but keys there mean the same thing
        if (!(t.tagName === "INPUT" && (t as HTMLInputElement).type === "range")) return;
      }
      // Inside a dialog or menu only its own keys apply.
      if (t?.closest?.("[role=dialog], [role=menu]")) return;
      const actions: Record<string, (() => void) | undefined> = {
        ArrowLeft: () => view.step(-1),
        ArrowUp: () => view.step(-1),
        ArrowRight: () => view.step(1),
        ArrowDown: () => view.step(1),
        k: () => view.step(-1),
        j: () => view.step(1),
        Home: () => view.home(),
        End: () => view.end(),
        n: more.finding && (() => more.finding!(1)),
        N: more.finding && (() => more.finding!(-1)),
        "/": more.search,
        "?": more.help,
      };
      const act = actions[e.key];
      if (!act) return;
      e.preventDefault();
      act();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [view, more.search, more.help, more.finding]);
}
