import { useEffect, useState } from "preact/hooks";

/** Whether the window is at the stylesheet's narrow layout (detail pane below the timeline). */
export function useNarrow(query = "(max-width: 1100px)"): boolean {
  const [narrow, setNarrow] = useState(() => typeof matchMedia === "function" && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== "function") return;
    const m = matchMedia(query);
    const on = () => setNarrow(m.matches);
    m.addEventListener("change", on);
    on();
    return () => m.removeEventListener("change", on);
  }, [query]);
  return narrow;
}
