// A team's days this month (bars) against the same weekday four weeks earlier (line); days that
// rose most are drawn in red. Draws only: the numbers come from the API.
import { Bar, CartesianGrid, Cell, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { BudgetMovers } from "../api/use-budgets";
import { formatUsdCompact } from "../format/money";
import { formatShortDay } from "../format/dates";
import { ChartTooltip } from "./chart-tooltip";
import { AXIS_COLOR, GRID_COLOR, OTHER_COLOR, SERIES_COLORS } from "./palette";

const ROSE = "#dc2626";

export function BudgetDaysChart({ days }: { days: BudgetMovers["days"] }) {
  // Display only: numbers for recharts to size the bars; the tooltip uses the exact strings.
  const rises = days.map((d) => Number(d.changeUsd)).filter((n) => n > 0).sort((a, b) => b - a);
  const cutoff = rises[Math.min(2, rises.length - 1)] ?? Infinity;
  const rows = days.map((d) => ({ ...d, label: formatShortDay(d.day), value: Number(d.amount), before: Number(d.previous), hot: Number(d.changeUsd) >= cutoff && Number(d.changeUsd) > 0 }));
  return (
    <figure className="chart" data-testid="budget-days-chart" aria-label="Daily spend this month against four weeks earlier">
      <ResponsiveContainer width="100%" height={170} initialDimension={{ width: 360, height: 170 }}>
        <ComposedChart data={rows} margin={{ top: 6, right: 6, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke={GRID_COLOR} />
          <XAxis dataKey="label" tick={{ fill: AXIS_COLOR, fontSize: 11 }} tickLine={false} axisLine={false} interval="preserveStartEnd" minTickGap={16} />
          <YAxis tickFormatter={formatUsdCompact} tick={{ fill: AXIS_COLOR, fontSize: 11 }} tickLine={false} axisLine={false} width={52} />
          <Tooltip
            content={({ active, payload }) => {
              const d = payload?.[0]?.payload as (typeof rows)[number] | undefined;
              if (!active || !d) return null;
              return <ChartTooltip title={formatShortDay(d.day)} lines={[{ label: "This day", color: SERIES_COLORS[0], amount: d.amount }, { label: `${formatShortDay(d.comparedWith)} (4 weeks earlier)`, color: OTHER_COLOR, amount: d.previous }]} />;
            }}
          />
          <Bar dataKey="value" barSize={9} radius={[3, 3, 0, 0]}>
            {rows.map((r) => (
              <Cell key={r.day} fill={r.hot ? ROSE : SERIES_COLORS[0]} />
            ))}
          </Bar>
          <Line dataKey="before" stroke={OTHER_COLOR} strokeDasharray="4 3" dot={false} strokeWidth={1.5} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
