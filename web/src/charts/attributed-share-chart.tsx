// The share of each day's spend that has an owner, as the API's filled daily series gives it.
import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import Decimal from "decimal.js";
import type { OwnershipSummary } from "../api/use-ownership-summary";
import { formatShare, formatUsd } from "../format/money";
import { formatDay, formatShortDay } from "../format/dates";
import { ATTRIBUTED_COLOR, AXIS_COLOR, GRID_COLOR, UNATTRIBUTED_COLOR } from "./palette";

type Day = OwnershipSummary["byDay"][number];

const percentTick = (value: number) => `${Math.round(value * 100)}%`;

export function AttributedShareChart({ days, height = 240 }: { days: Day[]; height?: number }) {
  // Display only: the share is drawn as a number; the tooltip shows the API's exact amounts.
  const rows = days.map((day) => {
    const total = new Decimal(day.total);
    return { day: day.day, share: total.isZero() ? null : new Decimal(day.attributed).div(total).toNumber(), source: day };
  });
  const shares = rows.flatMap((row) => (row.share === null ? [] : [row.share]));
  // Start the axis a little under the worst day, so a dip of a few points is visible.
  const floor = shares.length ? Math.max(0, Math.floor((Math.min(...shares) - 0.05) * 20) / 20) : 0;
  return (
    <figure className="chart" data-testid="attributed-share-chart" aria-label="Share of spend with an owner, by day">
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 800, height }}>
        <AreaChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <defs>
            <linearGradient id="share-fill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor={ATTRIBUTED_COLOR} stopOpacity={0.35} />
              <stop offset="100%" stopColor={ATTRIBUTED_COLOR} stopOpacity={0.04} />
            </linearGradient>
          </defs>
          <CartesianGrid vertical={false} stroke={GRID_COLOR} />
          <XAxis dataKey="day" tickFormatter={formatShortDay} minTickGap={32} tick={{ fill: AXIS_COLOR, fontSize: 12 }} tickLine={false} axisLine={{ stroke: GRID_COLOR }} />
          <YAxis domain={[floor, 1]} tickFormatter={percentTick} tick={{ fill: AXIS_COLOR, fontSize: 12 }} tickLine={false} axisLine={false} width={48} />
          <ReferenceLine y={1} stroke={GRID_COLOR} />
          <Tooltip
            content={({ active, payload }) => {
              const day = payload?.[0]?.payload?.source as Day | undefined;
              if (!active || !day) return null;
              const total = new Decimal(day.total);
              const unattributed = total.minus(day.attributed).toString();
              return (
                <div className="chart-tooltip">
                  <div className="chart-tooltip-title">{formatDay(day.day)}</div>
                  <table>
                    <tbody>
                      <tr>
                        <td><span className="swatch" style={{ background: ATTRIBUTED_COLOR }} />With an owner</td>
                        <td className="num">{formatUsd(day.attributed)}</td>
                      </tr>
                      <tr>
                        <td><span className="swatch" style={{ background: UNATTRIBUTED_COLOR }} />No owner</td>
                        <td className="num">{formatUsd(unattributed)}</td>
                      </tr>
                      <tr className="chart-tooltip-total">
                        <td>Share with an owner</td>
                        <td className="num">{formatShare(total.isZero() ? null : new Decimal(day.attributed).div(total).toString())}</td>
                      </tr>
                    </tbody>
                  </table>
                </div>
              );
            }}
          />
          <Area type="monotone" dataKey="share" name="Share with an owner" stroke={ATTRIBUTED_COLOR} strokeWidth={2} fill="url(#share-fill)" connectNulls={false} />
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
}
