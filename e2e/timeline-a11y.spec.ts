import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { inspectorUrl } from "./inspector";

// No serious or critical axe violation on the main views, in both themes, wide and narrow:
// connected, after a run, each detail tab, the RunAgentInput drawer, the agent list folded and
// unfolded, errors only, the row menu, shortcuts, the library and its card menu.

const SIZES = [
  { name: "wide", width: 1440, height: 900 },
  { name: "narrow", width: 900, height: 700 },
] as const;
const THEMES = ["light", "dark"] as const;
const TABS = ["Event", "State", "Messages", "Findings", "Runs"] as const;

async function audit(page: Page, view: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${view}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).slice(0, 4).join(" | ")}`);
}

for (const theme of THEMES) {
  for (const size of SIZES) {
    test(`axe: main views in ${theme} at ${size.width}×${size.height}`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme: theme });
      await page.addInitScript((t) => localStorage.setItem("agui-inspector-theme", t), theme);
      await page.goto(inspectorUrl());
      const problems: string[] = [];
      problems.push(...(await audit(page, "start")));

      await page.getByRole("button", { name: "Connect" }).click();
      await expect(page.getByRole("status").first()).toContainText("Connected");
      problems.push(...(await audit(page, "connected")));

      await page.getByRole("list", { name: "Agents" }).getByRole("button", { name: /^scripted\b/ }).click();
      await page.getByRole("textbox", { name: "Message" }).fill("audit me");
      await page.getByRole("button", { name: "Run", exact: true }).click();
      const timeline = page.getByRole("region", { name: "Timeline" });
      await expect(timeline.getByRole("row").filter({ hasText: "end run: complete" })).toHaveCount(1);
      // Run is reachable without scrolling the page, even at 900×700.
      const runBox = await page.getByRole("button", { name: "Run", exact: true }).boundingBox();
      expect(runBox && runBox.y + runBox.height).toBeLessThanOrEqual(size.height);
      problems.push(...(await audit(page, "after a run")));

      await timeline.getByRole("row").filter({ hasText: "STATE_DELTA" }).first().click();
      for (const tab of TABS) {
        await page.getByRole("tab", { name: new RegExp(`^${tab}`) }).click();
        problems.push(...(await audit(page, `${tab} tab`)));
      }
      if (size.name === "wide") await page.screenshot({ path: `reports/screenshots/timeline-${theme}.png` });
      else if (theme === "light") await page.screenshot({ path: "reports/screenshots/timeline-narrow.png" });

      // The RunAgentInput drawer, open beside the composer.
      await page.getByRole("checkbox", { name: "Edit the full RunAgentInput" }).check();
      const drawer = page.getByRole("dialog", { name: "RunAgentInput" });
      await expect(drawer).toBeVisible();
      await drawer.getByText("What Run sends").click();
      problems.push(...(await audit(page, "drawer")));
      if (size.name === "wide") await page.screenshot({ path: `reports/screenshots/input-drawer-${theme}.png` });
      else if (theme === "light") await page.screenshot({ path: "reports/screenshots/input-drawer-narrow.png" });
      await page.keyboard.press("Escape");
      await expect(drawer).toHaveCount(0);
      await page.getByRole("checkbox", { name: "Edit the full RunAgentInput" }).uncheck();

      // The agent list folded (expanded is what "connected" audited), errors only on.
      const fold = page.getByRole("button", { name: /^Agents/ });
      await fold.click();
      await expect(fold).toHaveAttribute("aria-expanded", "false");
      await page.getByRole("button", { name: "errors only" }).click();
      problems.push(...(await audit(page, "agents folded, errors only")));
      if (size.name === "narrow" && theme === "dark") await page.screenshot({ path: "reports/screenshots/narrow-folded-dark.png" });
      await page.getByRole("button", { name: "errors only" }).click();
      await fold.click();
      await expect(fold).toHaveAttribute("aria-expanded", "true");

      await timeline.getByRole("row").filter({ hasText: "TOOL_CALL_START" }).first().click({ button: "right" });
      await expect(page.getByRole("menu")).toBeVisible();
      problems.push(...(await audit(page, "row menu")));
      await page.keyboard.press("Escape");
      await expect(page.getByRole("menu")).toHaveCount(0);

      await page.locator("body").click({ position: { x: 2, y: 2 } });
      await page.keyboard.press("?");
      await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
      problems.push(...(await audit(page, "shortcuts")));
      await page.keyboard.press("Escape");

      await expect(page.getByRole("list", { name: "Stored sessions" })).toBeVisible();
      problems.push(...(await audit(page, "library")));
      await page.getByRole("list", { name: "Stored sessions" }).getByRole("button", { name: /^Open / }).first().focus();
      await page.keyboard.press("Shift+F10");
      await expect(page.getByRole("menu", { name: /^Session / })).toBeVisible();
      problems.push(...(await audit(page, "library card menu")));
      await page.keyboard.press("Escape");
      expect(problems).toEqual([]);
    });
  }
}
