import { useEffect, useMemo, useState } from "preact/hooks";

// Timeline columns: which are shown and how wide, remembered in this browser.

/** The severity gutter, in px: the header (11px) and the rows (12px) have different em; its header cell holds the Columns button. */
const GUTTER_TRACK = "20px";

export type ColumnId = "seq" | "time" | "delta" | "dir" | "family" | "type" | "summary" | "thread" | "run";

export interface ColumnDef {
  id: ColumnId;
  label: string;
  /** Default width in px; the summary takes what is left. */
  width: number;
  hidden?: boolean;
}

export const COLUMNS: ColumnDef[] = [
  { id: "seq", label: "#", width: 44 },
  { id: "time", label: "Time", width: 66 },
  { id: "delta", label: "Δ prev", width: 62 },
  { id: "dir", label: "Dir", width: 22 },
  { id: "family", label: "Family", width: 66 },
  { id: "type", label: "Type", width: 160 },
  { id: "summary", label: "Summary", width: 0 },
  { id: "thread", label: "Thread", width: 86, hidden: true },
  { id: "run", label: "Run", width: 86, hidden: true },
];

const KEY = "agui-inspector-columns";
const MIN = 24;

interface Stored {
  widths: Partial<Record<ColumnId, number>>;
  hidden: ColumnId[];
}

function load(): Stored {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) ?? "null") as Stored | null;
    if (s && typeof s === "object" && Array.isArray(s.hidden)) return { widths: s.widths ?? {}, hidden: s.hidden.filter((id) => COLUMNS.some((c) => c.id === id)) };
  } catch {
    // unreadable or refused storage: defaults
  }
  return { widths: {}, hidden: COLUMNS.filter((c) => c.hidden).map((c) => c.id) };
}

export function useColumns() {
  const [state, setState] = useState<Stored>(load);
  useEffect(() => {
    try {
      localStorage.setItem(KEY, JSON.stringify(state));
    } catch {
      // storage refused: the layout lasts for this page only
    }
  }, [state]);
  // The same array while the choice stands, so rows that did not change are not drawn again.
  const visible = useMemo(() => COLUMNS.filter((c) => c.id === "summary" || !state.hidden.includes(c.id)), [state.hidden]);
  const widthOf = (c: ColumnDef) => state.widths[c.id] ?? c.width;
  // The gutter (severity icon) comes first; the summary shares what is left with nobody.
  const template = [GUTTER_TRACK, ...visible.map((c) => (c.id === "summary" ? "minmax(80px, 1fr)" : `${widthOf(c)}px`))].join(" ");
  return {
    visible,
    template,
    isHidden: (id: ColumnId) => state.hidden.includes(id),
    widthOf,
    toggle(id: ColumnId) {
      if (id === "summary") return;
      setState((s) => ({ ...s, hidden: s.hidden.includes(id) ? s.hidden.filter((h) => h !== id) : [...s.hidden, id] }));
    },
    resize(id: ColumnId, width: number) {
      setState((s) => ({ ...s, widths: { ...s.widths, [id]: Math.max(MIN, Math.round(width)) } }));
    },
    reset() {
      setState({ widths: {}, hidden: COLUMNS.filter((c) => c.hidden).map((c) => c.id) });
    },
  };
}

export type Columns = ReturnType<typeof useColumns>;
