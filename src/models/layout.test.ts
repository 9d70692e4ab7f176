import { describe, expect, it } from "vitest";
import { memoryPrefs } from "./prefs";
import { createLayoutModel, PANE_BOUNDS } from "./layout";

describe("layout prefs", () => {
  it("remembers pane sizes and the agent list's fold across a reload, clamped to bounds", () => {
    const prefs = memoryPrefs();
    const a = createLayoutModel(prefs);
    expect(a.sizes.aside.value).toBeUndefined();
    a.resize("aside", 333.4);
    a.resize("detail", 99_999);
    a.resize("detailHeight", 10);
    a.setAgentsCollapsed(true);
    const b = createLayoutModel(prefs);
    expect(b.sizes.aside.value).toBe(333);
    expect(b.sizes.detail.value).toBe(PANE_BOUNDS.detail.max);
    expect(b.sizes.detailHeight.value).toBe(PANE_BOUNDS.detailHeight.min);
    expect(b.agentsCollapsed.value).toBe(true);
  });

  it("ignores a stored value that is not a number", () => {
    const b = createLayoutModel(memoryPrefs({ layout: { aside: "wide", detail: null, agentsCollapsed: "yes" } }));
    expect(b.sizes.aside.value).toBeUndefined();
    expect(b.sizes.detail.value).toBeUndefined();
    expect(b.agentsCollapsed.value).toBe(false);
  });

  it("remembers the Waiting-for-you banner's fold and whether it lists every item", () => {
    const prefs = memoryPrefs();
    const a = createLayoutModel(prefs);
    expect(a.pendingCollapsed.value).toBe(false);
    expect(a.pendingAll.value).toBe(false);
    a.setPendingAll(true);
    a.setPendingCollapsed(true);
    const b = createLayoutModel(prefs);
    expect(b.pendingAll.value).toBe(true);
    expect(b.pendingCollapsed.value).toBe(true);
    b.setPendingCollapsed(false);
    b.setPendingAll(false);
    const c = createLayoutModel(prefs);
    expect([c.pendingCollapsed.value, c.pendingAll.value]).toEqual([false, false]);
    expect(createLayoutModel(memoryPrefs({ layout: { pendingAll: "yes", pendingCollapsed: 1 } })).pendingAll.value).toBe(false);
  });
});
