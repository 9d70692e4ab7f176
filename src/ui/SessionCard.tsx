import type { SessionListItem } from "../models/host";

// One stored session in the library list. Only its Open button can take the list's single tab
// stop; Rename, Export and Delete stay for the mouse and are reached from the keyboard through
// the list's keys (F2, Delete, Shift+F10 / the menu key), see SessionLibrary.

export const size = (n: number) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : n < 1024 ** 3 ? `${(n / 1024 ** 2).toFixed(1)} MB` : `${(n / 1024 ** 3).toFixed(2)} GB`);

export interface CardActions {
  open(): void;
  rename(): void;
  exportFile(): void;
  remove(): void;
}

export function SessionCard({ s, isOpen, tabStop, editing, onEditInput, onEditDone, actions, onFocus }: {
  s: SessionListItem;
  isOpen: boolean;
  tabStop: boolean;
  editing: string | null;
  onEditInput: (name: string) => void;
  onEditDone: (save: boolean) => void;
  actions: CardActions;
  onFocus: () => void;
}) {
  return (
    <li class={isOpen ? "open" : undefined} data-session={s.id}>
      {editing !== null ? (
        <form
          class="row"
          aria-label={`Rename ${s.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            onEditDone(true);
          }}
        >
          <input
            aria-label="Session name"
            value={editing}
            ref={(el) => el?.focus()}
            onInput={(e) => onEditInput((e.target as HTMLInputElement).value)}
            onKeyDown={(e) => {
              e.stopPropagation();
              if (e.key === "Escape") onEditDone(false);
            }}
          />
          <button type="submit" class="secondary">
            Save
          </button>
        </form>
      ) : (
        <button
          type="button"
          class="link session-name"
          tabIndex={tabStop ? 0 : -1}
          aria-label={`Open ${s.name}`}
          aria-describedby="library-keys"
          aria-keyshortcuts="Enter F2 Delete Shift+F10"
          onFocus={onFocus}
          onClick={actions.open}
        >
          {s.name}
        </button>
      )}
      <div class="small muted">
        {s.source ? `${s.source} · ` : ""}
        {s.agentId ?? "?"}
        {s.runtimeUrl ? ` · ${s.runtimeUrl}` : ""} · {new Date(s.createdAt).toLocaleString()} · {s.runs} runs · {s.events} events · {size(s.bytes)}
      </div>
      <div class="row small">
        <button type="button" class="link" tabIndex={-1} aria-label={`Rename ${s.name}`} onClick={actions.rename}>
          Rename
        </button>
        <button type="button" class="link" tabIndex={-1} aria-label={`Export ${s.name}`} onClick={actions.exportFile}>
          Export
        </button>
        <button type="button" class="link danger" tabIndex={-1} aria-label={`Delete ${s.name}`} onClick={actions.remove}>
          Delete
        </button>
      </div>
    </li>
  );
}
