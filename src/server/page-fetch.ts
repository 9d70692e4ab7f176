import type { IncomingMessage } from "node:http";
import { hostName, isLoopbackHost } from "./loopback";

// Who may use /__forward: the inspector page's own fetch(), nothing else a browser can send.
// A page on another 127.0.0.1 port is "same-site" (ports do not count for sites), so the checks
// are on the origin: an iframe or a navigation has Sec-Fetch-Dest document/iframe, a no-cors
// request has Sec-Fetch-Mode no-cors, another port has Sec-Fetch-Site same-site and its own
// Origin. Clients that send no Sec-Fetch-* headers at all (curl, scripts) are not browsers
// acting for another page; they still need the token header, which no cross-site request
// can carry.

/** Why this request is not the page's own fetch(), or null when it is. */
export function checkPageFetch(req: IncomingMessage, port: number): string | null {
  const host = req.headers.host ?? "";
  const own = ownOrigin(host, port);
  if (!own) return `Host ${host} is not this server's own address`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== own) return `Origin ${origin} refused: only the inspector page (${own}) may use the forward`;
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin") return `Sec-Fetch-Site ${site} refused: only the inspector page's own requests`;
  const mode = req.headers["sec-fetch-mode"];
  if (mode !== undefined && mode !== "cors" && mode !== "same-origin") return `Sec-Fetch-Mode ${mode} refused: only fetch() from the inspector page`;
  const dest = req.headers["sec-fetch-dest"];
  if (dest !== undefined && dest !== "empty") return `Sec-Fetch-Dest ${dest} refused: the forward is never a page, frame, script or image`;
  return null;
}

/** http://<host>:<port> as the page's Origin would spell it, when Host names this server. */
function ownOrigin(host: string, port: number): string | null {
  if (!isLoopbackHost(host)) return null;
  const m = /:(\d+)$/.exec(host);
  // A browser leaves out the default port 80 from Host and Origin.
  if (m ? Number(m[1]) !== port : port !== 80) return null;
  const name = hostName(host);
  return `http://${name.includes(":") ? `[${name}]` : name}${port === 80 ? "" : `:${port}`}`;
}
