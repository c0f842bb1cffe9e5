// Last 30/90/180/365 days, or a custom from/to range.
import { useEffect, useState } from "react";
import { PRESET_DAYS, type PeriodChoice } from "../routing/period";

export function PeriodPicker({ choice, onChange, resolved }: { choice: PeriodChoice; onChange: (next: PeriodChoice) => void; resolved: { from?: string; to?: string } }) {
  const [from, setFrom] = useState(resolved.from ?? "");
  const [to, setTo] = useState(resolved.to ?? "");
  useEffect(() => {
    setFrom(resolved.from ?? "");
    setTo(resolved.to ?? "");
  }, [resolved.from, resolved.to]);
  const valid = from !== "" && to !== "" && from <= to;
  return (
    <div className="period-picker" role="group" aria-label="Period">
      <div className="segmented">
        {PRESET_DAYS.map((days) => (
          <button
            key={days}
            type="button"
            className={choice.kind === "preset" && choice.days === days ? "active" : ""}
            aria-pressed={choice.kind === "preset" && choice.days === days}
            onClick={() => onChange({ kind: "preset", days })}
          >
            {days} days
          </button>
        ))}
      </div>
      <form
        className="range"
        onSubmit={(event) => {
          event.preventDefault();
          if (valid) onChange({ kind: "range", from, to });
        }}
      >
        <label>
          From <input type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} aria-label="From" />
        </label>
        <label>
          To <input type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} aria-label="To" />
        </label>
        <button type="submit" className={`button ${choice.kind === "range" ? "active" : ""}`} disabled={!valid}>
          Apply
        </button>
      </form>
    </div>
  );
}
