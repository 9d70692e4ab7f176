import { useState } from "preact/hooks";
import type { SessionView } from "../models/session-view";
import { EventDetail } from "./EventDetail";
import { StatePanel } from "./StatePanel";
import { MessagesPanel } from "./MessagesPanel";
import { FindingsPanel } from "./FindingsPanel";
import { RunList } from "./RunList";
import type { RunTiming } from "../models/run-timing";
import { ComparePanel } from "./ComparePanel";
import type { ComparePicks } from "../models/state-diff";

const TABS = ["Event", "State", "Messages", "Findings", "Runs", "Compare"] as const;
type Tab = (typeof TABS)[number];

export function DetailPanel({ view, picks, timing }: { view: SessionView; picks?: ComparePicks; timing: RunTiming }) {
  const [tab, setTab] = useState<Tab>("State");
  const tabs = TABS.filter((t) => t !== "Compare" || picks);
  const findings = view.findings.value.length;
  return (
    <section class="detail" id="detail-pane" aria-label="Detail">
      <div role="tablist" aria-label="Detail views" class="tabs">
        {tabs.map((t) => (
          <button type="button" role="tab" id={`tab-${t}`} aria-selected={tab === t} aria-controls={`panel-${t}`} class={tab === t ? "tab active" : "tab"} onClick={() => setTab(t)}>
            {t}
            {t === "Findings" && findings ? ` (${findings})` : ""}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} class="tabpanel">
        {tab === "Event" && <EventDetail view={view} />}
        {tab === "State" && <StatePanel view={view} />}
        {tab === "Messages" && <MessagesPanel view={view} />}
        {tab === "Findings" && <FindingsPanel view={view} />}
        {tab === "Runs" && <RunList view={view} timing={timing} />}
        {tab === "Compare" && picks && <ComparePanel picks={picks} />}
      </div>
    </section>
  );
}
