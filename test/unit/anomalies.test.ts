// Anomaly detection on crafted series: a seasonal (same-weekday) baseline, both thresholds, zero baselines.
import { describe, expect, it } from "vitest";
import { addDays } from "../../db/calendar";
import { detectAnomalies, judgeDay, rankCauses, type DailySeries } from "../../jobs/nudges/anomalies";

const START = "2026-06-01"; // a Monday
/** 10 weeks of a daily amount from a function of (day index, weekday 0 = Monday). */
function series(amount: (index: number, weekday: number) => number, days = 70, service: string | null = null): DailySeries {
  const amounts = new Map<string, string>();
  for (let i = 0; i < days; i++) amounts.set(addDays(START, i), amount(i, i % 7).toFixed(2));
  return { teamId: "t", service, amounts };
}
const day = (index: number) => addDays(START, index);
const lastWeek = { from: day(63), to: day(69), firstDay: START };

describe("detectAnomalies: flagged only past both the ratio (50%) and the dollars ($100/day)", () => {
  it.each([
    { name: "steady spend: nothing", s: series(() => 500), flagged: [] as number[] },
    { name: "weekly seasonality: a Monday peak 3x the week is not an anomaly", s: series((_, wd) => (wd === 0 ? 1500 : 500)), flagged: [] },
    { name: "a single spike (+$400, 80%) on one Wednesday", s: series((i) => (i === 65 ? 900 : 500)), flagged: [65] },
    { name: "a spike on a Monday peak day is judged against Mondays", s: series((i, wd) => (i === 63 ? 3000 : wd === 0 ? 1500 : 500)), flagged: [63] },
    { name: "a step change (+100%) is flagged from its first day", s: series((i) => (i >= 66 ? 1000 : 500)), flagged: [66, 67, 68, 69] },
    { name: "a big ratio under the dollar threshold is quiet (+$50 on $20)", s: series((i) => (i === 65 ? 70 : 20)), flagged: [] },
    { name: "big dollars under the ratio threshold are quiet (+$400 on $2,000)", s: series((i) => (i === 65 ? 2400 : 2000)), flagged: [] },
    { name: "zero baseline: no ratio, the dollars decide (+$150 flagged)", s: series((i) => (i === 65 ? 150 : 0)), flagged: [65] },
    { name: "zero baseline: +$60 is under the dollars, quiet", s: series((i) => (i === 65 ? 60 : 0)), flagged: [] },
  ])("$name", ({ s, flagged }) => {
    const found = detectAnomalies([s], lastWeek);
    expect(found.map((a) => a.day)).toEqual(flagged.map(day));
  });

  it("a step change becomes the new normal once the same-weekday median has absorbed it", () => {
    const step = series((i) => (i >= 35 ? 1000 : 500)); // step at day 35, five weeks before the last week
    expect(detectAnomalies([step], lastWeek)).toEqual([]);
    expect(judgeDay(step, day(35), START)).not.toBeNull();
  });

  it("reports the baseline, excess and ratio, and no ratio on a zero baseline", () => {
    const spike = judgeDay(series((i) => (i === 65 ? 900 : 500)), day(65), START)!;
    expect(spike).toMatchObject({ actual: "900.00", baseline: "500.00", excess: "400.00", ratio: "0.8" });
    expect(spike.baselineDays).toHaveLength(8);
    expect(spike.baselineDays.every((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === new Date(`${day(65)}T00:00:00Z`).getUTCDay())).toBe(true);
    expect(judgeDay(series((i) => (i === 65 ? 150 : 0)), day(65), START)!.ratio).toBeNull();
  });

  it("gives no verdict with fewer than 4 weeks of history", () => {
    const young = series((i) => (i === 20 ? 5000 : 100), 21);
    expect(judgeDay(young, day(20), START)).toBeNull();
  });
});

describe("rankCauses", () => {
  it("ranks the keys that grew against their own same-weekday median", () => {
    const rows = [
      ...["2026-07-01", "2026-07-08", "2026-07-15"].flatMap((d) => [
        { key: "Athena:DataScanned", day: d, amount: "100" },
        { key: "S3:Requests", day: d, amount: "50" },
      ]),
      { key: "Athena:DataScanned", day: "2026-07-22", amount: "700" },
      { key: "S3:Requests", day: "2026-07-22", amount: "40" },
      { key: "Glue:DPU", day: "2026-07-22", amount: "30" },
    ];
    expect(rankCauses(rows, "2026-07-22", ["2026-07-01", "2026-07-08", "2026-07-15"])).toEqual([
      { key: "Athena:DataScanned", actual: "700.00", baseline: "100.00", excess: "600.00" },
      { key: "Glue:DPU", actual: "30.00", baseline: "0.00", excess: "30.00" },
    ]);
  });
});
