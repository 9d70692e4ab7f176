import { useEffect } from "preact/hooks";
import { copyNotice } from "./clipboard";

/** A polite live region that says what was copied, then clears itself. */
export function CopyStatus() {
  const text = copyNotice.value;
  useEffect(() => {
    if (!text) return;
    const id = setTimeout(() => (copyNotice.value = ""), 2500);
    return () => clearTimeout(id);
  }, [text]);
  return (
    <div class={`copy-status${text ? " shown" : ""}`} role="status" aria-live="polite">
      {text}
    </div>
  );
}
