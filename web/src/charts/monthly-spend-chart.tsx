// Spend per month, attributed stacked under unattributed, every month labelled with its total.
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Overview } from "../api/use-overview";
import { formatUsd, formatUsdCompact } from "../format/money";
import { formatMonth, formatMonthShort } from "../format/dates";
import { ChartTooltip } from "./chart-tooltip";
import { ATTRIBUTED_COLOR, AXIS_COLOR, GRID_COLOR, UNATTRIBUTED_COLOR } from "./palette";

type MonthSpend = Overview["months"][number];

export function MonthlySpendChart({ months, height = 320 }: { months: MonthSpend[]; height?: number }) {
  // Display only: recharts draws numbers, so the decimal strings become numbers here and nowhere else.
  const rows = months.map((m) => ({
    month: formatMonthShort(m.month),
    attributed: Number(m.attributed),
    unattributed: Number(m.unattributed),
    totalLabel: formatUsdCompact(m.total),
    source: m,
  }));
  return (
    <figure className="chart" data-testid="monthly-spend-chart" aria-label="Monthly spend, attributed and unattributed">
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 800, height }}>
        <BarChart data={rows} margin={{ top: 24, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid vertical={false} stroke={GRID_COLOR} />
          <XAxis dataKey="month" interval={0} tick={{ fill: AXIS_COLOR, fontSize: 12 }} tickLine={false} axisLine={{ stroke: GRID_COLOR }} />
          <YAxis tickFormatter={formatUsdCompact} tick={{ fill: AXIS_COLOR, fontSize: 12 }} tickLine={false} axisLine={false} width={64} />
          <Tooltip
            cursor={{ fill: "rgba(79, 70, 229, 0.06)" }}
            content={({ active, payload }) => {
              const m = payload?.[0]?.payload?.source as MonthSpend | undefined;
              if (!active || !m) return null;
              return (
                <ChartTooltip
                  title={formatMonth(m.month)}
                  lines={[
                    { label: "Attributed", color: ATTRIBUTED_COLOR, amount: m.attributed },
                    { label: "Unattributed", color: UNATTRIBUTED_COLOR, amount: m.unattributed },
                  ]}
                  total={m.total}
                />
              );
            }}
          />
          <Legend verticalAlign="top" align="right" height={32} iconType="circle" />
          <Bar dataKey="attributed" name="Attributed" stackId="spend" fill={ATTRIBUTED_COLOR} maxBarSize={48} />
          <Bar dataKey="unattributed" name="Unattributed" stackId="spend" fill={UNATTRIBUTED_COLOR} radius={[4, 4, 0, 0]} maxBarSize={48}>
            <LabelList dataKey="totalLabel" position="top" fill="#334155" fontSize={11} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <table className="sr-only" data-testid="monthly-spend-values">
        <caption>Spend per month</caption>
        <thead>
          <tr>
            <th>Month</th>
            <th>Attributed</th>
            <th>Unattributed</th>
            <th>Total</th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month} data-month={m.month}>
              <th>{m.month}</th>
              <td data-field="attributed">{formatUsd(m.attributed)}</td>
              <td data-field="unattributed">{formatUsd(m.unattributed)}</td>
              <td data-field="total">{formatUsd(m.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
