import { useEffect, useRef, useState } from "preact/hooks";
import { exportFileName, type LibraryModel } from "../models/library";
import type { SessionListItem } from "../models/host";
import { SessionCard, type CardActions } from "./SessionCard";
import { ContextMenu, type MenuItem } from "./ContextMenu";
import { saveBlob } from "./saveBlob";

// The library's sessions as one list with one tab stop (roving tabindex over the cards' Open
// buttons): arrows/Home/End move, Enter opens, F2 renames, Delete deletes and hands the focus to
// the card that takes its place, Shift+F10 or the menu key lists every action.

export function SessionList({ library }: { library: LibraryModel }) {
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  // Roving tab stop: one card's Open button is in the tab order; arrow keys move it.
  const [activeId, setActiveId] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ item: SessionListItem; index: number; x: number; y: number } | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const pendingFocus = useRef<string | null>(null);
  const items = library.sessions.value;
  const tabStopId = items.some((x) => x.id === activeId) ? activeId : (items[0]?.id ?? null);
  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    const el = list.current?.querySelector<HTMLElement>(`li[data-session="${CSS.escape(id)}"] .session-name`);
    if (el) {
      pendingFocus.current = null;
      el.focus();
    }
  });
  function focusCard(id: string) {
    setActiveId(id);
    const el = list.current?.querySelector<HTMLElement>(`li[data-session="${CSS.escape(id)}"] .session-name`);
    el?.focus();
    // Not rendered yet (a rename form closing): focus it once it is.
    pendingFocus.current = el && document.activeElement === el ? null : id;
  }
  function actionsOf(s: SessionListItem, i: number): CardActions {
    return {
      open: () => void library.open(s.id),
      rename: () => setEditing({ id: s.id, name: s.name }),
      exportFile: async () => {
        const blob = await library.exportFile(s.id);
        if (blob) saveBlob(blob, exportFileName(s.name));
      },
      remove: () => {
        // The tab stop moves to the card that takes this one's place.
        const rest = library.sessions.value.filter((x) => x.id !== s.id);
        const next = rest[Math.min(i, rest.length - 1)];
        const hadFocus = !!list.current?.contains(document.activeElement);
        library.remove(s.id);
        if (next && hadFocus) focusCard(next.id);
      },
    };
  }
  function menuItems(s: SessionListItem, i: number): MenuItem[] {
    const a = actionsOf(s, i);
    return [
      { label: "Open", run: a.open },
      { label: "Rename (F2)", run: a.rename },
      { label: "Export", run: () => void a.exportFile() },
      { label: "Delete (Delete)", run: a.remove },
    ];
  }
  function openMenu(s: SessionListItem, i: number, x?: number, y?: number) {
    const box = list.current?.querySelector<HTMLElement>(`li[data-session="${CSS.escape(s.id)}"]`)?.getBoundingClientRect();
    setMenu({ item: s, index: i, x: x ?? (box ? box.left + 24 : 40), y: y ?? (box ? box.top + 20 : 40) });
  }
  return (
    <>
      <p id="library-keys" class="sr-only">Arrow keys move between sessions; Enter opens; F2 renames; Delete deletes; Shift+F10 or the menu key lists every action.</p>
      <ul
        class="session-list"
        aria-label="Stored sessions"
        ref={list}
        onKeyDown={(e) => {
          if ((e.target as HTMLElement).closest("form")) return;
          const items = library.sessions.value;
          if (!items.length) return;
          const at = Math.max(0, items.findIndex((x) => x.id === activeId));
          const go = (i: number) => {
            e.preventDefault();
            e.stopPropagation();
            focusCard(items[Math.max(0, Math.min(items.length - 1, i))].id);
          };
          if (e.key === "ArrowDown") go(at + 1);
          else if (e.key === "ArrowUp") go(at - 1);
          else if (e.key === "Home") go(0);
          else if (e.key === "End") go(items.length - 1);
          else if (e.key === "Delete") {
            e.preventDefault();
            e.stopPropagation();
            actionsOf(items[at], at).remove();
          } else if (e.key === "F2") {
            e.preventDefault();
            actionsOf(items[at], at).rename();
          } else if (e.key === "ContextMenu" || (e.key === "F10" && e.shiftKey)) {
            e.preventDefault();
            e.stopPropagation();
            openMenu(items[at], at);
          }
        }}
        onContextMenu={(e) => {
          // The menu key fires contextmenu on the focused card's button as well: one menu.
          const li = (e.target as HTMLElement).closest<HTMLElement>("li[data-session]");
          const items = library.sessions.value;
          const i = items.findIndex((x) => x.id === li?.dataset.session);
          if (i < 0) return;
          e.preventDefault();
          openMenu(items[i], i, e.clientX || undefined, e.clientY || undefined);
        }}
      >
        {library.sessions.value.map((s, i) => (
          <SessionCard
            key={s.id}
            s={s}
            isOpen={library.openId.value === s.id}
            tabStop={s.id === tabStopId}
            editing={editing?.id === s.id ? editing.name : null}
            onEditInput={(name) => setEditing({ id: s.id, name })}
            onEditDone={(save) => {
              if (save && editing?.name.trim()) void library.rename(s.id, editing.name);
              setEditing(null);
              focusCard(s.id);
            }}
            actions={actionsOf(s, i)}
            onFocus={() => setActiveId(s.id)}
          />
        ))}
      </ul>
      {menu && <ContextMenu x={menu.x} y={menu.y} label={`Session ${menu.item.name}`} items={menuItems(menu.item, menu.index)} onClose={() => setMenu(null)} />}
    </>
  );
}
