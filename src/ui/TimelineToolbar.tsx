import type { SessionView } from "../models/session-view";
import { FAMILIES, type RecordFamily } from "../models/filters";

export function TimelineToolbar({ view }: { view: SessionView }) {
  const f = view.filter.value;
  const runs = view.runs.value;
  const set = (patch: Partial<typeof f>) => (view.filter.value = { ...f, ...patch });
  const toggle = (fam: RecordFamily) => {
    const hidden = new Set(f.hidden);
    if (hidden.has(fam)) hidden.delete(fam);
    else hidden.add(fam);
    set({ hidden });
  };
  return (
    <div class="toolbar" role="toolbar" aria-label="Timeline filters">
      <input type="search" aria-label="Search records" placeholder="Search type, ids, text…" value={f.text} onInput={(e) => set({ text: (e.target as HTMLInputElement).value })} />
      <select aria-label="Run" value={f.runId ?? ""} onChange={(e) => set({ runId: (e.target as HTMLSelectElement).value || null })}>
        <option value="">All runs ({runs.length})</option>
        {runs.map((r) => (
          <option value={r.runId ?? ""}>
            {(r.runId ?? "?").slice(0, 8)} · {r.outcome}
          </option>
        ))}
      </select>
      <details class="families">
        <summary>Types</summary>
        <div class="family-list">
          {FAMILIES.map((fam) => (
            <label>
              <input type="checkbox" checked={!f.hidden.has(fam)} onChange={() => toggle(fam)} /> {fam}
            </label>
          ))}
        </div>
      </details>
      <label class="inline">
        <input type="checkbox" checked={view.coalesce.value} onChange={(e) => (view.coalesce.value = (e.target as HTMLInputElement).checked)} /> Coalesce deltas
      </label>
      <button type="button" class="secondary" aria-pressed={view.following.value} onClick={() => view.end()}>
        Follow live
      </button>
      <span class="muted small">
        {view.rowCount.value} shown · {view.lastSeq.value} records
      </span>
    </div>
  );
}
