// Revenue and infrastructure cost per month on one logarithmic axis, so both slopes are visible,
// with a marker where either line's quarterly growth changed (an inflection).
import { CartesianGrid, Legend, Line, LineChart, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { RevenueView } from "../api/use-efficiency";
import { formatUsdCompact } from "../format/money";
import { formatMonth, formatMonthShort } from "../format/dates";
import { ChartTooltip } from "./chart-tooltip";
import { AXIS_COLOR, GRID_COLOR } from "./palette";

export const REVENUE_COLOR = "#14b8a6";
export const COST_COLOR = "#4f46e5";

type Inflection = RevenueView["inflections"]["cost"][number];

export function RevenueCostLogChart({ view, height = 300 }: { view: RevenueView; height?: number }) {
  // Display only: decimal strings become numbers for drawing; a log axis cannot draw zero, so it is left out.
  const positive = (amount: string | null) => (amount === null || Number(amount) <= 0 ? null : Number(amount));
  const rows = view.months.map((m) => ({ label: formatMonthShort(m.month), revenue: positive(m.revenue), cost: positive(m.infraCost), source: m }));
  const values = rows.flatMap((r) => [r.revenue, r.cost]).filter((v): v is number => v !== null);
  const domain: [number, number] = values.length ? [Math.min(...values) * 0.8, Math.max(...values) * 1.25] : [1, 10];
  const ticks = logTicks(domain);
  const marker = (line: "revenue" | "cost", inflection: Inflection) => {
    const row = rows.find((r) => r.source.month === inflection.month);
    const y = row?.[line];
    if (!row || y == null) return null;
    const color = line === "revenue" ? REVENUE_COLOR : COST_COLOR;
    return (
      <ReferenceDot
        key={`${line}-${inflection.month}`}
        x={row.label}
        y={y}
        r={7}
        fill="#fff"
        stroke={color}
        strokeWidth={3}
        label={{ value: `${line} ${inflection.direction}`, position: line === "cost" ? "bottom" : "top", fill: color, fontSize: 11, fontWeight: 600 }}
      />
    );
  };
  return (
    <figure className="chart" data-testid="revenue-cost-chart" aria-label="Revenue and infrastructure cost, logarithmic axis">
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 800, height }}>
        <LineChart data={rows} margin={{ top: 24, right: 28, bottom: 8, left: 8 }}>
          <CartesianGrid vertical={false} stroke={GRID_COLOR} />
          <XAxis dataKey="label" interval={0} tick={{ fill: AXIS_COLOR, fontSize: 12 }} tickLine={false} axisLine={{ stroke: GRID_COLOR }} />
          <YAxis scale="log" domain={domain} ticks={ticks} allowDataOverflow tickFormatter={formatUsdCompact} tick={{ fill: AXIS_COLOR, fontSize: 12 }} tickLine={false} axisLine={false} width={64} />
          <Tooltip
            content={({ active, payload }) => {
              const m = payload?.[0]?.payload?.source as RevenueView["months"][number] | undefined;
              if (!active || !m) return null;
              return <ChartTooltip title={`${formatMonth(m.month)}${m.share ? ` · ${(Number(m.share) * 100).toFixed(1)}% of revenue` : ""}`} lines={[...(m.revenue ? [{ label: "Revenue", color: REVENUE_COLOR, amount: m.revenue }] : []), { label: "Infrastructure", color: COST_COLOR, amount: m.infraCost }]} />;
            }}
          />
          <Legend verticalAlign="top" align="right" height={28} iconType="circle" />
          <Line type="monotone" dataKey="revenue" name="Revenue" stroke={REVENUE_COLOR} strokeWidth={2.5} dot={{ r: 2.5 }} isAnimationActive={false} />
          <Line type="monotone" dataKey="cost" name="Infrastructure cost" stroke={COST_COLOR} strokeWidth={2.5} dot={{ r: 2.5 }} isAnimationActive={false} />
          {view.inflections.revenue.map((i) => marker("revenue", i))}
          {view.inflections.cost.map((i) => marker("cost", i))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** 1-2-5 steps per decade inside the domain, so a log axis reads like a ruler. */
function logTicks([low, high]: [number, number]): number[] {
  const ticks: number[] = [];
  for (let decade = 10 ** Math.floor(Math.log10(low)); decade <= high; decade *= 10) {
    for (const step of [1, 2, 5]) if (decade * step >= low && decade * step <= high) ticks.push(decade * step);
  }
  return ticks;
}
