import type { WatchModel } from "../models/watch";

/** Attach to the runtime's debug feed; shows the feed's and the recording proxy's state. */
export function WatchBar({ watch }: { watch: WatchModel }) {
  const feed = watch.feed.value;
  const live = feed !== null && feed.state !== "stopped";
  const proxy = watch.proxy.value;
  return (
    <div class="watch" aria-label="Watch the app">
      {live ? (
        <button type="button" class="secondary" onClick={() => watch.detach()}>
          Detach
        </button>
      ) : (
        <button type="button" class="secondary" title="Record every event of every thread from the runtime's /cpk-debug-events feed" onClick={() => void watch.attach()}>
          Attach to debug feed
        </button>
      )}
      {feed && (
      <p class="status" role="status" aria-live="polite" data-testid="feed-status">
        {feed?.state === "attached" && <span>Attached to the debug feed · {watch.feedEvents.value} events</span>}
        {feed?.state === "connecting" && <span>Opening the debug feed…</span>}
        {feed?.state === "dropped" && <span class="error">Debug feed dropped ({feed.error}); reconnecting in {feed.retryInMs} ms</span>}
        {feed?.state === "stopped" && watch.feedError.value && <span class="error">{watch.feedError.value}</span>}
        {feed?.state === "stopped" && !watch.feedError.value && <span>Detached · {watch.feedEvents.value} events recorded</span>}
      </p>
      )}
      {proxy.state !== "off" && (
        <p class="status" role="status" data-testid="proxy-status">
          Recording proxy {proxy.url}: {proxy.state === "following" ? `live · ${proxy.exchanges} exchange(s)` : proxy.state === "waiting" ? "connecting…" : `retrying (${proxy.error ?? "feed lost"})`}
        </p>
      )}
    </div>
  );
}
