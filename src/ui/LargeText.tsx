import { useState } from "preact/hooks";

/** Text over `limit` characters shows its start and a "Show all" button, so a 5 MB value never blocks a click. */
export function LargeText({ text, limit = 4000, class: cls = "raw" }: { text: string; limit?: number; class?: string }) {
  const [all, setAll] = useState(false);
  const cut = !all && text.length > limit;
  return (
    <>
      <pre class={cls}>{cut ? `${text.slice(0, limit)}…` : text}</pre>
      {cut && (
        <button type="button" class="link show-all" onClick={() => setAll(true)}>
          Show all ({text.length.toLocaleString("en")} characters)
        </button>
      )}
    </>
  );
}

/** A string leaf cut at `limit` characters, with "show all" that keeps the rest of the tree as it is. */
export function LongString({ value, limit = 300 }: { value: string; limit?: number }) {
  const [all, setAll] = useState(false);
  if (all || value.length <= limit) return <span class="jt-string">{JSON.stringify(value)}</span>;
  return (
    <>
      <span class="jt-string">{JSON.stringify(value.slice(0, limit))}…</span>{" "}
      <button type="button" class="link show-all" onClick={() => setAll(true)}>
        show all ({value.length.toLocaleString("en")} chars)
      </button>
    </>
  );
}
