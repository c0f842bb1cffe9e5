// Ownership: how much spend has an owner, what has none and why, and the rules that decide (with an editor).
import { useState } from "react";
import { useLastCompleteBillingDay } from "../api/use-job-runs";
import { PageHeader } from "../components/page-header";
import { PeriodPicker } from "../components/period-picker";
import { Loading } from "../components/query-state";
import { useMeasure } from "../routing/measure";
import { resolvePeriod, usePeriodChoice } from "../routing/period";
import { AttributedShareCard } from "../cards/ownership/attributed-share-card";
import { UnattributedBreakdownCard } from "../cards/ownership/unattributed-breakdown-card";
import { TagHygieneCard } from "../cards/ownership/tag-hygiene-card";
import { TagKeysCard } from "../cards/ownership/tag-keys-card";
import { UntaggedResourcesCard } from "../cards/ownership/untagged-resources-card";
import { RulesCard } from "../cards/ownership/rules-card";
import { RuleEditorCard } from "../cards/ownership/rule-editor-card";
import { AuditCard } from "../cards/ownership/audit-card";
import type { EditorIntent } from "../cards/ownership/rule-draft";
import { Can } from "../session/session";

export function OwnershipPage() {
  const [measure] = useMeasure();
  const [choice, setChoice] = usePeriodChoice();
  const lastDay = useLastCompleteBillingDay();
  const period = resolvePeriod(choice, lastDay.data);
  const params = { measure, ...period };
  // Each request to the editor gets a new key, so a prefilled form starts from its own values.
  const [editor, setEditor] = useState<{ intent: EditorIntent; key: number }>({ intent: { mode: "create" }, key: 0 });
  const openEditor = (intent: EditorIntent) => setEditor((current) => ({ intent, key: current.key + 1 }));
  // New rules start on the first day of the newest billed month unless the person picks another day.
  const defaultEffectiveFrom = `${(lastDay.data ?? new Date().toISOString().slice(0, 10)).slice(0, 7)}-01`;

  return (
    <>
      <PageHeader title="Ownership" subtitle="How much of the bill has an owner, what has none and why, and the rules that decide." />
      <div className="toolbar">
        <PeriodPicker choice={choice} onChange={setChoice} resolved={period} />
      </div>
      {lastDay.isPending ? (
        <Loading />
      ) : (
        <>
          <AttributedShareCard params={params} />
          <div className="grid-2">
            <UnattributedBreakdownCard params={params} dimension="account" />
            <UnattributedBreakdownCard params={params} dimension="service" />
          </div>
          <div className="grid-2">
            <TagHygieneCard params={params} onMapValue={(value) => openEditor({ mode: "create", kind: "tag", match: value })} />
            <TagKeysCard params={params} />
          </div>
          <UntaggedResourcesCard params={params} />
        </>
      )}
      <div className="grid-rules" id="rules">
        <RulesCard onEdit={openEditor} editingId={editor.intent.mode === "create" ? null : editor.intent.rule.id} />
        <Can need="admin">
          <RuleEditorCard intent={editor.intent} intentKey={editor.key} defaultEffectiveFrom={defaultEffectiveFrom} onClose={() => openEditor({ mode: "create" })} />
        </Can>
      </div>
      <AuditCard />
    </>
  );
}
