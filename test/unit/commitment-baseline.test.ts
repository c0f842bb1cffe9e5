// The baseline finder: on a generated series with a known steady baseline it finds that baseline,
// and the commitment it recommends never exceeds the savings maximum nor the confidence level.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import Decimal from "decimal.js";
import { baselinesByGroup, findBaseline, levelAtConfidence, savingsMaximizingLevel } from "../../jobs/commitments/baseline";

const series = (...values: number[]) => values.map((v) => new Decimal(v));

describe("levelAtConfidence and savingsMaximizingLevel", () => {
  it("1..100 at rate 0.72: the savings maximum is where 72% of periods are above it (28)", () => {
    const usage = series(...Array.from({ length: 100 }, (_, i) => i + 1));
    expect(savingsMaximizingLevel(usage, "0.72").toString()).toBe("28");
    expect(levelAtConfidence(usage, 0.9).toString()).toBe("11"); // 90 of 100 days reach 11
    expect(levelAtConfidence(usage, 0.5).toString()).toBe("51");
    const plan = findBaseline(usage, { rate: "0.72", confidence: 0.5 });
    expect(plan.recommendedLevel.toString()).toBe("28"); // the cap: more would lose money
  });

  it("seven steady days of $10 and three spikes: cover $10/day = $0.30/h at 0.72", () => {
    const plan = findBaseline(series(10, 50, 10, 10, 80, 10, 10, 100, 10, 10), { rate: "0.72", confidence: 0.9 });
    expect(plan.baseline.toString()).toBe("10");
    expect(plan.savingsMaximizingLevel.toString()).toBe("10");
    expect(plan.hourlyCommitment.toString()).toBe("0.3");
    expect(plan.outcome.netSavings.toString()).toBe("28"); // 10 days x $10 x 28%
    expect(plan.outcome.utilization?.toString()).toBe("1");
  });

  it("an empty series recommends nothing", () => {
    const plan = findBaseline([], { rate: "0.72", confidence: 0.9 });
    expect(plan.hourlyCommitment.toString()).toBe("0");
  });

  it("rejects a confidence outside (0, 1]", () => {
    expect(() => levelAtConfidence(series(1), 0)).toThrow(/confidence/);
  });
});

describe("findBaseline on generated series with a known baseline", () => {
  // A steady baseline B every day, positive spikes on some days, and dips (maintenance, a holiday)
  // on fewer days than 1 - confidence allows: the finder must return exactly B.
  const generated = fc
    .record({
      baselineCents: fc.integer({ min: 100, max: 5_000_000 }),
      days: fc.integer({ min: 20, max: 400 }),
      confidence: fc.constantFrom(0.8, 0.9, 0.95),
      seed: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 10_000_000 })), { minLength: 400, maxLength: 400 }),
      dipShare: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ baselineCents, days, confidence, seed, dipShare }) => {
      const allowedDips = Math.floor(days * (1 - confidence) + 1e-9);
      const dips = Math.floor(allowedDips * dipShare);
      const baseline = new Decimal(baselineCents).div(100);
      const usage = Array.from({ length: days }, (_, i) => {
        const [spikeDraw, cents] = seed[i]!;
        if (i < dips) return baseline.times(spikeDraw); // below the baseline
        if (i < allowedDips + 1) return baseline; // enough steady days for the rank
        return spikeDraw < 0.5 ? baseline : baseline.plus(new Decimal(cents).div(100));
      });
      const order = seed.map(([draw], i) => [draw, i] as const).slice(0, days).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      return { baseline, confidence, usage: order.map(([, i]) => usage[i]!) }; // shuffled: order must not matter
    });

  it("finds the baseline and covers it fully", () => {
    fc.assert(
      fc.property(generated, ({ baseline, confidence, usage }) => {
        const plan = findBaseline(usage, { rate: "0.72", confidence });
        expect(plan.baseline.toString()).toBe(baseline.toString());
        expect(plan.recommendedLevel.toString()).toBe(baseline.toString());
        expect(plan.outcome.utilization === null || plan.outcome.utilization.gte(confidence - 1e-9)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("never recommends more than the savings-maximizing level, and that level saves the most", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 60 }), fc.constantFrom("0.5", "0.72", "0.9"), (values, rate) => {
        const usage = series(...values);
        const plan = findBaseline(usage, { rate, confidence: 0.5 });
        expect(plan.recommendedLevel.lte(plan.savingsMaximizingLevel)).toBe(true);
        const net = (level: number) => values.reduce((a, u) => a + Math.min(u, level), 0) - Number(rate) * level * values.length;
        const best = Number(plan.savingsMaximizingLevel.toString());
        for (const other of values) expect(net(other)).toBeLessThanOrEqual(net(best) + 1e-6);
      }),
    );
  });
});

describe("baselinesByGroup", () => {
  it("counts days a group did not run as zero", () => {
    const periods = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"];
    const points = [
      ...periods.map((period) => ({ group: "m6i/us-east-1", period, onDemand: "24" })),
      { group: "c7g/eu-west-1", period: "2026-03-01", onDemand: "50" },
      { group: "c7g/eu-west-1", period: "2026-03-01", onDemand: "10" }, // same day: added
      { group: "m6i/us-east-1", period: "2026-04-01", onDemand: "999" }, // outside the periods: ignored
    ];
    const plans = baselinesByGroup(points, periods, { rate: "0.6", confidence: 0.75 });
    expect(plans.get("m6i/us-east-1")?.hourlyCommitment.toString()).toBe("0.6"); // $24/day x 0.6 / 24
    expect(plans.get("c7g/eu-west-1")?.baseline.toString()).toBe("0");
  });
});
