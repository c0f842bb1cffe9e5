// The evidence behind a nudge, folded away: anomalous days against their baseline and the causes,
// or the rule's figures as a short list.
import { formatShare, formatUsd } from "../../format/money";

interface Cause { key: string; label?: string; actual: string; baseline: string; excess: string }
interface AnomalyDay { day: string; actual: string; baseline: string; excess: string; ratio: string | null }

const isShare = (key: string) => /^(coverage|share)$|Share$|Goal$/.test(key);
const isMoney = (key: string) => /untagged|total|budget|forecast|covered|onDemand|cost|monthToDate|dailyRate|overBy|steady/i.test(key);

function AnomalyEvidence({ evidence }: { evidence: Record<string, unknown> }) {
  const days = (evidence.days as AnomalyDay[] | undefined) ?? [];
  const causes = evidence.causes as { accounts: Cause[]; usageTypes: Cause[]; resources: Cause[] } | null;
  const causeList = causes ? [...causes.accounts.map((c) => ({ ...c, kind: "Account" })), ...causes.usageTypes.map((c) => ({ ...c, kind: "Usage type" })), ...causes.resources.map((c) => ({ ...c, kind: "Resource" }))] : [];
  return (
    <>
      <p className="muted">Baseline: {String(evidence.baselineMethod ?? "")}.</p>
      <table className="table table-compact nudge-evidence-table">
        <thead><tr><th>Day</th><th className="num">Spend</th><th className="num">Baseline</th><th className="num">Excess</th><th className="num">Change</th></tr></thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}><td>{d.day}</td><td className="num">{formatUsd(d.actual)}</td><td className="num">{formatUsd(d.baseline)}</td><td className="num">{formatUsd(d.excess)}</td><td className="num">{d.ratio === null ? "from $0" : `+${formatShare(d.ratio)}`}</td></tr>
          ))}
        </tbody>
      </table>
      {causeList.length ? (
        <p className="nudge-causes">
          <strong>What moved on {String(evidence.worstDay)}:</strong>{" "}
          {causeList.map((c) => `${c.kind} ${c.label ? `${c.label} (${c.key})` : c.key} +${formatUsd(c.excess)}`).join(" · ")}
        </p>
      ) : null}
    </>
  );
}

export function NudgeEvidence({ rule, evidence }: { rule: string; evidence: Record<string, unknown> }) {
  const flat = Object.entries(evidence).filter(([, value]) => value === null || typeof value !== "object");
  return (
    <details className="nudge-evidence">
      <summary>Evidence</summary>
      {rule === "anomaly" ? (
        <AnomalyEvidence evidence={evidence} />
      ) : (
        <dl className="nudge-facts">
          {flat.map(([key, value]) => (
            <div key={key}>
              <dt>{key.replace(/([A-Z])/g, " $1").toLowerCase()}</dt>
              <dd>{value === null ? "—" : typeof value === "string" && isMoney(key) && /^-?\d/.test(value) ? formatUsd(value) : isShare(key) ? formatShare(String(value)) : String(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </details>
  );
}
