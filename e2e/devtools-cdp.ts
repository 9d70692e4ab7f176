import type { BrowserContext, CDPSession } from "@playwright/test";

// DevTools as the user sees it, driven over the browser's CDP connection: find the DevTools
// window (its front-end is a page target at devtools://devtools/…) that inspects a given page,
// show the extension's panel in it, and read the panel's own document (an extension iframe
// target). Playwright does not expose DevTools targets as pages, so the messages go through
// Target.sendMessageToTarget.

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export class DevToolsDriver {
  private next = 1;
  private waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(private readonly cdp: CDPSession) {
    cdp.on("Target.receivedMessageFromTarget" as never, ((event: { message: string }) => {
      const reply = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      const w = reply.id !== undefined ? this.waiting.get(reply.id) : undefined;
      if (!w) return;
      this.waiting.delete(reply.id!);
      if (reply.error) w.reject(new Error(reply.error.message));
      else w.resolve(reply.result);
    }) as never);
  }

  static async connect(context: BrowserContext): Promise<DevToolsDriver> {
    const browser = context.browser();
    if (!browser) throw new Error("no browser behind this context");
    return new DevToolsDriver(await browser.newBrowserCDPSession());
  }

  async targets(): Promise<TargetInfo[]> {
    return ((await this.cdp.send("Target.getTargets")) as { targetInfos: TargetInfo[] }).targetInfos;
  }

  async attach(targetId: string): Promise<string> {
    return ((await this.cdp.send("Target.attachToTarget", { targetId, flatten: false } as never)) as { sessionId: string }).sessionId;
  }

  async send(sessionId: string, method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.next++;
    const reply = new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    await this.cdp.send("Target.sendMessageToTarget" as never, { sessionId, message: JSON.stringify({ id, method, params }) } as never);
    return reply;
  }

  /** Evaluate an expression (awaited) in a target, returning its JSON value. */
  async evaluate<T>(sessionId: string, expression: string): Promise<T> {
    const result = (await this.send(sessionId, "Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true })) as { result: { value: T }; exceptionDetails?: { exception?: { description?: string }; text: string } };
    if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
    return result.result.value;
  }

  /** The DevTools front-end inspecting the page whose URL starts with `pageUrl` (waits for it). */
  async frontendFor(pageUrl: string, timeoutMs = 20_000): Promise<{ targetId: string; session: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const t of await this.targets()) {
        if (t.type !== "page" || !t.url.startsWith("devtools://devtools/")) continue;
        const session = await this.attach(t.targetId);
        const inspected = await this.evaluate<string | null>(session, `(async () => (await import("devtools://devtools/bundled/core/sdk/sdk.js")).TargetManager.TargetManager.instance().primaryPageTarget()?.inspectedURL() ?? null)()`).catch(() => null);
        if (inspected?.startsWith(pageUrl)) return { targetId: t.targetId, session };
        await this.cdp.send("Target.detachFromTarget", { sessionId: session } as never).catch(() => {});
      }
      if (Date.now() > deadline) throw new Error(`no DevTools window inspects ${pageUrl}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Show the extension panel titled `title` in a front-end; returns a session in the panel's document. */
  async showPanel(frontend: { session: string }, extensionId: string, title: string, timeoutMs = 20_000): Promise<string> {
    const panelUrl = `chrome-extension://${extensionId}/panel.html`;
    const before = new Set((await this.targets()).filter((t) => t.url === panelUrl).map((t) => t.targetId));
    const deadline = Date.now() + timeoutMs;
    // The tab exists once the extension's DevTools page has created it.
    for (;;) {
      const shown = await this.evaluate<boolean>(
        frontend.session,
        `(async () => {
          const UI = await import("devtools://devtools/bundled/ui/legacy/legacy.js");
          const view = UI.InspectorView.InspectorView.instance();
          // DevTools names the tab by extension origin and title, spaces dropped.
          const id = view.tabbedPane.tabIds().find((t) => t === ${JSON.stringify(`chrome-extension://${extensionId}${title.replace(/\s+/g, "")}`)});
          if (!id) return false;
          await view.showPanel(id);
          return true;
        })()`,
      );
      if (shown) break;
      if (Date.now() > deadline) {
        const ids = await this.evaluate<string[]>(frontend.session, `(async () => (await import("devtools://devtools/bundled/ui/legacy/legacy.js")).InspectorView.InspectorView.instance().tabbedPane.tabIds())()`).catch(() => []);
        throw new Error(`DevTools has no "${title}" tab (tabs: ${ids.join(", ")})`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    for (;;) {
      const panel = (await this.targets()).find((t) => t.url === panelUrl && !before.has(t.targetId));
      if (panel) return this.attach(panel.targetId);
      if (Date.now() > deadline) throw new Error("the panel's document did not load");
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async close(targetId: string): Promise<void> {
    await this.cdp.send("Target.closeTarget", { targetId } as never);
  }
}
