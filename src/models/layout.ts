import { signal } from "@preact/signals";
import type { PrefsPort } from "./prefs";

// Pane sizes, the agent list's fold and the "Waiting for you" banner's fold and length, remembered through the prefs port (localStorage on the
// web page). Sizes are px; absent means the stylesheet's default. Bounds keep a stored size from
// hiding a pane on a smaller screen.

export const PANE_BOUNDS = {
  aside: { min: 200, max: 640 },
  detail: { min: 260, max: 1000 },
  detailHeight: { min: 120, max: 700 },
} as const;

export type Pane = keyof typeof PANE_BOUNDS;

interface Stored {
  aside?: number;
  detail?: number;
  detailHeight?: number;
  agentsCollapsed?: boolean;
  pendingCollapsed?: boolean;
  pendingAll?: boolean;
}

const KEY = "layout";

export function clampPane(pane: Pane, px: number): number {
  const b = PANE_BOUNDS[pane];
  return Math.round(Math.max(b.min, Math.min(b.max, px)));
}

export function createLayoutModel(prefs: PrefsPort) {
  const saved = prefs.get<Stored>(KEY) ?? {};
  const read = (pane: Pane) => (typeof saved[pane] === "number" && Number.isFinite(saved[pane]) ? clampPane(pane, saved[pane]!) : undefined);
  const sizes = { aside: signal(read("aside")), detail: signal(read("detail")), detailHeight: signal(read("detailHeight")) };
  const agentsCollapsed = signal(saved.agentsCollapsed === true);
  // The banner over the timeline: folded to its title, and whether it lists every open item.
  const pendingCollapsed = signal(saved.pendingCollapsed === true);
  const pendingAll = signal(saved.pendingAll === true);

  function save() {
    prefs.set(KEY, { aside: sizes.aside.value, detail: sizes.detail.value, detailHeight: sizes.detailHeight.value, agentsCollapsed: agentsCollapsed.value || undefined, pendingCollapsed: pendingCollapsed.value || undefined, pendingAll: pendingAll.value || undefined });
  }

  return {
    sizes,
    agentsCollapsed,
    pendingCollapsed,
    pendingAll,
    /** Set a pane's size (clamped) and remember it. */
    resize(pane: Pane, px: number) {
      sizes[pane].value = clampPane(pane, px);
      save();
    },
    setAgentsCollapsed(collapsed: boolean) {
      agentsCollapsed.value = collapsed;
      save();
    },
    setPendingCollapsed(collapsed: boolean) {
      if (pendingCollapsed.value === collapsed) return;
      pendingCollapsed.value = collapsed;
      save();
    },
    setPendingAll(all: boolean) {
      pendingAll.value = all;
      save();
    },
  };
}

export type LayoutModel = ReturnType<typeof createLayoutModel>;
