import { useEffect, useState } from "preact/hooks";

type Theme = "auto" | "light" | "dark";
const NEXT: Record<Theme, Theme> = { auto: "light", light: "dark", dark: "auto" };
const KEY = "agui-inspector-theme";

function stored(): Theme {
  try {
    const t = localStorage.getItem(KEY);
    return t === "light" || t === "dark" ? t : "auto";
  } catch {
    return "auto";
  }
}

/** Light, dark, or the system's choice; remembered in this browser. */
export function ThemeToggle({ initial }: { initial?: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial ?? stored());
  useEffect(() => {
    if (theme === "auto") delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
    try {
      localStorage.setItem(KEY, theme);
    } catch {
      // storage refused (private mode): the choice lasts for this page only
    }
  }, [theme]);
  return (
    <button type="button" class="secondary theme" aria-label={`Theme: ${theme}`} title="Switch theme" onClick={() => setTheme(NEXT[theme])}>
      {theme === "dark" ? "☾" : theme === "light" ? "☀" : "◐"}
    </button>
  );
}
