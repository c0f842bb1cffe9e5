// The period's attributed and unattributed totals from the API's daily rows (exact decimals).
import Decimal from "decimal.js";
import type { OwnershipSummary } from "../../api/use-ownership-summary";

export function periodTotals(days: OwnershipSummary["byDay"]) {
  const total = days.reduce((sum, day) => sum.plus(day.total), new Decimal(0));
  const attributed = days.reduce((sum, day) => sum.plus(day.attributed), new Decimal(0));
  return {
    total: total.toString(),
    attributed: attributed.toString(),
    unattributed: total.minus(attributed).toString(),
    // Absent, not NaN, when nothing was spent.
    share: total.isZero() ? null : attributed.div(total).toString(),
  };
}
