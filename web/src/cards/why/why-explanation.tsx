// "Why is this on my team?": the chain of decisions that put a team's cell (a day, maybe one
// service or account) on it, each with its amounts, and sample line items with the deciding tags.
import type { ReactNode } from "react";
import Decimal from "decimal.js";
import { useWhy, type WhyAnswer, type WhyCell, type WhyDecision } from "../../api/use-why";
import { Empty, ErrorState, Loading } from "../../components/query-state";
import { DECIDED_BY_COLORS, OTHER_COLOR } from "../../charts/palette";
import { DECIDED_BY, decidedByLabel, ruleKindLabel, splitMethodLabel } from "../../format/decided-by";
import { formatDay, formatTimestamp, isoFromPostgres } from "../../format/dates";
import { formatShare, formatUsd } from "../../format/money";
import { sourceLabel } from "../ownership/rules-card";
import { SampleLines } from "./sample-lines";

export function WhyExplanation({ cell }: { cell: WhyCell }) {
  const why = useWhy(cell);
  if (why.isPending) return <Loading label="Tracing the rules…" height={200} />;
  if (why.isError) return <ErrorState error={why.error} onRetry={() => void why.refetch()} />;
  if (why.data.decisions.length === 0) {
    return <Empty height={160}>Nothing on this team {cell.service ? `for ${cell.service} ` : ""}on {formatDay(cell.day)}.</Empty>;
  }
  return <WhyChain answer={why.data} />;
}

function WhyChain({ answer }: { answer: WhyAnswer }) {
  const totals = sumAmounts(answer.decisions);
  return (
    <div className="why" data-testid="why-explanation">
      <Amounts amounts={totals} caption="On this team" testId="why-total" />
      <h3 className="why-heading">How each dollar got here</h3>
      <ol className="why-chain" data-testid="why-chain">
        {answer.decisions.map((decision, index) => (
          <DecisionStep key={`${decision.decidedBy}-${decision.ruleId ?? ""}-${decision.poolId ?? ""}-${index}`} decision={decision} />
        ))}
      </ol>
      <h3 className="why-heading">Sample line items</h3>
      {SAMPLES_FROM[answer.sampleLinesFrom] ? <p className="muted small" data-testid="why-samples-from">{SAMPLES_FROM[answer.sampleLinesFrom]}</p> : null}
      <SampleLines lines={answer.sampleLines} decisions={answer.decisions} />
    </div>
  );
}

/** Where the sample lines come from when PostgreSQL holds a pass's grouped facts (docs/engines.md). */
const SAMPLES_FROM: Record<WhyAnswer["sampleLinesFrom"], string | null> = {
  "line items": null,
  facts: "Grouped facts of a DuckDB or Athena pass: each row stands for many line items (this server has no engine to ask for them).",
  duckdb: "Line items read from the export files by DuckDB, with the tag keys attribution reads.",
  athena: "Line items queried from the export's Athena table, with the tag keys attribution reads.",
};

function DecisionStep({ decision }: { decision: WhyDecision }) {
  const color = DECIDED_BY_COLORS[decision.decidedBy] ?? OTHER_COLOR;
  return (
    <li className="why-step" data-decided-by={decision.decidedBy} style={{ borderLeftColor: color }}>
      <div className="why-step-head">
        <span className="pill" style={{ background: `${color}1a`, color }}>{decidedByLabel(decision.decidedBy)}</span>
        <span className="why-step-title"><StepTitle decision={decision} /></span>
      </div>
      <p className="why-step-why muted">{DECIDED_BY[decision.decidedBy]?.why}</p>
      <StepFacts decision={decision} />
      <Amounts amounts={decision} />
    </li>
  );
}

function StepTitle({ decision }: { decision: WhyDecision }) {
  if (decision.ruleId !== null) {
    return (
      <>
        <span className="mono match">{decision.match}</span>
        <span className="why-step-sub"> {ruleKindLabel(decision.ruleKind ?? decision.decidedBy).toLowerCase()} rule #{decision.ruleId}</span>
      </>
    );
  }
  if (decision.poolId !== null) return <>Shared-cost pool “{decision.poolName}”</>;
  return <>No rule matched</>;
}

function StepFacts({ decision }: { decision: WhyDecision }) {
  const facts: [string, ReactNode][] = [];
  if (decision.ruleId !== null) {
    facts.push(["Priority", decision.priority]);
    facts.push(["Source", sourceLabel(decision.ruleSource ?? "")]);
    facts.push(["Effective from", decision.validFrom && decision.validFrom > "1970-01-01" ? formatDay(decision.validFrom) : "always"]);
    if (decision.versionId !== null) {
      facts.push(["Version", <>#{decision.versionId} by <strong>{decision.versionActor}</strong>{decision.versionAppliedAt ? `, ${formatTimestamp(isoFromPostgres(decision.versionAppliedAt))}` : ""}</>]);
    }
  }
  if (decision.poolId !== null) {
    facts.push(["Split", `${splitMethodLabel(decision.method)}, per ${decision.period ?? "?"}`]);
    if ("basis" in decision && decision.basis) {
      const { basis } = decision;
      facts.push(["This team's basis", `${formatUsd(basis.teamDirectCost)} of ${formatUsd(basis.allTeamsDirectCost)} direct cost this ${basis.period}`]);
      facts.push(["Share", <strong key="share">{formatShare(basis.share)}</strong>]);
    }
  }
  facts.push(["Accounts", decision.accounts.join(", ")]);
  facts.push(["Services", decision.services.join(", ")]);
  return (
    <dl className="why-facts">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

interface AmountSet {
  unblended: string;
  amortized: string;
  netAmortized: string;
}

function Amounts({ amounts, caption, testId }: { amounts: AmountSet; caption?: string; testId?: string }) {
  return (
    <div className={`why-amounts ${caption ? "why-amounts-total" : ""}`} data-testid={testId}>
      {caption ? <span className="why-amounts-caption">{caption}</span> : null}
      <span><span className="muted">Unblended</span> {formatUsd(amounts.unblended)}</span>
      <span><span className="muted">Amortized</span> <strong data-field="amortized">{formatUsd(amounts.amortized)}</strong></span>
      <span><span className="muted">Net amortized</span> {formatUsd(amounts.netAmortized)}</span>
    </div>
  );
}

function sumAmounts(decisions: readonly AmountSet[]): AmountSet {
  const sum = (key: keyof AmountSet) => decisions.reduce((total, d) => total.plus(d[key]), new Decimal(0)).toString();
  return { unblended: sum("unblended"), amortized: sum("amortized"), netAmortized: sum("netAmortized") };
}
