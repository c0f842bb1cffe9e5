// The commitment inventory and its expirations calendar: when each ends, and the spend that then
// goes back to on-demand prices.
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { useCommitments, type CommitmentsOverview } from "../../api/use-commitments";
import { formatShare, formatUsd, formatUsdChange } from "../../format/money";
import { DataTable, num } from "../../components/data-table";

function Calendar({ data }: { data: CommitmentsOverview }) {
  const months = [...new Set(data.expirations.map((e) => e.month))];
  if (months.length === 0) return <p className="muted">No active commitment ends in the next two years (or none has a known end date).</p>;
  return (
    <ol className="expiry-calendar" data-testid="expirations-calendar">
      {months.map((month) => (
        <li key={month} className="expiry-month">
          <h3>{month}</h3>
          <ul>
            {data.expirations
              .filter((e) => e.month === month)
              .map((e) => (
                <li key={e.commitmentId} className={e.daysLeft <= 60 ? "expiry-item expiry-soon" : "expiry-item"} data-testid="expiration">
                  <strong>{e.label}</strong> ends {e.end} (in {e.daysLeft} days): {formatUsd(e.monthlyOnDemandEquivalent)}/month of usage back to on-demand,{" "}
                  <span data-field="cost-change">{formatUsdChange(e.monthlyCostIncreaseAtExpiry)}/month</span> on the bill.
                </li>
              ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

export function ExpirationsCard() {
  const query = useCommitments();
  return (
    <Card title="Inventory and expirations" note="From the bill's fee lines; lease dates from Cost Explorer where the lines carry none. Amounts per month." testId="expirations-card">
      <QueryState query={query} isEmpty={(d) => d.inventory.length === 0} empty="No reservation or Savings Plan fee on the bill.">
        {(data) => (
          <>
            <Calendar data={data} />
            <DataTable columns={["Commitment", "Term", "Start", "End", num("Commitment / month"), num("Unused / month"), num("Utilization"), num("On-demand value / month")]} testId="inventory-table" scroll>
              {data.inventory.map((c) => (
                <tr key={c.id} data-commitment-id={c.id}>
                  <td title={c.id}>{c.label}</td>
                  <td>{c.termYears ? `${c.termYears} yr` : "—"} {c.paymentOption ? <span className="muted">{c.paymentOption.replaceAll("_", " ").toLowerCase()}</span> : null}</td>
                  <td>{c.startKnown ? c.start : `≤ ${c.start}`}</td>
                  <td>{c.end ?? "—"}</td>
                  <td className="num">{formatUsd(c.monthlyCommitment)}</td>
                  <td className="num">{formatUsd(c.monthlyUnused)}</td>
                  <td className="num">{formatShare(c.utilization)}</td>
                  <td className="num">{formatUsd(c.monthlyOnDemandEquivalent)}</td>
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </QueryState>
    </Card>
  );
}
