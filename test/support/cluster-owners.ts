// One org of three teams (payments, search, platform) and a `kubernetes:` section, applied as the
// ownership file from 2024-09-01: the OpenCost tests' owners.
import type { DbOrTx } from "../../db/client";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { parseOwnership } from "../../jobs/ownership/ownership-file";

export async function applyClusterOwners(db: DbOrTx, kubernetes: string): Promise<void> {
  const yaml = `orgs:
  - id: acme
    name: Acme
    groups: [{ id: product, name: Product, teams: [{ id: payments, name: Payments }, { id: search, name: Search }, { id: platform, name: Platform }] }]
kubernetes:
  ${kubernetes}
`;
  await applyOwnership(db, parseOwnership(yaml, "ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: "2024-09-01" });
}
