// Daily cost stacked by series (services or accounts), as the API's filled daily breakdown gives it.
// No legend inside: the card lists the series with their colours and totals.
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DailyBreakdown } from "../api/use-team-detail";
import { formatUsdCompact } from "../format/money";
import { formatDay, formatShortDay } from "../format/dates";
import { ChartTooltip } from "./chart-tooltip";
import { AXIS_COLOR, GRID_COLOR, seriesColor } from "./palette";

type Day = DailyBreakdown["days"][number];

export function DailyStackedChart({ breakdown, testId, ariaLabel, height = 300, onSelectDay }: { breakdown: DailyBreakdown; testId: string; ariaLabel: string; height?: number; onSelectDay?: (day: string) => void }) {
  const series = breakdown.series.map((s, index) => ({ ...s, dataKey: `s${index}`, color: seriesColor(s.key, index) }));
  // Display only: recharts stacks numbers; series get positional keys because names may contain dots.
  const rows = breakdown.days.map((day) => ({
    day: day.day,
    source: day,
    ...Object.fromEntries(series.map((s) => [s.dataKey, Number(day.values[s.key] ?? "0")])),
  }));
  return (
    <figure className={`chart ${onSelectDay ? "chart-clickable" : ""}`} data-testid={testId} aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 800, height }}>
        <AreaChart
          data={rows}
          margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
          onClick={onSelectDay ? (state) => (typeof state.activeLabel === "string" ? onSelectDay(state.activeLabel) : undefined) : undefined}
        >
          <CartesianGrid vertical={false} stroke={GRID_COLOR} />
          <XAxis dataKey="day" tickFormatter={formatShortDay} minTickGap={32} tick={{ fill: AXIS_COLOR, fontSize: 12 }} tickLine={false} axisLine={{ stroke: GRID_COLOR }} />
          <YAxis tickFormatter={formatUsdCompact} tick={{ fill: AXIS_COLOR, fontSize: 12 }} tickLine={false} axisLine={false} width={64} />
          <Tooltip
            content={({ active, payload }) => {
              const day = payload?.[0]?.payload?.source as Day | undefined;
              if (!active || !day) return null;
              const lines = series
                .map((s) => ({ label: s.label, color: s.color, amount: day.values[s.key] ?? "0" }))
                .filter((line) => !/^-?0*(\.0*)?$/.test(line.amount));
              return <ChartTooltip title={formatDay(day.day)} lines={lines} total={day.total} />;
            }}
          />
          {series.map((s) => (
            <Area key={s.dataKey} type="linear" dataKey={s.dataKey} name={s.label} stackId="daily" stroke={s.color} fill={s.color} fillOpacity={0.75} strokeWidth={1} />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
}
