// A donut of how a total splits into a few parts (e.g. which rule decided the owner).
import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from "recharts";
import { ChartTooltip } from "./chart-tooltip";

export interface DonutSlice {
  key: string;
  label: string;
  amount: string;
  color: string;
}

export function ShareDonutChart({ slices, testId, ariaLabel, size = 200 }: { slices: DonutSlice[]; testId: string; ariaLabel: string; size?: number }) {
  // Display only: recharts sizes slices from numbers; negative parts (credits) cannot be drawn as a slice.
  const rows = slices.map((slice) => ({ ...slice, value: Math.max(0, Number(slice.amount)) }));
  return (
    <figure className="chart chart-donut" data-testid={testId} aria-label={ariaLabel} style={{ width: size }}>
      <ResponsiveContainer width={size} height={size}>
        <PieChart>
          <Pie data={rows} dataKey="value" nameKey="label" innerRadius={size * 0.3} outerRadius={size * 0.46} paddingAngle={rows.length > 1 ? 1 : 0} stroke={rows.length > 1 ? "#fff" : "none"}>
            {rows.map((row) => (
              <Cell key={row.key} fill={row.color} />
            ))}
          </Pie>
          <Tooltip
            content={({ active, payload }) => {
              const slice = payload?.[0]?.payload as DonutSlice | undefined;
              if (!active || !slice) return null;
              return <ChartTooltip title={slice.label} lines={[{ label: "Spend", color: slice.color, amount: slice.amount }]} />;
            }}
          />
        </PieChart>
      </ResponsiveContainer>
    </figure>
  );
}
