import type { SessionView } from "../models/session-view";
import type { SessionRecord } from "../models/session-view-types";
import { eventJson, rawFrame, recordJson, toCurl, toFetch } from "../models/copy";
import { copyText } from "./clipboard";
import type { MenuItem } from "./ContextMenu";

/** The request a row belongs to (its exchange's), when the log is in memory. */
function requestOf(view: SessionView, r: SessionRecord) {
  if (r.kind === "request") return r;
  for (const q of view.records()) if (q.kind === "request" && q.x === r.x) return q;
  return undefined;
}

/** Copy and filter actions for a row's context menu. */
export function rowMenuItems(view: SessionView, r: SessionRecord): MenuItem[] {
  const raw = rawFrame(r);
  const req = requestOf(view, r);
  const f = view.filter.value;
  const items: MenuItem[] = [
    { label: r.kind === "event" ? "Copy event JSON" : "Copy record JSON", run: () => void copyText(eventJson(r), r.kind === "event" ? "event JSON" : "record JSON") },
    { label: "Copy raw frame", disabled: raw === undefined, run: () => raw !== undefined && void copyText(raw, "raw frame") },
  ];
  if (r.kind === "event") items.push({ label: "Copy record with seq and time", run: () => void copyText(recordJson(r), "record JSON") });
  items.push(
    { label: "Copy request as cURL", disabled: !req, run: () => req && void copyText(toCurl(req), "request as cURL") },
    { label: "Copy request as fetch", disabled: !req, run: () => req && void copyText(toFetch(req), "request as fetch") },
    { label: "Filter to this run", disabled: !r.runId, run: () => (view.filter.value = { ...f, runId: r.runId ?? null }) },
    { label: "Filter to this thread", disabled: !r.threadId, run: () => (view.filter.value = { ...f, threadId: r.threadId ?? null }) },
    // A search for the exact type field matches that type and nothing else.
    { label: "Filter to this type", disabled: r.kind !== "event", run: () => r.kind === "event" && (view.filter.value = { ...f, text: `"type":"${r.event.type}"` }) },
  );
  return items;
}
