import { signal } from "@preact/signals";

/** What was last copied, said once in a polite live region (see CopyStatus). */
export const copyNotice = signal("");

/** Copies text; the async Clipboard API first, a hidden textarea where it is refused (http, no focus). */
export async function copyText(text: string, what: string): Promise<boolean> {
  let ok = false;
  try {
    await navigator.clipboard.writeText(text);
    ok = true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    area.remove();
  }
  copyNotice.value = ok ? `Copied ${what}` : `Could not copy ${what}: the browser refused`;
  return ok;
}
