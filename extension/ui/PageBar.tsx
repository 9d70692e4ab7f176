import type { ConnectionModel } from "../../src/models/connection";
import type { RuntimeOffer } from "../observe/runtimes";
import type { PageModel } from "../page-model";
import type { LiveFollower } from "../observe/follow";
import type { SiteAccess } from "../site-access";

const MAX_OFFERS = 3;

/** The inspected page, above the connection form: the runtimes it talks to, to connect to them. */
export function PageBar({ page, connection, follower, access }: { page: PageModel; connection: ConnectionModel; follower?: LiveFollower; access?: SiteAccess }) {
  const offers = page.offers.value;
  const use = (offer: RuntimeOffer) => {
    connection.url.value = offer.url;
    connection.transport.value = offer.transport;
  };
  return (
    <section class="page-bar" aria-label="Inspected page">
      <div class="offers">
        {offers.length === 0 && (
          <span class="muted small">
            {!page.inDevTools
              ? "Open this panel in DevTools to observe a page's AG-UI traffic."
              : `${page.since.value ? `Watching the inspected page since ${new Date(page.since.value).toLocaleTimeString()}. ` : ""}No AG-UI traffic from it yet; its runs and connects will appear under Sessions as observed, live as they stream.`}
          </span>
        )}
        {offers.slice(0, MAX_OFFERS).map((offer) => (
          <div class="offer" role="group" aria-label={`Page runtime ${offer.url}`}>
            <span class="small">
              This page talks to <code>{offer.url}</code> · {offer.transport}
              {offer.agents.length > 0 && <> · agents: {offer.agents.join(", ")}</>}
            </span>
            <button type="button" class="secondary" disabled={connection.url.value === offer.url && connection.transport.value === offer.transport} onClick={() => use(offer)}>
              Use this page's runtime
            </button>
          </div>
        ))}
        {page.observed.value > 0 && (
          <span class="small muted" role="status">
            {page.observed.value} observed session{page.observed.value === 1 ? "" : "s"} from {page.inDevTools ? "this page" : "inspected pages"}
          </span>
        )}
      </div>
      {follower && (
        <label class="small">
          <input type="checkbox" checked={follower.follow.value} onChange={(e) => (follower.follow.value = (e.currentTarget as HTMLInputElement).checked)} /> Follow the page's runs live
        </label>
      )}
      {access && <AccessNotes access={access} connection={connection} />}
    </section>
  );
}

/** Host access, said before the browser asks: for the runtime on Connect, for the page's capture. */
function AccessNotes({ access, connection }: { access: SiteAccess; connection: ConnectionModel }) {
  const page = access.page.value;
  let host = "";
  try {
    host = new URL(connection.url.value.trim()).host;
  } catch {
    host = "";
  }
  return (
    <div class="access-notes small" aria-label="Site access">
      {host && access.runtime.value === "will-ask" && connection.status.value !== "connected" && (
        <p class="muted">Connect will ask the browser for access to {host}, so the panel can reach the runtime: a prompt appears next to the address bar or the extension's icon. If it does not show, connecting again brings it back.</p>
      )}
      {page?.state === "built-in" && <p class="muted">This page ({page.origin}) is captured in-page: its AG-UI runs are recorded as they stream, with DevTools open or not.</p>}
      {page?.state === "granted" && <p class="muted">In-page capture is on for {page.origin}.</p>}
      {page?.state === "off" && (
        <p>
          This page ({page.origin}) is observed only while DevTools is open, and only when a response ends.{" "}
          <button type="button" class="secondary" onClick={() => access.enableCapture()}>
            Capture this site live
          </button>{" "}
          <span class="muted">(asks the browser for access to {page.origin})</span>
        </p>
      )}
      {access.notice.value && <p role="status">{access.notice.value}</p>}
    </div>
  );
}
