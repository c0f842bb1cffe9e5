// Which usage a commitment can cover, read off a line's service and usage type, shared by the
// demo's Cost Explorer answers and Tallyboard's own analysis of imported line items. Pure.
// Compute Savings Plans cover EC2 instances, Fargate and Lambda; reservations (and EC2 Instance
// Savings Plans) cover one instance type or family in one region.

export const EC2_COMPUTE = "Amazon Elastic Compute Cloud - Compute";
export const RDS = "Amazon Relational Database Service";
export const REDSHIFT = "Amazon Redshift";

/** Record types of usage a commitment already covers, and of its fees. */
export const COVERED_RECORD_TYPES = ["DiscountedUsage", "SavingsPlanCoveredUsage"] as const;
export const RESERVATION_FEE_RECORD_TYPES = ["RIFee", "Recurring reservation fee"] as const;
export const SAVINGS_PLAN_FEE_RECORD_TYPES = ["SavingsPlanRecurringFee", "SavingsPlanUpfrontFee"] as const;

/** "USE1-BoxUsage:m6i.xlarge" -> "m6i.xlarge"; "InstanceUsage:db.r6g.large" -> "db.r6g.large". */
export function instanceTypeOf(usageType: string): string | null {
  const match = /(?:BoxUsage|InstanceUsage|HeavyUsage|Multi-AZUsage|Node)[^:]*:(.+)$/.exec(usageType);
  return match ? match[1]! : null;
}

/** "m6i.xlarge" -> "m6i"; "db.r6g.large" -> "r6g". */
export function instanceFamilyOf(instanceType: string): string {
  const parts = instanceType.split(".");
  return parts[0] === "db" || parts[0] === "cache" ? (parts[1] ?? instanceType) : parts[0]!;
}

/** Services a Compute Savings Plan applies to: all their usage when the usage type is unknown (Cost Explorer lines). */
export const COMPUTE_SP_SERVICES = [EC2_COMPUTE, "Amazon Elastic Container Service", "AWS Lambda"];

export function isComputeSavingsPlanEligible(service: string, usageType: string): boolean {
  if (usageType === "") return COMPUTE_SP_SERVICES.includes(service);
  if (service === EC2_COMPUTE) return usageType.includes("BoxUsage");
  return usageType.includes("Fargate") || (service === "AWS Lambda" && usageType.includes("Lambda-GB-Second"));
}

/** Usage a reservation can cover: EC2, RDS and Redshift instance (node) hours. */
export function isReservable(service: string, usageType: string): boolean {
  return (service === EC2_COMPUTE || service === RDS || service === REDSHIFT) && instanceTypeOf(usageType) !== null && !usageType.includes("HeavyUsage");
}

/** The type of a Savings Plan from its fee line's usage type: "ComputeSP:1yrNoUpfront" -> compute-sp, 1 year, NO_UPFRONT. */
export function savingsPlanTerms(usageType: string): { type: "compute-sp" | "ec2-instance-sp" | "other-sp"; termYears: number | null; paymentOption: string | null } {
  const type = /^ComputeSP/i.test(usageType) ? "compute-sp" : /^EC2InstanceSP|InstanceSP/i.test(usageType) ? "ec2-instance-sp" : "other-sp";
  const term = /(\d)\s*yr/i.exec(usageType);
  const payment = /(NoUpfront|PartialUpfront|AllUpfront)/i.exec(usageType)?.[1]?.toLowerCase();
  const paymentOption = payment === "noupfront" ? "NO_UPFRONT" : payment === "partialupfront" ? "PARTIAL_UPFRONT" : payment === "allupfront" ? "ALL_UPFRONT" : null;
  return { type, termYears: term ? Number(term[1]) : null, paymentOption };
}
