// Coverage and utilization of reservations and Savings Plans per month (lines, 0-100%).
// Draws only: the percentages come from the API as Cost Explorer reported them.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CommitmentsOverview } from "../api/use-commitments";
import { AXIS_COLOR, GRID_COLOR, SERIES_COLORS } from "./palette";

const SERIES = [
  { key: "savingsPlanCoverage", label: "SP coverage", color: SERIES_COLORS[0], dash: undefined },
  { key: "reservationCoverage", label: "RI coverage", color: SERIES_COLORS[1], dash: undefined },
  { key: "savingsPlanUtilization", label: "SP utilization", color: SERIES_COLORS[0], dash: "4 3" },
  { key: "reservationUtilization", label: "RI utilization", color: SERIES_COLORS[1], dash: "4 3" },
] as const;

export function CommitmentTrendChart({ trend }: { trend: CommitmentsOverview["trend"] }) {
  // Display only: numbers for recharts to place the points.
  const rows = trend.map((t) => ({ month: t.month, ...Object.fromEntries(SERIES.map((s) => [s.key, t[s.key] === null ? null : Number(t[s.key])])) }));
  return (
    <figure className="chart" data-testid="commitment-trend-chart" aria-label="Coverage and utilization per month">
      <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 600, height: 220 }}>
        <LineChart data={rows} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke={GRID_COLOR} />
          <XAxis dataKey="month" tick={{ fill: AXIS_COLOR, fontSize: 11 }} tickLine={false} axisLine={false} />
          <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fill: AXIS_COLOR, fontSize: 11 }} tickLine={false} axisLine={false} width={40} />
          <Tooltip formatter={(value) => (value === null || value === undefined ? "—" : `${String(value)}%`)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {SERIES.map((s) => (
            <Line key={s.key} dataKey={s.key} name={s.label} stroke={s.color} strokeDasharray={s.dash} dot={false} strokeWidth={2} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
