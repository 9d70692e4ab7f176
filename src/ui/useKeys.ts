import { useEffect } from "preact/hooks";
import type { SessionView } from "../models/session-view";

const EDITABLE = /^(INPUT|TEXTAREA|SELECT)$/;

/** ←/→ step the cursor, Home/End jump, anywhere but in a text field or editor. */
export function useKeys(view: SessionView) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (t && (EDITABLE.test(t.tagName) || t.isContentEditable || t.closest?.(".cm-editor"))) {
        // the slider is an input too, but keys there mean the same thing
        if (!(t.tagName === "INPUT" && (t as HTMLInputElement).type === "range")) return;
      }
      const actions: Record<string, () => void> = {
        ArrowLeft: () => view.step(-1),
        ArrowUp: () => view.step(-1),
        ArrowRight: () => view.step(1),
        ArrowDown: () => view.step(1),
        Home: () => view.home(),
        End: () => view.end(),
      };
      const act = actions[e.key];
      if (!act) return;
      e.preventDefault();
      act();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [view]);
}
