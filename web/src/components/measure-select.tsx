import { MEASURES, useMeasure } from "../routing/measure";

export function MeasureSelect() {
  const [measure, setMeasure] = useMeasure();
  return (
    <label className="measure-select" title={MEASURES.find((m) => m.value === measure)?.hint}>
      <span>Cost measure</span>
      <select value={measure} onChange={(e) => setMeasure(e.target.value as typeof measure)} data-testid="measure-select">
        {MEASURES.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}
          </option>
        ))}
      </select>
    </label>
  );
}
