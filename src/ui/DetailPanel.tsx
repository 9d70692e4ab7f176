import { useState } from "preact/hooks";
import type { SessionView } from "../models/session-view";
import { EventDetail } from "./EventDetail";
import { StatePanel } from "./StatePanel";
import { MessagesPanel } from "./MessagesPanel";
import { FindingsPanel } from "./FindingsPanel";
import { RunList } from "./RunList";
import type { RunTiming } from "../models/run-timing";

const TABS = ["Event", "State", "Messages", "Findings", "Runs"] as const;
type Tab = (typeof TABS)[number];

export function DetailPanel({ view, timing }: { view: SessionView; timing: RunTiming }) {
  const [tab, setTab] = useState<Tab>("State");
  const findings = view.findings.value.length;
  return (
    <section class="detail" aria-label="Detail">
      <div role="tablist" aria-label="Detail views" class="tabs">
        {TABS.map((t) => (
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
      </div>
    </section>
  );
}
