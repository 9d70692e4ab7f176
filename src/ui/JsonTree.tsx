import { useState } from "preact/hooks";
import { memo } from "preact/compat";
import { LongString } from "./LargeText";
import { copyText } from "./clipboard";
import { ContextMenu } from "./ContextMenu";

// Renders any JSON value as a collapsible tree of text nodes. Agent data is never HTML.

export interface JsonTreeProps {
  value: unknown;
  /** JSON Pointers to highlight (changed paths). */
  highlight?: ReadonlySet<string>;
  /** Expanded to this depth at first. */
  depth?: number;
  label?: string;
}

/** Right-click (or Shift+F10) on a node copies its value or its JSON Pointer; see TreeCopyMenu. */
export function JsonTree({ value, highlight, depth = 2, label }: JsonTreeProps) {
  const [menu, setMenu] = useState<{ path: string; x: number; y: number } | null>(null);
  const open = (e: Event & { clientX?: number; clientY?: number }) => {
    const item = (e.target as HTMLElement).closest<HTMLElement>("[data-path]");
    if (!item) return;
    e.preventDefault();
    const box = item.getBoundingClientRect();
    setMenu({ path: item.dataset.path ?? "", x: e.clientX || box.left + 20, y: e.clientY || box.bottom });
  };
  return (
    <div
      class="json-tree"
      role="tree"
      aria-label={label}
      onContextMenu={open}
      onKeyDown={(e) => {
        if (e.key === "ContextMenu" || (e.key === "F10" && e.shiftKey)) open(e);
      }}
    >
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          label="Copy"
          items={[
            { label: "Copy value", run: () => void copyText(JSON.stringify(valueAt(value, menu.path), null, 2) ?? "undefined", "value") },
            { label: "Copy JSON Pointer", run: () => void copyText(menu.path, `path ${menu.path || "(root)"}`) },
          ]}
          onClose={() => setMenu(null)}
        />
      )}
      <Node value={value} path="" name={null} level={0} open={depth} highlight={highlight} />
    </div>
  );
}

const MAX_CHILDREN = 200;

/** The value at a JSON Pointer the tree itself wrote (so every segment exists). */
function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === "") return root;
  let v = root;
  for (const seg of pointer.slice(1).split("/")) {
    const key = seg.replace(/~1/g, "/").replace(/~0/g, "~");
    // Own properties only: a "__proto__" key from JSON.parse is data, not the prototype.
    v = v !== null && typeof v === "object" ? Object.getOwnPropertyDescriptor(v, key)?.value : undefined;
  }
  return v;
}

interface NodeProps {
  value: unknown;
  path: string;
  name: string | null;
  level: number;
  open: number;
  /** Given only where a change can be below (changed paths come with their ancestors). */
  highlight?: ReadonlySet<string>;
  /** Entries beside this one (its parent's size). */
  siblings?: number;
}

/** Past this many siblings, objects start closed whatever the depth: a list of 2,000 objects shows as 200 lines (and "show more"), not 2,000 opened objects. */
const OPEN_SIBLINGS = 20;

// A node whose value is the same object as last time (the session view keeps unchanged parts'
// identity from seek to seek) and holds no highlight is not drawn again: a seek redraws the
// path to what it changed, not a 200 KB tree.
const Node = memo(TreeNode, (a, b) => a.value === b.value && a.path === b.path && a.name === b.name && a.level === b.level && a.open === b.open && a.highlight === b.highlight && a.siblings === b.siblings);

function TreeNode({ value, path, name, level, open, highlight, siblings = 0 }: NodeProps) {
  const [expanded, setExpanded] = useState(level < open && siblings <= OPEN_SIBLINGS);
  const [limit, setLimit] = useState(MAX_CHILDREN);
  const changed = highlight?.has(path) ?? false;
  const key = name === null ? null : <span class="jt-key">{name}: </span>;
  if (value === null || typeof value !== "object") {
    return (
      <div role="treeitem" class={`jt-leaf${changed ? " changed" : ""}`} data-path={path} style={{ paddingLeft: `${level}em` }}>
        {key}
        {typeof value === "string" ? <LongString value={value} /> : <span class={`jt-${value === null ? "null" : typeof value}`}>{String(value)}</span>}
      </div>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value as Record<string, unknown>);
  const brackets = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    return (
      <div role="treeitem" class={`jt-leaf${changed ? " changed" : ""}`} data-path={path} style={{ paddingLeft: `${level}em` }}>
        {key}
        <span class="muted">{brackets.join("")}</span>
      </div>
    );
  }
  return (
    <div role="treeitem" aria-expanded={expanded} class={changed ? "changed" : undefined} data-path={path}>
      <button type="button" class="jt-toggle" style={{ paddingLeft: `${level}em` }} onClick={() => setExpanded(!expanded)} aria-label={`${expanded ? "Collapse" : "Expand"} ${name ?? "root"}`}>
        <span aria-hidden="true">{expanded ? "▾" : "▸"} </span>
        {key}
        <span class="muted">
          {brackets[0]}
          {expanded ? "" : ` ${entries.length} ${Array.isArray(value) ? "items" : "keys"} `}
          {expanded ? "" : brackets[1]}
        </span>
      </button>
      {expanded && (
        <div role="group">
          {entries.slice(0, limit).map(([k, v]) => (
            <Node key={k} value={v} path={`${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`} name={k} level={level + 1} open={open} highlight={level === 0 || changed ? highlight : undefined} siblings={entries.length} />
          ))}
          {entries.length > limit && (
            <button type="button" class="link" style={{ paddingLeft: `${level + 1}em` }} onClick={() => setLimit(limit + MAX_CHILDREN)}>
              Show {Math.min(MAX_CHILDREN, entries.length - limit)} more of {entries.length - limit}…
            </button>
          )}
        </div>
      )}
    </div>
  );
}
