import { useState } from "preact/hooks";

// Renders any JSON value as a collapsible tree of text nodes. Agent data is never HTML.

export interface JsonTreeProps {
  value: unknown;
  /** JSON Pointers to highlight (changed paths). */
  highlight?: ReadonlySet<string>;
  /** Expanded to this depth at first. */
  depth?: number;
  label?: string;
}

export function JsonTree({ value, highlight, depth = 2, label }: JsonTreeProps) {
  return (
    <div class="json-tree" role="tree" aria-label={label}>
      <Node value={value} path="" name={null} level={0} open={depth} highlight={highlight} />
    </div>
  );
}

const MAX_CHILDREN = 200;

function Node({ value, path, name, level, open, highlight }: { value: unknown; path: string; name: string | null; level: number; open: number; highlight?: ReadonlySet<string> }) {
  const [expanded, setExpanded] = useState(level < open);
  const [limit, setLimit] = useState(MAX_CHILDREN);
  const changed = highlight?.has(path) ?? false;
  const key = name === null ? null : <span class="jt-key">{name}: </span>;
  if (value === null || typeof value !== "object") {
    return (
      <div role="treeitem" class={`jt-leaf${changed ? " changed" : ""}`} data-path={path} style={{ paddingLeft: `${level}em` }}>
        {key}
        <span class={`jt-${value === null ? "null" : typeof value}`}>{typeof value === "string" ? JSON.stringify(value) : String(value)}</span>
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
            <Node key={k} value={v} path={`${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`} name={k} level={level + 1} open={open} highlight={highlight} />
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
