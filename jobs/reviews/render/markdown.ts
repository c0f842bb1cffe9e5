// The review as Markdown, ready to paste into a document: tables for the numbers, each chart as an
// SVG file beside it (the caller writes `charts`), and the author's sections left to fill in.
import { commitmentMetrics, type Mover, type ReviewDocument, type ReviewMetric } from "../../../db/domain/review-model";
import { reviewCharts, type ReviewChart } from "./svg-charts";
import { formatChange, formatSignedUsd, formatUsd, formatUsdCents, formatValue, formatPercent, STATUS_LABEL } from "./format";

/** Text from data (team names, titles, an author's words) that must not turn into markup or HTML. */
export function mdText(text: string): string {
  return text.replace(/[\\`*_[\]<>&|#]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;" })[c] ?? `\\${c}`);
}

const table = (header: string[], rows: string[][]) => [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

function moversTable(movers: readonly Mover[], label: string): string {
  if (!movers.length) return "_No change._";
  return table(
    [label, "Previous", "Current", "Change", "Share of change"],
    movers.map((m) => [mdText(m.name), formatUsd(m.previous), formatUsd(m.current), formatSignedUsd(m.changeUsd), m.shareOfChange === null ? "n/a" : formatPercent(m.shareOfChange)]),
  );
}

/** With `inlineCharts`, each image is a data: URI, so one downloaded file carries its charts. */
export function renderMarkdown(doc: ReviewDocument, options: { inlineCharts?: boolean } = {}): { markdown: string; charts: ReviewChart[] } {
  const charts = reviewCharts(doc);
  const chart = (key: string) => charts.find((c) => c.key === key)!;
  const target = (c: ReviewChart) => (options.inlineCharts ? `data:image/svg+xml;base64,${Buffer.from(c.svg).toString("base64")}` : c.file);
  const image = (key: string) => `![${chart(key).title}](${target(chart(key))})`;
  const out: string[] = [];
  const p = doc.period;
  out.push(`# ${mdText(doc.title)}`);
  out.push(
    `Scope: **${mdText(doc.scope.name)}** (${doc.scope.kind}${doc.scope.teamIds.length > 1 ? `, ${doc.scope.teamIds.length} teams` : ""}) · ` +
      `Period: **${p.label}** (${p.from} to ${p.billedThrough ?? p.to}${p.complete ? "" : ", open"}) · Compared with ${p.previous} · ` +
      `Cost measure: ${doc.measure} · Data through ${doc.lastCompleteBillingDay ?? "n/a"} · Generated ${doc.generatedAt.slice(0, 16).replace("T", " ")} UTC`,
  );
  const list = (lines: readonly string[]) => lines.map((s) => `- ${mdText(s)}`).join("\n");
  if (doc.restatement) {
    const figures = doc.restatement.figures.map((f) => `> - ${mdText(f)}`).join("\n");
    out.push(`> **Restated since this review was saved (${doc.restatement.savedAt.slice(0, 10)}).** The numbers below are as saved; the live figures now differ:\n>\n${figures}`);
  }
  out.push("## Summary", "**What changed**", list(doc.summary.changed), "**What is at risk**", list(doc.summary.atRisk));
  const metricsTable = (metrics: readonly ReviewMetric[]) =>
    table(
      ["Metric", "Value", "Goal", "Status", `Change vs ${p.previous}`],
      metrics.map((m) => [
        `${mdText(m.label)} (${mdText(m.unitLabel)}${m.note ? `; ${mdText(m.note)}` : ""})`,
        formatValue(m.value, m.format),
        m.goal ? `${formatValue(m.goal.value, m.format)} (${mdText(m.goal.source)})` : "none",
        STATUS_LABEL[m.status],
        formatChange(m),
      ]),
    );
  out.push("## Headline metrics", metricsTable(doc.metrics), ...doc.metrics.map((m) => image(m.key)));
  const compared = doc.movers.comparedWith ? ` against ${doc.movers.comparedWith.from} to ${doc.movers.comparedWith.to}` : "";
  out.push(`## Biggest movers`, `Total change${compared}: ${formatSignedUsd(doc.movers.totalChangeUsd)}.`, "### Services", moversTable(doc.movers.services, "Service"), image("movers_services"), "### Accounts", moversTable(doc.movers.accounts, "Account"), image("movers_accounts"));
  out.push(
    "## Open nudges",
    doc.nudges.open.length
      ? `${formatUsd(doc.nudges.monthlyAtStake)} a month at stake.\n\n` + table(["Team", "Nudge", "Monthly at stake", "Status"], doc.nudges.open.map((n) => [mdText(n.teamId), mdText(n.title), formatUsdCents(n.monthlyAtStake), n.status]))
      : "_No open nudges._",
  );
  out.push(
    "## Verified wins",
    doc.wins.verified.length
      ? `${formatUsd(doc.wins.realizedMonthlySavings)} a month saved.\n\n` + table(["Team", "Win", "Shipped", "Realized monthly savings"], doc.wins.verified.map((w) => [mdText(w.teamId), mdText(w.title), w.shippedOn, w.realizedMonthlySavings ? formatUsdCents(w.realizedMonthlySavings) : "n/a"]))
      : "_No verified wins yet._",
  );
  out.push("## Commitments coverage");
  const commitments = doc.commitments;
  if (commitments.status !== "ready") out.push(`_${mdText(commitments.note)}_`);
  else {
    const ending = commitments.expiring;
    out.push(metricsTable(commitments.metrics), ...commitments.metrics.map((m) => image(m.key)), `### Ending ${ending.from} to ${ending.to}`);
    out.push(
      ending.commitments.length
        ? table(["Commitment", "Ends", "Monthly usage back at on-demand", "Monthly bill rise"], ending.commitments.map((c) => [mdText(c.label), c.end, formatUsdCents(c.monthlyOnDemandEquivalent), formatUsdCents(c.monthlyCostIncreaseAtExpiry)]))
        : "_No commitment ends within 90 days after the period._",
    );
  }
  for (const section of doc.authorSections) out.push(`## ${mdText(section.title)}`, section.body ? mdText(section.body) : `_${mdText(section.prompt)}_`);
  out.push("## Where the numbers come from", [...doc.metrics, ...commitmentMetrics(commitments)].map((m) => `- ${mdText(m.label)}: \`${m.source}\``).join("\n"));
  return { markdown: `${out.join("\n\n")}\n`, charts };
}
