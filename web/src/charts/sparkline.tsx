// A metric's trend at a glance: a small line with its goal as a dashed reference, no axes.
import { Line, LineChart, ReferenceLine, ResponsiveContainer, YAxis } from "recharts";

export function Sparkline({ points, goal, testId }: { points: { period: string; value: string | null }[]; goal: string | null; testId?: string }) {
  // Display only: the decimal strings become numbers for drawing here and nowhere else.
  const rows = points.map((p) => ({ period: p.period, value: p.value === null ? null : Number(p.value) }));
  const values = rows.flatMap((r) => (r.value === null ? [] : [r.value]));
  const goalValue = goal === null ? null : Number(goal);
  const all = goalValue === null ? values : [...values, goalValue];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const pad = (max - min) * 0.15 || Math.abs(max) * 0.1 || 1;
  return (
    <figure className="chart sparkline" data-testid={testId} aria-label="Trend">
      <ResponsiveContainer width="100%" height={56} initialDimension={{ width: 240, height: 56 }}>
        <LineChart data={rows} margin={{ top: 4, right: 4, bottom: 4, left: 4 }}>
          <YAxis hide domain={[min - pad, max + pad]} />
          {goalValue !== null ? <ReferenceLine y={goalValue} stroke="#94a3b8" strokeDasharray="4 3" /> : null}
          <Line type="monotone" dataKey="value" stroke="#4f46e5" strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
