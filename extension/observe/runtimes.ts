import type { Transport } from "../../src/core/session/record";
import { parseRuntimeInfo } from "../../src/core/transport/info";
import type { Classified } from "./classify";

/** A runtime the inspected page talks to, offered in the panel's connection form. */
export interface RuntimeOffer {
  url: string;
  transport: Transport;
  /** Agent ids seen in the page's requests or in an /info answer it received. */
  agents: string[];
  /** Epoch ms of the latest request to it. */
  lastSeen: number;
}

/** Folds classified requests into offers, newest first. Pure; the caller persists the list. */
export function addToOffers(offers: readonly RuntimeOffer[], what: Classified, at: number, responseBody?: unknown): RuntimeOffer[] {
  const agents = new Set<string>();
  if (what.agentId) agents.add(what.agentId);
  if (what.op === "info") {
    const info = parseRuntimeInfo(responseBody);
    if (!info) return [...offers];
    for (const id of Object.keys(info.agents)) agents.add(id);
  }
  const existing = offers.find((o) => o.url === what.runtimeUrl);
  const merged: RuntimeOffer = {
    url: what.runtimeUrl,
    transport: what.transport,
    agents: [...new Set([...(existing?.agents ?? []), ...agents])].sort(),
    lastSeen: Math.max(existing?.lastSeen ?? 0, at),
  };
  return [merged, ...offers.filter((o) => o !== existing)].sort((a, b) => b.lastSeen - a.lastSeen);
}

/** Offers from several tabs as one list, newest first, one per URL. */
export function mergeOffers(lists: readonly (readonly RuntimeOffer[])[]): RuntimeOffer[] {
  const byUrl = new Map<string, RuntimeOffer>();
  for (const list of lists) {
    for (const o of list) {
      const seen = byUrl.get(o.url);
      byUrl.set(o.url, seen ? { ...o, agents: [...new Set([...seen.agents, ...o.agents])].sort(), lastSeen: Math.max(seen.lastSeen, o.lastSeen) } : o);
    }
  }
  return [...byUrl.values()].sort((a, b) => b.lastSeen - a.lastSeen);
}
