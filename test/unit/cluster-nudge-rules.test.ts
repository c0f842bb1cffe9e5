// The cluster nudge rules as pure functions, table-driven: each fires past both its share and its
// dollar threshold, and the workload rule only when a resource stayed under 30% every day of two weeks.
import { describe, expect, it } from "vitest";
import { addDays, daysBetween } from "../../db/calendar";
import { clusterIdleShareRule } from "../../jobs/nudges/rules/cluster-idle-share";
import { unownedNamespaceRule } from "../../jobs/nudges/rules/unowned-namespace";
import { underusedWorkloadRule } from "../../jobs/nudges/rules/underused-workload";
import type { ClusterNudgeInputs, NudgeInputs } from "../../jobs/nudges/finding";

const TODAY = "2026-08-16";
const FROM = addDays(TODAY, -13);
const inputs = (clusters: Partial<ClusterNudgeInputs>) => ({ today: TODAY, clusters: { from: FROM, idle: [], unownedNamespaces: [], podUsage: [], ...clusters } }) as unknown as NudgeInputs;

describe("cluster-idle-share", () => {
  // Over two weeks; monthly = two weeks' amount / 14 x 30; at stake: the idle beyond the goal's share.
  it.each([
    { total: "1400", idle: "420", idleGoal: null, owner: "platform", expected: [["platform", "150.00"]] }, // 30% > 25%: 70 over
    { total: "1400", idle: "300", idleGoal: null, owner: "platform", expected: [] }, // 21.4% under the default 25%
    { total: "1400", idle: "300", idleGoal: "0.2", owner: null, expected: [["unattributed", "42.86"]] }, // over a goal of 20% by 20; no owner
    { total: "100", idle: "30", idleGoal: null, owner: "platform", expected: [["platform", "10.71"]] }, // $64.29/month idle: past $50
    { total: "60", idle: "20", idleGoal: null, owner: "platform", expected: [] }, // 33%, but only $42.86/month idle
    { total: "0", idle: "0", idleGoal: null, owner: "platform", expected: [] },
  ])("total $total, idle $idle, goal $idleGoal", ({ expected, ...row }) => {
    const findings = clusterIdleShareRule(inputs({ idle: [{ cluster: "prod", ...row }] }));
    expect(findings.map((f) => [f.teamId, f.monthlyAtStake])).toEqual(expected);
  });
});

describe("unowned-namespace", () => {
  it.each([
    { amount: "10", raised: true }, // 21.43/month
    { amount: "9", raised: false }, // 19.29/month
  ])("$amount unattributed over two weeks raised: $raised", ({ amount, raised }) => {
    const findings = unownedNamespaceRule(inputs({ unownedNamespaces: [{ cluster: "jobs", namespace: "scratch", amount }] }));
    expect(findings.length).toBe(raised ? 1 : 0);
  });
});

describe("underused-workload", () => {
  const days = daysBetween(FROM, TODAY);
  const usage = (workload: string, resource: "vCPU" | "memory", reserved: string, actual: (day: string, i: number) => string, options: { days?: string[]; teamId?: string } = {}) =>
    (options.days ?? days).map((day, i) => ({
      day, pod: `${workload}-${day}`, cluster: "prod", namespace: "shop", workload, resource, reserved, actual: actual(day, i),
      splitCost: "2", unusedReservation: "1.5", teamId: options.teamId ?? "shop",
    }));
  it.each([
    // unused reservation 1.5 a day for the resource that stays under: 21 over two weeks, 45.00 a month
    { name: "10% every day", rows: usage("a", "vCPU", "2", () => "0.2"), raised: ["a", "vCPU"] },
    { name: "one day at 30%", rows: usage("b", "vCPU", "2", (_d, i) => (i === 5 ? "0.6" : "0.2")), raised: null },
    { name: "started a day late", rows: usage("c", "vCPU", "2", () => "0.2", { days: days.slice(1) }), raised: null },
    { name: "stopped before today", rows: usage("d", "vCPU", "2", () => "0.2", { days: days.slice(0, -1) }), raised: null },
    { name: "memory under, vCPU fine", rows: [...usage("e", "vCPU", "2", () => "1.8"), ...usage("e", "memory", "8", () => "1")], raised: ["e", "memory"] },
  ])("$name", ({ rows, raised }) => {
    const findings = underusedWorkloadRule(inputs({ podUsage: rows }));
    if (raised === null) return expect(findings).toEqual([]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ subject: `workload prod/shop/${raised[0]}`, teamId: "shop", evidence: { underResources: raised[1] }, monthlyAtStake: "45.00" });
  });
});
