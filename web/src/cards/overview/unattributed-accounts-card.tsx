// What has no owner and why: unowned spend by account, next to how many of its resources carry no owner tag.
import { useOverview } from "../../api/use-overview";
import { useMeasure } from "../../routing/measure";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { formatUsd } from "../../format/money";
import { formatMonth } from "../../format/dates";
import { DataTable, num } from "../../components/data-table";

export function UnattributedAccountsCard() {
  const [measure] = useMeasure();
  const overview = useOverview({ measure });
  const month = overview.data?.lastFullMonth;
  return (
    <Card
      title="What has no owner, and why"
      note={`Spend${month ? ` in ${formatMonth(month)}` : ""} that no owner tag claims, in accounts without a default owner. Tag these resources, or give the account an owner.`}
      testId="unattributed-accounts-card"
    >
      <QueryState query={overview} isEmpty={(data) => data.lastCompleteBillingDay === null} >
        {(data) =>
          data.unattributedByAccount.length === 0 ? (
            <p className="all-good">Every dollar of the last full month has an owner.</p>
          ) : (
            <DataTable columns={["Account", num("Unattributed"), { label: "Untagged resources", className: "num", title: "Resources in this account with no owner tag" }]} testId="unattributed-accounts-table">
              {data.unattributedByAccount.map((row) => (
                <tr key={row.accountId}>
                  <td>
                    <div className="nowrap">{row.accountName}</div>
                    <div className="muted mono small">{row.accountId}</div>
                  </td>
                  <td className="num">{formatUsd(row.amount)}</td>
                  <td className="num">{row.untaggedResources.toLocaleString("en-US")}</td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </QueryState>
    </Card>
  );
}
