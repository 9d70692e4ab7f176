import type { SessionView } from "../models/session-view";
import { FilterChips } from "./FilterChips";

export function TimelineToolbar({ view, onFinding }: { view: SessionView; onFinding?: (dir: 1 | -1) => void }) {
  const f = view.filter.value;
  const runs = view.runs.value;
  const set = (patch: Partial<typeof f>) => (view.filter.value = { ...f, ...patch });
  return (
    <div class="toolbar" role="toolbar" aria-label="Timeline filters">
      <input type="search" id="timeline-search" aria-keyshortcuts="/" aria-label="Search records" placeholder="Search type, ids, text…" value={f.text} onInput={(e) => set({ text: (e.target as HTMLInputElement).value })} />
      <select aria-label="Run" value={f.runId ?? ""} onChange={(e) => set({ runId: (e.target as HTMLSelectElement).value || null })}>
        <option value="">All runs ({runs.length})</option>
        {runs.map((r) => (
          <option value={r.runId ?? ""}>
            {(r.runId ?? "?").slice(0, 8)} · {r.outcome}
          </option>
        ))}
      </select>
      {onFinding && (
        <span class="finding-nav">
          <button type="button" class="secondary" aria-keyshortcuts="Shift+N" title="Previous finding (N)" onClick={() => onFinding(-1)}>
            ‹ Previous finding
          </button>
          <button type="button" class="secondary" aria-keyshortcuts="n" title="Next finding (n)" onClick={() => onFinding(1)}>
            Next finding ›
          </button>
        </span>
      )}
      <label class="inline">
        <input type="checkbox" checked={view.coalesce.value} onChange={(e) => (view.coalesce.value = (e.target as HTMLInputElement).checked)} /> Coalesce deltas
      </label>
      <button type="button" class="secondary" aria-pressed={view.following.value} onClick={() => view.end()}>
        Follow live
      </button>
      <FilterChips view={view} />
      <span class="muted small">
        {view.rowCount.value} shown · {view.lastSeq.value} records
        {view.paged.value?.live && (
          <span title="A long live session is read back from the library as it grows, so the page's memory stays bounded."> · paged from storage</span>
        )}
      </span>
    </div>
  );
}
