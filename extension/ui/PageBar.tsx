import type { ConnectionModel } from "../../src/models/connection";
import type { RuntimeOffer } from "../observe/runtimes";
import type { PageModel } from "../page-model";

const MAX_OFFERS = 3;

/** The inspected page, above the connection form: the runtimes it talks to, to connect to them. */
export function PageBar({ page, connection }: { page: PageModel; connection: ConnectionModel }) {
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
              : `${page.since.value ? `Watching the inspected page since ${new Date(page.since.value).toLocaleTimeString()}. ` : ""}No AG-UI traffic from it yet; its runs and connects will appear under Sessions as observed.`}
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
    </section>
  );
}
