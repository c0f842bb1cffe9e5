// The scopes a business review can cover, from the team list: the company, each org, group and team.
interface TeamUnit {
  id: string;
  name: string;
  groupId: string | null;
  groupName: string | null;
  orgId: string | null;
  orgName: string | null;
}

export function scopeOptions(teams: readonly TeamUnit[]): { value: string; label: string }[] {
  const orgs = new Map<string, string>();
  const groups = new Map<string, string>();
  for (const t of teams) {
    if (t.orgId) orgs.set(t.orgId, t.orgName ?? t.orgId);
    if (t.groupId) groups.set(t.groupId, t.groupName ?? t.groupId);
  }
  const sorted = (m: Map<string, string>, kind: string) => [...m].sort((a, b) => a[1].localeCompare(b[1])).map(([id, name]) => ({ value: `${kind}:${id}`, label: `${kind === "org" ? "Org" : "Group"}: ${name}` }));
  return [
    { value: "company", label: "Company" },
    ...sorted(orgs, "org"),
    ...sorted(groups, "group"),
    ...teams.filter((t) => t.id !== "unattributed").map((t) => ({ value: `team:${t.id}`, label: `Team: ${t.name}` })).sort((a, b) => a.label.localeCompare(b.label)),
  ];
}
