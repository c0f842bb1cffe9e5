// The inventory from CUR-style fee lines (usage types and resource ids present): a Savings Plan per
// ARN with its term from the usage type, a reservation per (account, region, usage type) with its
// instance count from the hours bought; from Cost Explorer-style lines (no usage type), the leases
// Cost Explorer lists one by one. Worked examples; the expirations calendar follows from the ends.
import { describe, expect, it } from "vitest";
import { buildInventory, expirations, type Subscription } from "../../jobs/commitments/inventory";
import type { FeeDay } from "../../db/queries/commitment-lines";
import { addDays } from "../../db/calendar";
import Decimal from "decimal.js";

const spArn = "arn:aws:savingsplans::111111111111:savingsplan/7c0fd3d0";
const spDay = (day: string, unblended: string, amortized: string): FeeDay => ({
  accountId: "111111111111", region: "", service: "Savings Plans for AWS Compute usage", usageType: "ComputeSP:3yrPartialUpfront",
  recordType: "SavingsPlanRecurringFee", resourceId: spArn, day, unblended, amortized, quantity: "24",
});
const riMonth = (day: string, unblended: string, amortized: string, hours: string): FeeDay => ({
  accountId: "222222222222", region: "eu-west-1", service: "Amazon Elastic Compute Cloud - Compute", usageType: "EU-HeavyUsage:c6i.large",
  recordType: "RIFee", resourceId: "", day, unblended, amortized, quantity: hours,
});
// 30 days of a $10/h plan started 2026-03-02, $24 of it unused each day; an RI of 10 c6i.large bought for March.
const fees = [...Array.from({ length: 30 }, (_, i) => spDay(addDays("2026-03-02", i), "240", "24")), riMonth("2026-03-01", "520.80", "52.08", "7440")];
// Its March usage: 6,696 of the 7,440 hours (90%) at $0.07/h effective (upfront share + recurring fee).
const covered = (effective: string, hours: string) => [{ month: "2026-03", region: "eu-west-1", usageType: "EU-BoxUsage:c6i.large", effective, hours }];
const inventory = buildInventory(fees, { dataStart: "2026-03-01", dataEnd: "2026-03-31", reservedUsage: covered("468.72", "6696") });

describe("buildInventory from CUR fee lines", () => {
  it("a Compute Savings Plan, 3 years partial upfront, $10/h, 90% used: ends 2029-03-02", () => {
    const plan = inventory.find((c) => c.id === spArn)!;
    expect(plan).toMatchObject({ kind: "savings-plan", type: "compute-sp", termYears: 3, paymentOption: "PARTIAL_UPFRONT", hourlyCommitment: "10", start: "2026-03-02", startKnown: true, end: "2029-03-02", endSource: "term" });
    expect(plan.monthlyCommitment).toBe("7305.00"); // $240/day x 30.4375
    expect(plan.monthlyUnused).toBe("730.50");
    expect(plan.utilization).toBe("0.9");
    // $216/day used at the 3-year partial-upfront rate 0.49: $440.82/day on demand.
    expect(plan.monthlyOnDemandEquivalent).toBe("13417.35");
  });

  it("a reservation of 7,440 hours in March is 10 instances; its lease end is unknown without Cost Explorer", () => {
    const ri = inventory.find((c) => c.kind === "reservation")!;
    expect(ri).toMatchObject({ instanceType: "c6i.large", instances: "10", region: "eu-west-1", start: "2026-03-01", startKnown: false, end: null, utilization: "0.9" });
  });

  // The same 10 x c6i.large for March, $520.80 of commitment ($0.07/h), 90% used, paid three ways:
  // the RIFee line bills only the recurring fee; its amortized is the unused part ($52.08) either way.
  it.each([
    ["no upfront: the fee is the whole commitment", "520.80", "NO_UPFRONT", "730.50"],
    ["partial upfront: half is amortized upfront, not on the fee line", "260.40", "PARTIAL_UPFRONT", "767.03"],
    ["all upfront: the fee line bills nothing", "0", "ALL_UPFRONT", "780.03"],
  ])("a reservation, %s: commitment = used effective cost + unused, never zero nor a negative on-demand value", (_label, recurring, paymentOption, onDemand) => {
    const [ri] = buildInventory([riMonth("2026-03-01", recurring, "52.08", "7440")], { dataStart: "2026-03-01", dataEnd: "2026-03-31", reservedUsage: covered("468.72", "6696") });
    // $520.80 and $52.08 for 31 days x 30.4375; on demand = $468.72 used / the planning rate of its payment option.
    expect(ri).toMatchObject({ paymentOption, utilization: "0.9", monthlyCommitment: "511.35", monthlyUnused: "51.14", monthlyOnDemandEquivalent: onDemand });
    expect(ri!.monthlyCostIncreaseAtExpiry).toBe(new Decimal(onDemand).minus("511.35").toFixed(2));
  });

  it("two reservations of one type and month share its covered usage by the hours each bought", () => {
    const other = { ...riMonth("2026-03-01", "0", "0", "2232"), accountId: "444444444444" }; // 3 instances, all used
    const list = buildInventory([riMonth("2026-03-01", "520.80", "52.08", "7440"), other], { dataStart: "2026-03-01", dataEnd: "2026-03-31", reservedUsage: covered("624.96", "8928") });
    // 8,928 h used of 9,672 bought: each is credited 92.3% of its hours and $624.96 split 7,440 : 2,232
    // ($480.74 + $52.08 unused; $144.22), per month of 30.4375 days.
    expect(list.map((c) => [c.accountId, c.utilization, c.monthlyCommitment])).toEqual([["222222222222", "0.9231", "523.15"], ["444444444444", "0.9231", "141.60"]]);
  });

  it("the calendar lists what ends within its horizon, soonest first", () => {
    expect(expirations(inventory, "2026-04-01", 1100).map((e) => [e.end, e.daysLeft])).toEqual([["2029-03-02", 1066]]);
    expect(expirations(inventory, "2026-04-01")).toEqual([]); // two years by default
  });
});

describe("buildInventory from Cost Explorer lines", () => {
  const ceFee = (recordType: string, unblended: string): FeeDay => ({ accountId: "333333333333", region: "", service: "x", usageType: "", recordType, resourceId: "", day: "2026-03-01", unblended, amortized: "0", quantity: "0" });
  const lease = (id: string, instanceType: string, end: string): Subscription => ({
    subscriptionId: id,
    attributes: { accountId: "333333333333", region: "us-east-1", instanceType, numberOfInstances: "2", startDateTime: "2025-06-01T00:00:00.000Z", endDateTime: `${end}T00:00:00.000Z`, subscriptionType: "All Upfront" },
    onDemandEquivalent: "300", used: "1440", purchased: "1440", unused: "0", amortizedFee: "186", days: 30,
  });
  it("one account's fee becomes one entry per reservation Cost Explorer lists, with its own lease dates", () => {
    const list = buildInventory([ceFee("Recurring reservation fee", "372")], { dataStart: "2026-01-01", dataEnd: "2026-03-31", subscriptions: [lease("1", "m6i.large", "2026-06-01"), lease("2", "r6i.large", "2028-06-01")] });
    expect(list.map((c) => [c.id, c.instanceType, c.end, c.termYears, c.monthlyCommitment, c.monthlyCostIncreaseAtExpiry])).toEqual([
      ["1", "m6i.large", "2026-06-01", 1, "188.71", "115.66"], // $186 / 30 days x 30.4375; ($300 - $186) / 30 x 30.4375
      ["2", "r6i.large", "2028-06-01", 3, "188.71", "115.66"],
    ]);
  });
});
