// Leaderboard scoring on crafted teams: improvement against each team's own baseline, never dollars;
// deleting a service or shedding spend to another team earns nothing; zero baselines never give NaN.
import { describe, expect, it } from "vitest";
import { rankTeams, scoreTeam, type TeamInputs } from "../../jobs/leaderboards/score";
import { footprintCost } from "../../jobs/leaderboards/footprint";

/** Baseline: 3 months (92 days) at $300/day for 9,200,000 ops; current: 30 days. */
function team(id: string, current: { cost: string; ops?: string | null; footprint?: string }, extra: Partial<TeamInputs> = {}): TeamInputs {
  return {
    teamId: id,
    name: id,
    current: { cost: current.cost, days: 30, operations: current.ops === undefined ? "3000000" : current.ops },
    baseline: { cost: "27600", days: 92, operations: current.ops === null ? null : "9200000" },
    footprintCost: current.footprint ?? current.cost,
    budget: null,
    tags: null,
    nudges: null,
    ...extra,
  };
}

describe("components", () => {
  it.each([
    ["flat: same cost per op, same growth", team("flat", { cost: "9000" }), "0", "0.5"],
    ["10% cheaper per op", team("cheaper", { cost: "8100" }), "0.1", "0.75"],
    ["20% dearer per op (clamped at 0)", team("dearer", { cost: "10800" }), "-0.2", "0"],
  ])("unit cost: %s", (_label, inputs, value, score) => {
    expect(scoreTeam(inputs).components.unitCost).toEqual({ value, score });
  });

  it("budget adherence is |actual - budget| / budget either way; 20% off or more scores 0", () => {
    const under = scoreTeam(team("a", { cost: "9000", ops: null }, { budget: { actual: "9000", budget: "10000" } }));
    expect(under.components.budgetAdherence).toEqual({ value: "0.1", score: "0.5" });
    const over = scoreTeam(team("b", { cost: "9000", ops: null }, { budget: { actual: "13000", budget: "10000" } }));
    expect(over.components.budgetAdherence).toEqual({ value: "0.3", score: "0" });
  });

  it("tag hygiene and nudges resolved are shares; a missing component counts as neutral (0.5) at its full weight", () => {
    const s = scoreTeam(team("t", { cost: "0", ops: null }, { tags: { tagged: "75", claimable: "100" }, nudges: { resolved: 1, total: 4 } }));
    expect(s.components).toEqual({ tagHygiene: { value: "0.75", score: "0.75" }, nudgesResolved: { value: "0.25", score: "0.25" } });
    // 0.75 x 0.15 + 0.25 x 0.10 + 0.5 x (0.35 + 0.20 + 0.20) = 0.5125
    expect(s.score).toBe("51.25");
  });
});

describe("missing components are neutral, not re-weighted", () => {
  const perfect = { budget: { actual: "9000", budget: "9000" }, tags: { tagged: "100", claimable: "100" }, nudges: { resolved: 1, total: 1 } };
  it.each([
    // 0.5 x (0.35 + 0.20) + 1 x (0.20 + 0.15 + 0.10)
    ["no operations data, perfect budget, tags and nudges", "72.5", team("no-ops", { cost: "9000", ops: null }, perfect)],
    // 0.75 x 0.35 + 0.75 x 0.20 + 0.45
    ["10% cheaper per op, perfect budget, tags and nudges", "86.25", team("cheaper", { cost: "8100" }, perfect)],
    ["flat unit cost, perfect budget, tags and nudges", "72.5", team("flat", { cost: "9000" }, perfect)],
  ])("%s scores %s", (_label, score, inputs) => {
    expect(scoreTeam(inputs).score).toBe(score);
  });

  it("a team whose unit cost fell ranks above teams without operations data; no data ties with no change", () => {
    const ranked = rankTeams([team("no-ops", { cost: "9000", ops: null }, perfect), team("cheaper", { cost: "8100" }, perfect), team("flat", { cost: "9000" }, perfect)]);
    expect(ranked.map((t) => [t.teamId, t.rank])).toEqual([["cheaper", 1], ["flat", 2], ["no-ops", 2]]);
  });
});

