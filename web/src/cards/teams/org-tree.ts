// Org -> group -> team rows from the API's flat roll-up. Each unit's amount is the API's (its teams'
// spend under the tree valid each day); children hang where the tree stands on the period's last day,
// so after a reorg a parent's amount and its current children's sum differ by the moved spend.
import Decimal from "decimal.js";
import type { OrgUnit } from "../../api/use-org-rollup";
import { compareDecimal } from "../../format/compare-decimal";

export interface OrgNode {
  unit: OrgUnit;
  children: OrgNode[];
  /** The parent's amount minus its children's: spend of teams that sat here earlier in the period. Absent when zero or a leaf. */
  movedAway: string | null;
}

export function buildOrgTree(units: readonly OrgUnit[]): { roots: OrgNode[]; total: string } {
  const nodes = new Map(units.map((unit) => [unit.id, { unit, children: [] as OrgNode[], movedAway: null as string | null }]));
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const byAmount = (a: OrgNode, b: OrgNode) => compareDecimal(b.unit.amount, a.unit.amount) || a.unit.name.localeCompare(b.unit.name);
  const order = (list: OrgNode[]) => {
    list.sort(byAmount);
    for (const node of list) {
      order(node.children);
      if (node.children.length > 0) {
        const rest = node.children.reduce((sum, child) => sum.minus(child.unit.amount), new Decimal(node.unit.amount));
        node.movedAway = rest.isZero() ? null : rest.toString();
      }
    }
  };
  order(roots);
  // Orgs first, then anything without a parent (the unattributed catch-all, a team outside the tree).
  roots.sort((a, b) => Number(a.unit.kind !== "org") - Number(b.unit.kind !== "org") || byAmount(a, b));
  const total = roots.reduce((sum, root) => sum.plus(root.unit.amount), new Decimal(0)).toString();
  return { roots, total };
}
