// The views the cache warms (api/default-views.ts) are the ones the pages ask for: the same
// period as the pages resolve it, the same measure and overview months (the literals themselves
// are tied by the typecheck: see api/dashboard-defaults.ts).
import { describe, expect, it } from "vitest";
import { defaultPeriods, defaultViewPaths } from "../../api/default-views";
import { DEFAULT_DAYS, resolvePeriod } from "../../web/src/routing/period";
import { DEFAULT_MEASURE } from "../../web/src/routing/measure";

describe("default views", () => {
  it("resolve the preset period as the Team and Ownership pages do", () => {
    for (const lastDay of ["2026-11-20", "2024-03-01", "2025-01-31"])
      expect(defaultPeriods(lastDay).preset).toEqual(resolvePeriod({ kind: "preset", days: DEFAULT_DAYS }, lastDay));
    expect(defaultPeriods("2026-11-20").orgRollup).toEqual({ from: "2026-11-01", to: "2026-11-20" });
  });

  it("ask with the pages' measure, and without a period before the first sync", () => {
    const views = defaultViewPaths(null, ["team-a"]);
    expect(views[0]).toBe(`/api/overview?measure=${DEFAULT_MEASURE}&months=14`);
    expect(views).toContain(`/api/ownership/summary?measure=${DEFAULT_MEASURE}`);
    expect(views.at(-1)).toBe(`/api/teams/team-a?measure=${DEFAULT_MEASURE}`);
    expect(defaultViewPaths("2026-11-20", ["a b"]).at(-1)).toBe(`/api/teams/a%20b?measure=${DEFAULT_MEASURE}&from=2026-08-23&to=2026-11-20`);
  });
});
