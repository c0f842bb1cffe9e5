// Horizontal bars, largest first: who spends most. Clicking a bar selects its item.
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatUsdCompact } from "../format/money";
import { ChartTooltip } from "./chart-tooltip";
import { AXIS_COLOR, GRID_COLOR, SERIES_COLORS } from "./palette";

export interface RankedItem {
  id: string;
  label: string;
  amount: string;
}

export function RankedBarChart({ items, testId, ariaLabel, onSelect, color = SERIES_COLORS[0] }: { items: RankedItem[]; testId: string; ariaLabel: string; onSelect?: (id: string) => void; color?: string }) {
  // Display only: numbers for recharts to size the bars; labels and tooltips use the exact strings.
  const rows = items.map((item) => ({ ...item, value: Number(item.amount), valueLabel: formatUsdCompact(item.amount) }));
  const height = rows.length * 34 + 36;
  return (
    <figure className="chart" data-testid={testId} aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 500, height }}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 56, bottom: 4, left: 8 }}>
          <CartesianGrid horizontal={false} stroke={GRID_COLOR} />
          <XAxis type="number" tickFormatter={formatUsdCompact} tick={{ fill: AXIS_COLOR, fontSize: 12 }} tickLine={false} axisLine={false} />
          <YAxis type="category" dataKey="label" width={170} tick={{ fill: "#334155", fontSize: 13 }} tickLine={false} axisLine={false} />
          <Tooltip
            cursor={{ fill: "rgba(79, 70, 229, 0.06)" }}
            content={({ active, payload }) => {
              const item = payload?.[0]?.payload as (RankedItem & { value: number }) | undefined;
              if (!active || !item) return null;
              return <ChartTooltip title={item.label} lines={[{ label: "Spend", color, amount: item.amount }]} />;
            }}
          />
          <Bar
            dataKey="value"
            fill={color}
            radius={[0, 4, 4, 0]}
            barSize={20}
            cursor={onSelect ? "pointer" : undefined}
            onClick={(entry) => {
              const id = (entry as { payload?: RankedItem }).payload?.id;
              if (onSelect && id) onSelect(id);
            }}
          >
            <LabelList dataKey="valueLabel" position="right" fill="#334155" fontSize={12} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
