// Words for the nudge rules, statuses and dismiss reasons, shared by the inbox and the team card.
export const ruleLabels: Record<string, string> = {
  "forecast-over-budget": "Over budget",
  "accelerating-spend": "Accelerating",
  anomaly: "Anomaly",
  "untagged-spend": "Untagged spend",
  "idle-resources": "Idle resources",
  "low-coverage": "Low SP/RI coverage",
  "commitment-expiry": "Commitment expiring",
  "cluster-idle-share": "Cluster idle",
  "unowned-namespace": "Namespace without owner",
  "underused-workload": "Underused workload",
};

export const viewLabels = { active: "Active", open: "Open", acknowledged: "Acknowledged", snoozed: "Snoozed", dismissed: "Dismissed", resolved: "Resolved" } as const;

export const dismissReasons = [
  { value: "expected", label: "Expected" },
  { value: "seasonal", label: "Seasonal" },
  { value: "migration", label: "Migration" },
  { value: "other", label: "Other" },
] as const;

export const snoozePeriods = [
  { value: "week", label: "a week" },
  { value: "month", label: "a month" },
  { value: "quarter", label: "a quarter" },
] as const;
