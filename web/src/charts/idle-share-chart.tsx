// A cluster's idle share per period (a line; gaps where the cluster had no cost) against its goal.
// Draws only: the shares and the goal come from the API.
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ClusterSummary } from "../api/use-clusters";
import { formatShare, formatUsd } from "../format/money";
import { formatShortDay } from "../format/dates";
import { AXIS_COLOR, GRID_COLOR, SERIES_COLORS, UNATTRIBUTED_COLOR } from "./palette";

type Period = ClusterSummary["periods"][number];
const percentTick = (value: number) => `${Math.round(value * 100)}%`;
const periodLabel = (period: string) => (period.length === 10 ? formatShortDay(period) : period);

export function IdleShareChart({ cluster, height = 160 }: { cluster: ClusterSummary; height?: number }) {
  // Display only: numbers for recharts to place the points; the tooltip shows the API's exact strings.
  const rows = cluster.periods.map((period) => ({ period: period.period, share: period.idleShare === null ? null : Number(period.idleShare), source: period }));
  const goal = Number(cluster.idleGoal);
  const top = Math.min(1, Math.ceil(Math.max(goal, ...rows.map((row) => row.share ?? 0)) * 10 + 1) / 10);
  return (
    <figure className="chart" data-testid={`idle-share-chart-${cluster.cluster}`} aria-label={`Idle share of ${cluster.cluster} by period, goal ${formatShare(cluster.idleGoal)}`}>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 800, height }}>
        <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid vertical={false} stroke={GRID_COLOR} />
          <XAxis dataKey="period" tickFormatter={periodLabel} minTickGap={32} tick={{ fill: AXIS_COLOR, fontSize: 12 }} tickLine={false} axisLine={{ stroke: GRID_COLOR }} />
          <YAxis domain={[0, top]} tickFormatter={percentTick} tick={{ fill: AXIS_COLOR, fontSize: 12 }} tickLine={false} axisLine={false} width={48} />
          <ReferenceLine y={goal} stroke={UNATTRIBUTED_COLOR} strokeDasharray="4 3" label={{ value: `goal ${formatShare(cluster.idleGoal)}`, position: "insideTopRight", fill: AXIS_COLOR, fontSize: 11 }} />
          <Tooltip
            content={({ active, payload }) => {
              const period = payload?.[0]?.payload?.source as Period | undefined;
              if (!active || !period) return null;
              return (
                <div className="chart-tooltip">
                  <div className="chart-tooltip-title">{period.period}</div>
                  <div>Idle {formatUsd(period.idle)} of {formatUsd(period.total)}: {formatShare(period.idleShare)}</div>
                </div>
              );
            }}
          />
          <Line type="monotone" dataKey="share" name="Idle share" stroke={SERIES_COLORS[0]} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
