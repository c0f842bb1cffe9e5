// The document's short summary, written from its own numbers: what changed, and what is at risk.
// Pure, so the sentences follow the figures and nothing else.
import Decimal from "decimal.js";
import { commitmentMetrics, type ReviewDocument, type ReviewMetric } from "../../db/domain/review-model";
import { formatChange, formatUsd, formatValue, formatPercent } from "./render/format";

type Inputs = Pick<ReviewDocument, "metrics" | "movers" | "nudges" | "wins" | "period" | "scope" | "commitments">;

export function summarise(doc: Inputs): ReviewDocument["summary"] {
  const changed: string[] = [];
  const atRisk: string[] = [];
  const metric = (key: ReviewMetric["key"]) => doc.metrics.find((m) => m.key === key);
  const spend = metric("spend");
  const span = doc.period.complete ? doc.period.label : `${doc.period.label} to ${doc.period.billedThrough ?? "date"}`;
  if (spend?.value != null) {
    const move = spend.change ? `, ${formatChange(spend)} against ${doc.period.previous}` : "";
    changed.push(`${doc.scope.name} spent ${formatValue(spend.value, "usd")} in ${span}${move}.`);
  }
  const top = doc.movers.services[0];
  if (top && top.shareOfChange !== null) {
    const direction = new Decimal(top.changeUsd).gt(0) ? "rose" : "fell";
    changed.push(`${top.name} ${direction} by ${formatUsd(new Decimal(top.changeUsd).abs().toString())}, ${formatPercent(top.shareOfChange)} of the change.`);
  }
  for (const m of doc.metrics) {
    if (m.key === "spend" || m.value === null) continue;
    if (m.change) changed.push(`${m.label}: ${formatValue(m.value, m.format)} (${formatChange(m)}).`);
    if (m.status === "off_target" && m.goal) atRisk.push(`${m.label} is ${formatValue(m.value, m.format)} against a goal of ${formatValue(m.goal.value, m.format)}.`);
  }
  if (spend?.status === "off_target" && spend.goal) atRisk.push(`Spend is over the budget of ${formatValue(spend.goal.value, "usd")}.`);
  if (!new Decimal(doc.nudges.monthlyAtStake).isZero()) atRisk.push(`${doc.nudges.open.length} open nudge(s) put ${formatUsd(doc.nudges.monthlyAtStake)} a month at stake.`);
  if (doc.wins.verified.length) changed.push(`${doc.wins.verified.length} verified win(s) save ${formatUsd(doc.wins.realizedMonthlySavings)} a month.`);
  for (const m of commitmentMetrics(doc.commitments)) {
    if (m.status === "off_target" && m.goal) atRisk.push(`${m.label} is ${formatValue(m.value, m.format)}, below the goal of ${formatValue(m.goal.value, m.format)}.`);
  }
  if (doc.commitments.status === "ready") {
    for (const c of doc.commitments.expiring.commitments) atRisk.push(`${c.label} ends on ${c.end}: ${formatUsd(c.monthlyOnDemandEquivalent)} a month of usage returns to on-demand rates (${formatUsd(c.monthlyCostIncreaseAtExpiry)} a month more).`);
  }
  if (!doc.period.complete) atRisk.push(`The period is still open: its figures run to ${doc.period.billedThrough ?? "the last complete billing day"}.`);
  if (!atRisk.length) atRisk.push("No metric is off its goal, no nudge is open and no commitment ends soon.");
  return { changed, atRisk };
}

export function authorSections(): ReviewDocument["authorSections"] {
  return [
    { key: "operating", title: "How well is the area operating?", prompt: "Your reading of the numbers above: what went well, what did not, and why.", body: "" },
    { key: "improve", title: "What will we do to operate better?", prompt: "The few changes you will make next period, with owners and dates.", body: "" },
    { key: "asks", title: "What we need from reviewers", prompt: "Decisions, help or trade-offs you want from this review.", body: "" },
  ];
}
