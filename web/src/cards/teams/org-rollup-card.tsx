// Spend rolled up through the org tree: org -> group -> team, for month to date, last month or 90 days.
import { useState } from "react";
import { useOrgRollup } from "../../api/use-org-rollup";
import { useLastCompleteBillingDay } from "../../api/use-job-runs";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { Link } from "../../routing/link";
import { paths } from "../../routing/routes";
import { useMeasure } from "../../routing/measure";
import { addDays, formatDay } from "../../format/dates";
import { formatShare, formatUsd, formatUsdChange } from "../../format/money";
import { buildOrgTree, type OrgNode } from "./org-tree";
import { UNATTRIBUTED_TEAM_ID } from "./unattributed";
import type { DashboardDefaults } from "../../../../api/dashboard-defaults";

const PERIODS = [
  { key: "mtd", label: "Month to date" },
  { key: "last-month", label: "Last month" },
  { key: "90d", label: "Last 90 days" },
] as const;
type PeriodKey = (typeof PERIODS)[number]["key"];
const DEFAULT_PERIOD: PeriodKey & DashboardDefaults["orgRollupPeriod"] = "mtd"; // typed by the API's literal (warmed view)

function periodOf(key: PeriodKey, lastDay: string): { from: string; to: string } {
  const monthStart = `${lastDay.slice(0, 7)}-01`;
  if (key === "mtd") return { from: monthStart, to: lastDay };
  if (key === "90d") return { from: addDays(lastDay, -89), to: lastDay };
  const lastMonthEnd = addDays(monthStart, -1);
  return { from: `${lastMonthEnd.slice(0, 7)}-01`, to: lastMonthEnd };
}

export function OrgRollupCard() {
  const [measure] = useMeasure();
  const [periodKey, setPeriodKey] = useState<PeriodKey>(DEFAULT_PERIOD);
  const lastDay = useLastCompleteBillingDay();
  const period = lastDay.data ? periodOf(periodKey, lastDay.data) : {};
  const rollup = useOrgRollup({ measure, ...period }, { enabled: !lastDay.isPending });
  // Orgs start open and groups closed; a click flips a unit from its default.
  const [flipped, setFlipped] = useState<ReadonlySet<string>>(new Set());
  const isOpen = (node: OrgNode) => (node.unit.kind === "org") !== flipped.has(node.unit.id);
  const toggle = (id: string) => setFlipped((current) => {
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  return (
    <Card
      title="Org roll-up"
      note={
        rollup.data
          ? `${formatDay(rollup.data.period.from)} – ${formatDay(rollup.data.period.to)}. Each org and group is the sum of its teams, through the org tree as it stood each day.`
          : "Each org and group is the sum of its teams, through the org tree as it stood each day."
      }
      actions={
        <div className="card-tools">
          <button type="button" className="button button-small" onClick={() => setFlipped(new Set(rollup.data?.units.filter((u) => u.kind === "group").map((u) => u.id)))}>Expand all</button>
          <div className="segmented" role="group" aria-label="Roll-up period">
          {PERIODS.map((p) => (
            <button key={p.key} type="button" className={p.key === periodKey ? "active" : ""} aria-pressed={p.key === periodKey} onClick={() => setPeriodKey(p.key)}>
              {p.label}
            </button>
          ))}
          </div>
        </div>
      }
      testId="org-rollup-card"
    >
      <QueryState query={rollup} height={200} isEmpty={(data) => data.units.length === 0} empty="No spend in this period.">
        {(data) => {
          const { roots, total } = buildOrgTree(data.units);
          const rows: { node: OrgNode; depth: number }[] = [];
          const walk = (nodes: OrgNode[], depth: number) => {
            for (const node of nodes) {
              rows.push({ node, depth });
              if (isOpen(node)) walk(node.children, depth + 1);
            }
          };
          walk(roots, 0);
          return (
            <table className={`table table-compact org-tree ${rollup.isPlaceholderData ? "stale" : ""}`} data-testid="org-rollup-table">
              <thead>
                <tr>
                  <th>Org › group › team</th>
                  <th className="num">Spend</th>
                  <th className="num">Share</th>
                  <th className="share-col" aria-label="Share of total" />
                </tr>
              </thead>
              <tbody>
                {rows.map(({ node, depth }) => (
                  <OrgRow key={node.unit.id} node={node} depth={depth} total={total} collapsed={!isOpen(node)} onToggle={() => toggle(node.unit.id)} />
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td>All spend</td>
                  <td className="num" data-field="total">{formatUsd(total)}</td>
                  <td />
                  <td />
                </tr>
              </tfoot>
            </table>
          );
        }}
      </QueryState>
    </Card>
  );
}

function OrgRow({ node, depth, total, collapsed, onToggle }: { node: OrgNode; depth: number; total: string; collapsed: boolean; onToggle: () => void }) {
  const { unit } = node;
  const share = Number(total) > 0 ? String(Number(unit.amount) / Number(total)) : null;
  const unattributed = unit.id === UNATTRIBUTED_TEAM_ID;
  return (
    <tr className={`org-row org-${unit.kind} ${unattributed ? "row-unattributed" : ""}`} data-unit-id={unit.id} data-kind={unit.kind}>
      <td>
        <span className="org-name" style={{ paddingLeft: depth * 22 }}>
          {node.children.length > 0 ? (
            <button type="button" className="tree-toggle" onClick={onToggle} aria-expanded={!collapsed} aria-label={collapsed ? `Expand ${unit.name}` : `Collapse ${unit.name}`}>
              {collapsed ? "▸" : "▾"}
            </button>
          ) : (
            <span className="tree-toggle-spacer" />
          )}
          {unit.kind === "team" ? <Link to={paths.team(unit.id)} className="team-link">{unit.name}</Link> : <span>{unit.name}</span>}
          {unit.kind !== "team" ? <span className="kind-tag">{unit.kind}</span> : null}
          {unattributed ? <span className="badge badge-warning">no owner</span> : null}
        </span>
        {node.movedAway ? (
          <div className="muted small" style={{ paddingLeft: depth * 22 + 22 }} title="Spend of teams that sat here earlier in the period, before a reorg">
            incl. {formatUsdChange(node.movedAway)} from teams that moved
          </div>
        ) : null}
      </td>
      <td className="num" data-field="amount">{formatUsd(unit.amount)}</td>
      <td className="num secondary">{formatShare(share)}</td>
      <td className="share-col">
        <div className={`inline-bar inline-bar-${unit.kind}`} aria-hidden="true">
          <span style={{ width: `${Math.max(0, Math.min(100, Number(share ?? 0) * 100)).toFixed(1)}%` }} />
        </div>
      </td>
    </tr>
  );
}
