/** DevTools' theme name ("default" or "dark") as the app's palette; undefined outside DevTools. */
export function devtoolsPalette(themeName: string | undefined): "light" | "dark" | undefined {
  if (themeName === "dark") return "dark";
  if (themeName === "default") return "light";
  return undefined;
}

/**
 * The app's theme toggle sets :root[data-theme] when the user picks light or dark; on "auto" it
 * removes it. panel.css gives :root[data-devtools-theme] the palette for that case, so "auto"
 * means DevTools' theme in the panel rather than the OS's.
 */
export function applyDevtoolsPalette(root: HTMLElement, palette: "light" | "dark" | undefined): void {
  if (palette) root.dataset.devtoolsTheme = palette;
  else delete root.dataset.devtoolsTheme;
}
