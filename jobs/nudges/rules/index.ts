// The nudge rules, each small and pure over the inputs loaded once per run.
import type { Rule } from "../finding";
import { anomalyRule } from "./anomaly";
import { acceleratingSpendRule } from "./accelerating-spend";
import { forecastOverBudgetRule } from "./forecast-over-budget";
import { untaggedSpendRule } from "./untagged-spend";
import { idleResourcesRule } from "./idle-resources";
import { lowCoverageRule } from "./low-coverage";
import { commitmentExpiryRule } from "./commitment-expiry";
import { clusterIdleShareRule } from "./cluster-idle-share";
import { unownedNamespaceRule } from "./unowned-namespace";
import { underusedWorkloadRule } from "./underused-workload";

export const RULES: Rule[] = [forecastOverBudgetRule, acceleratingSpendRule, anomalyRule, untaggedSpendRule, idleResourcesRule, lowCoverageRule, commitmentExpiryRule, clusterIdleShareRule, unownedNamespaceRule, underusedWorkloadRule];