describe("zero baselines and missing inputs", () => {
  it.each([
    ["no baseline cost", { ...team("z", { cost: "500" }), baseline: { cost: "0", days: 92, operations: "9200000" } }],
    ["no baseline operations", { ...team("z", { cost: "500" }), baseline: { cost: "27600", days: 92, operations: "0" } }],
    ["no current operations", team("z", { cost: "500", ops: "0" })],
    ["zero budget", team("z", { cost: "500", ops: null }, { budget: { actual: "500", budget: "0" } })],
    ["nothing claimable, no nudges", team("z", { cost: "500", ops: null }, { tags: { tagged: "0", claimable: "0" }, nudges: { resolved: 0, total: 0 } })],
  ])("%s: the component is absent, never NaN or Infinity", (_label, inputs) => {
    const s = scoreTeam(inputs);
    expect(s.components.unitCost).toBeUndefined();
    expect(JSON.stringify(s)).not.toMatch(/NaN|Infinity/);
  });

  it("a team with no component at all is unscored and ranked last without a rank", () => {
    const ranked = rankTeams([team("empty", { cost: "0", ops: null }), team("flat", { cost: "9000" })]);
    expect(ranked.map((t) => [t.teamId, t.rank, t.score])).toEqual([["flat", 1, "50"], ["empty", null, null]]);
  });
});

describe("deleting a service must not win", () => {
  const honest = team("honest-rightsizing", { cost: "7200" }); // 20% cheaper, same volume, the cells' spend fell
  const deleted = team("deleted-service", { cost: "6300", ops: "2100000" }); // spend -30%, volume -30%
  const shed = team("shed-to-unattributed", { cost: "6300", footprint: "9000" }); // spend -30% on paper, moved elsewhere
  const flat = team("flat", { cost: "9000" });

  it("a drop in spend with a matching drop in volume scores exactly like no change", () => {
    expect(scoreTeam(deleted).score).toBe(scoreTeam(flat).score);
    expect(scoreTeam(deleted).components.unitCost?.score).toBe("0.5");
    expect(scoreTeam(deleted).components.growthGap?.value).toBe("0");
  });

  it("spend that moved to another team or went unattributed earns nothing", () => {
    expect(scoreTeam(shed).components.unitCost).toEqual({ value: "0", score: "0.5" });
    expect(scoreTeam(shed).score).toBe(scoreTeam(flat).score);
  });

  it("only the real unit-cost improvement ranks first; a larger absolute dollar drop does not", () => {
    const ranked = rankTeams([deleted, shed, flat, honest]);
    expect(ranked[0]!.teamId).toBe("honest-rightsizing");
    expect(ranked.slice(1).map((t) => t.rank)).toEqual([2, 2, 2]);
  });

});

describe("footprint: what the team owns plus what it shed, never another team's growth", () => {
  const same = { current: 30, baseline: 30 };
  const cell = (teamId: string, service: string, baseline: string, current: string) => ({ teamId, accountId: "1", service, baseline, current });
  it.each([
    ["a cell the team left to unattributed keeps its spend (0.9 x 1000 was the old answer too)", [cell("a", "EC2", "900", "0"), cell("unattributed", "EC2", "100", "1000"), cell("a", "S3", "50", "25")], same, "925"],
    ["another team's growth in a shared cell is not the team's", [cell("a", "EC2", "900", "900"), cell("b", "EC2", "100", "9100")], same, "900"],
    ["another team joins the cell: the whole cell's growth stays with it", [cell("a", "EC2", "920", "300"), cell("b", "EC2", "0", "5000")], { current: 30, baseline: 92 }, "300"],
    ["a real cut with no rise elsewhere counts in full", [cell("a", "EC2", "900", "720"), cell("unattributed", "EC2", "100", "100")], same, "720"],
    ["a cut while another team grew: only up to the cut is held", [cell("a", "EC2", "900", "720"), cell("b", "EC2", "900", "5900")], same, "900"],
    ["shed half to another team at per-day rates (92-day baseline, 30 days now)", [cell("a", "EC2", "920", "150"), cell("b", "EC2", "0", "150")], { current: 30, baseline: 92 }, "300"],
  ])("%s", (_label, cells, days, expected) => {
    expect(footprintCost("a", cells, days).toString()).toBe(expected);
  });
});
