import type { SessionView } from "../models/session-view";
import { FAMILIES, type RecordFamily } from "../models/filters";

// Always-visible filter chips instead of a popover: one per family (pressed = shown), plus
// removable chips for the run and thread filters. The family chips are one tab stop; arrow keys
// move between them. "errors only" sits beside them, always there.

export function FilterChips({ view }: { view: SessionView }) {
  const f = view.filter.value;
  const set = (patch: Partial<typeof f>) => (view.filter.value = { ...f, ...patch });
  const toggle = (fam: RecordFamily) => {
    const hidden = new Set(f.hidden);
    if (hidden.has(fam)) hidden.delete(fam);
    else hidden.add(fam);
    set({ hidden });
  };
  const onlyThis = (fam: RecordFamily) => set({ hidden: new Set(FAMILIES.filter((x) => x !== fam)) });
  return (
    <div class="chips" role="group" aria-label="Filters">
      <div
        class="chip-row"
        role="toolbar"
        aria-label="Record families (double-click: only this one)"
        onKeyDown={(e) => {
          if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
          e.preventDefault();
          e.stopPropagation();
          const chips = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>("button")];
          const at = chips.indexOf(document.activeElement as HTMLElement);
          const next = chips[(at + (e.key === "ArrowRight" ? 1 : -1) + chips.length) % chips.length];
          chips.forEach((c) => (c.tabIndex = c === next ? 0 : -1));
          next?.focus();
        }}
      >
        {FAMILIES.map((fam, i) => (
          <button type="button" class={`chip fam-chip fam-${fam}`} aria-pressed={!f.hidden.has(fam)} tabIndex={i === 0 ? 0 : -1} onClick={() => toggle(fam)} onDblClick={() => onlyThis(fam)}>
            {fam}
          </button>
        ))}
        {f.hidden.size > 0 && (
          <button type="button" class="chip link" tabIndex={-1} onClick={() => set({ hidden: new Set() })}>
            all
          </button>
        )}
      </div>
      <button
        type="button"
        class={`chip errors-chip${f.errorsOnly ? " on" : ""}`}
        aria-pressed={!!f.errorsOnly}
        title="Only errors, warnings, bad frames and failed patches"
        onClick={() => set({ errorsOnly: !f.errorsOnly })}
      >
        <span aria-hidden="true">⚠ </span>errors only
      </button>
      {f.runId !== null && (
        <button type="button" class="chip removable" aria-label={`Remove filter: run ${f.runId}`} onClick={() => set({ runId: null })}>
          run {f.runId.slice(0, 8)} ✕
        </button>
      )}
      {f.threadId !== null && (
        <button type="button" class="chip removable" aria-label={`Remove filter: thread ${f.threadId}`} onClick={() => set({ threadId: null })}>
          thread {f.threadId.slice(0, 8)} ✕
        </button>
      )}
    </div>
  );
}
