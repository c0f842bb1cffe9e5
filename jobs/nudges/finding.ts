// What a rule raises: a finding for one team about one subject, with its evidence, the monthly
// dollars at stake and what to do. The fingerprint (rule + team + subject) is its identity over time.
import type { BudgetRow, CoverageRow, ResourceRow, UntaggedSpendRow } from "../../db/queries/nudge-inputs";
import type { ClusterIdleRow, PodUsageRow, UnownedNamespaceRow } from "../../db/queries/cluster-nudge-inputs";
import type { Anomaly, Cause, DailySeries } from "./anomalies";

export type RuleName = "forecast-over-budget" | "accelerating-spend" | "anomaly" | "untagged-spend" | "idle-resources" | "low-coverage" | "commitment-expiry" | "cluster-idle-share" | "unowned-namespace" | "underused-workload";

export interface Finding {
  rule: RuleName;
  teamId: string;
  subject: string;
  title: string;
  evidence: Record<string, unknown>;
  /** Decimal string, dollars per month. */
  monthlyAtStake: string;
  action: string;
}

export const fingerprintOf = (finding: Pick<Finding, "rule" | "teamId" | "subject">) => `${finding.rule}|${finding.teamId}|${finding.subject}`;

export interface AnomalyCauses {
  accounts: Cause[];
  usageTypes: Cause[];
  resources: Cause[];
}

/** A commitment ending soon, and the part of its usage (at on-demand prices) that is this team's. */
export interface CommitmentExpiryRow {
  commitmentId: string;
  label: string;
  end: string;
  daysLeft: number;
  teamId: string;
  /** The team's share of the covered usage on the commitment's services over the last 30 days. */
  teamShare: string;
  /** The team's part of the bill's monthly rise when the usage returns to on-demand (negative: the commitment was costing more than it saved). */
  monthlyCostIncrease: string;
  monthlyOnDemandEquivalent: string;
}

/** Shared clusters over the last two weeks (NUDGE_THRESHOLDS.clusters.lookbackDays), through `today`. */
export interface ClusterNudgeInputs {
  from: string;
  idle: ClusterIdleRow[];
  unownedNamespaces: UnownedNamespaceRow[];
  /** Each pod's usage per day and resource, with the team attribution gave the pod (its split cost). */
  podUsage: Array<PodUsageRow & { teamId: string }>;
}

/** Everything the rules read, loaded once per run. */
export interface NudgeInputs {
  /** The last complete billing day: "today" for the data. */
  today: string;
  /** Where the loaded daily history starts. */
  firstDay: string;
  teamNames: Map<string, string>;
  accountNames: Map<string, string>;
  /** Usage spend per team per day (no monthly charges): for growth and anomalies. */
  teamDaily: DailySeries[];
  /** All amortized spend per team per day, shared costs included: what budgets are set on. */
  teamTotalDaily: DailySeries[];
  teamServiceDaily: DailySeries[];
  anomalies: Anomaly[];
  /** Keyed by `${teamId}|${service}|${day}`. */
  anomalyCauses: Map<string, AnomalyCauses>;
  /** null when there is no budgets table (the rule is skipped). */
  budgets: BudgetRow[] | null;
  untagged: UntaggedSpendRow[];
  resources: ResourceRow[];
  coverage: CoverageRow[];
  /** Commitment price / on-demand price: turns covered usage's effective cost into its on-demand value. */
  coveredUsageRate: string;
  commitmentExpiries: CommitmentExpiryRow[];
  clusters: ClusterNudgeInputs;
}

export type Rule = (inputs: NudgeInputs) => Finding[];
