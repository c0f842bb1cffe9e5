import { useOverview } from "../../api/use-overview";
import { useMeasure } from "../../routing/measure";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { MonthlySpendChart } from "../../charts/monthly-spend-chart";

export function MonthlySpendCard() {
  const [measure] = useMeasure();
  const overview = useOverview({ measure });
  return (
    <Card title="Spend per month" note="Attributed to a team, and what is left without an owner. The current month is partial." testId="monthly-spend-card">
      <QueryState query={overview} height={320} isEmpty={(data) => data.lastCompleteBillingDay === null || data.months.length === 0}>
        {(data) => <MonthlySpendChart months={data.months} />}
      </QueryState>
    </Card>
  );
}
