import { useLayoutEffect, useRef } from "preact/hooks";
import { EditorView, keymap, lineNumbers, highlightActiveLine } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { json } from "@codemirror/lang-json";

/**
 * CodeMirror 6 for JSON, uncontrolled: it starts from `initial` and reports every change. To
 * replace the text from outside, remount it with a new `key`. (Pushing text back in from a
 * render while the user types races CodeMirror's own DOM handling and can lock the page.)
 */
export function JsonEditor({ initial, onChange, label }: { initial: string; onChange: (text: string) => void; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef(onChange);
  latest.current = onChange;

  // (a layout effect: the editor exists by the time a parent's layout effect wants to focus it)
  useLayoutEffect(() => {
    const view = new EditorView({
      doc: initial,
      parent: host.current!,
      extensions: [
        lineNumbers(),
        history(),
        highlightActiveLine(),
        bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        json(),
        EditorView.contentAttributes.of({ "aria-label": label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) latest.current(u.state.doc.toString());
        }),
      ],
    });
    return () => view.destroy();
  }, []);

  return <div class="json-editor" ref={host} />;
}
