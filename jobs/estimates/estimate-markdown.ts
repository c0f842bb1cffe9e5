// The estimate as a Markdown section to paste into a tech spec: the number, its range, what it rests
// on (each comparable month) and the queries that reproduce it.
import type { CostEstimate, EstimateInput } from "../../db/domain/estimate-model";
import { formatUsd, formatUsdCents } from "../reviews/render/format";
import { mdText } from "../reviews/render/markdown";

export function estimateMarkdown(input: EstimateInput, estimate: Omit<CostEstimate, "markdown">, measure: string): string {
  const ops = new Intl.NumberFormat("en-US").format(input.operationsPerMonth as unknown as number);
  const out = [`## Cost estimate: ${mdText(input.title)}`];
  if (estimate.monthlyCost === null) {
    out.push(`_No estimate: none of the comparables has a month with enough operations to give a unit cost._`);
  } else {
    out.push(`**Estimated monthly cost: ${formatUsd(estimate.monthlyCost)}** (range ${formatUsd(estimate.low!)} to ${formatUsd(estimate.high!)}) for ${ops} ${mdText(input.operationName)} a month.`);
    const n = estimate.unitCost.n.toLocaleString("en-US");
    out.push(
      `Unit cost per ${n} operations: median ${formatUsdCents(estimate.unitCost.median!)}, lowest ${formatUsdCents(estimate.unitCost.low!)}, highest ${formatUsdCents(estimate.unitCost.high!)}, ` +
        `from Tallyboard's attributed ${measure} costs ${estimate.basedOn ? `${estimate.basedOn.from} to ${estimate.basedOn.to}` : ""}.`,
    );
  }
  out.push(`Services: ${input.services.length ? input.services.map(mdText).join(", ") : "as the comparables use them"}. Comparables: ${input.comparables.map((c) => `${c.kind} ${mdText(c.id)}`).join(", ")}.`);
  if (estimate.samples.length) {
    out.push(
      [`| Comparable | Month | Cost | Operations | Cost per ${estimate.unitCost.n.toLocaleString("en-US")} |`, "| --- | --- | --- | --- | --- |", ...estimate.samples.map((s) => `| ${mdText(s.comparable)} | ${s.month} | ${formatUsdCents(s.cost)} | ${s.operations} | ${s.unitCost === null ? "n/a (too few operations)" : formatUsdCents(s.unitCost)} |`)].join("\n"),
    );
  }
  if (estimate.queries.length) out.push("Queries behind it:", estimate.queries.map((q) => `- \`${q}\``).join("\n"));
  if (input.teamId) out.push(`_After launch${input.launchMonth ? ` (${input.launchMonth})` : ""}, Tallyboard compares this estimate with the attributed cost of team ${mdText(input.teamId)}._`);
  return `${out.join("\n\n")}\n`;
}
