// Who feels a commitment's end: its usage goes back to on-demand prices on the teams whose usage it
// covered. Each team's part = its share of covered usage on the commitment's services (Compute
// Savings Plans: EC2, Fargate, Lambda; a reservation: its own service) over the last 30 days.
import Decimal from "decimal.js";
import type { DbOrTx } from "../../db/client";
import { addDays } from "../../db/calendar";
import { loadCoveredByTeamService } from "../../db/queries/commitment-lines";
import type { CommitmentExpiryRow } from "../nudges/finding";
import { getInventory } from "./get-commitments";
import { COMPUTE_SP_SERVICES } from "../../db/domain/commitment-eligibility";

/** Commitments ending within this many days are loaded; the rule decides when to nudge. */
const HORIZON_DAYS = 120;

export async function loadCommitmentExpiries(db: DbOrTx, today: string): Promise<CommitmentExpiryRow[]> {
  const { expirations, inventory } = await getInventory(db);
  const soon = expirations.filter((e) => e.daysLeft <= HORIZON_DAYS);
  if (soon.length === 0) return [];
  const covered = await loadCoveredByTeamService(db, addDays(today, -29), today);
  return soon.flatMap((expiry) => {
    const commitment = inventory.find((c) => c.id === expiry.commitmentId)!;
    const services = commitment.kind === "savings-plan" ? COMPUTE_SP_SERVICES : [commitment.service];
    const byTeam = new Map<string, Decimal>();
    for (const row of covered.filter((r) => services.includes(r.service))) byTeam.set(row.teamId, (byTeam.get(row.teamId) ?? new Decimal(0)).plus(row.covered));
    const total = [...byTeam.values()].reduce((a, b) => a.plus(b), new Decimal(0));
    if (total.isZero()) return [];
    return [...byTeam.entries()].map(([teamId, amount]) => {
      const share = amount.div(total);
      return {
        commitmentId: expiry.commitmentId,
        label: expiry.label,
        end: expiry.end,
        daysLeft: expiry.daysLeft,
        teamId,
        teamShare: share.toDecimalPlaces(4).toString(),
        monthlyCostIncrease: share.times(expiry.monthlyCostIncreaseAtExpiry).toFixed(2),
        monthlyOnDemandEquivalent: share.times(expiry.monthlyOnDemandEquivalent).toFixed(2),
      };
    });
  });
}
