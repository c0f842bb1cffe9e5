// The expiry nudge: from 60 days before a commitment ends, each team whose usage it covered hears
// its own part of the monthly rise, when that part is at least $100; a lapse that saves money is quiet.
import { describe, expect, it } from "vitest";
import { commitmentExpiryRule } from "../../jobs/nudges/rules/commitment-expiry";
import type { CommitmentExpiryRow, NudgeInputs } from "../../jobs/nudges/finding";

const row = (overrides: Partial<CommitmentExpiryRow>): CommitmentExpiryRow => ({
  commitmentId: "arn:aws:savingsplans::210987654321:savingsplan/abc",
  label: "Compute Savings Plan $28/h",
  end: "2027-01-01",
  daysLeft: 41,
  teamId: "checkout",
  teamShare: "0.25",
  monthlyCostIncrease: "1988.58",
  monthlyOnDemandEquivalent: "7102.08",
  ...overrides,
});
const inputs = (rows: CommitmentExpiryRow[]) => ({ commitmentExpiries: rows }) as unknown as NudgeInputs;

describe("commitmentExpiryRule", () => {
  it.each([
    { name: "41 days left, $1,989/month more", rows: [row({})], fires: ["checkout"] },
    { name: "exactly 60 days left", rows: [row({ daysLeft: 60 })], fires: ["checkout"] },
    { name: "61 days left: not yet", rows: [row({ daysLeft: 61 })], fires: [] },
    { name: "ended yesterday", rows: [row({ daysLeft: -1 })], fires: [] },
    { name: "$99.99/month more: too small", rows: [row({ monthlyCostIncrease: "99.99" })], fires: [] },
    { name: "a lapse that saves money", rows: [row({ monthlyCostIncrease: "-400.00" })], fires: [] },
    { name: "two teams, one big enough", rows: [row({}), row({ teamId: "search", monthlyCostIncrease: "50" })], fires: ["checkout"] },
  ])("$name", ({ rows, fires }) => {
    expect(commitmentExpiryRule(inputs(rows)).map((f) => f.teamId)).toEqual(fires);
  });

  it("names the commitment, the end date, the team's dollars and what to do", () => {
    const [finding] = commitmentExpiryRule(inputs([row({})]));
    expect(finding).toMatchObject({ rule: "commitment-expiry", subject: "commitment arn:aws:savingsplans::210987654321:savingsplan/abc", monthlyAtStake: "1988.58" });
    expect(finding!.title).toBe("Compute Savings Plan $28/h ends on 2027-01-01 (in 41 days): $7,102/month of your usage goes back to on-demand, $1,989/month more");
    expect(finding!.action).toMatch(/renew or replace it before 2027-01-01/);
  });
});
