import { describe, expect, it } from "vitest";
import { parseOwnership } from "../../jobs/ownership/ownership-file";
import { ownershipRows } from "../../jobs/ownership/ownership-rows";

const valid = `
ownerTagKeys: [team, Team, owner]
orgs:
  - id: product
    name: Product
    groups:
      - id: payments
        name: Payments
        teams:
          - id: checkout
            name: Checkout
            tagValues: ["Checkout Svc"]
          - id: ledger
            name: Ledger
accounts:
  - id: "111111111111"
    owner: ledger
`;

describe("ownership file", () => {
  it("turns teams into tag rules before account rules, values lower-cased", () => {
    const { rules, teams, parents } = ownershipRows(parseOwnership(valid, "ownership.yaml"));
    expect(rules.map((rule) => [rule.kind, rule.tagValue ?? rule.accountId, rule.teamId])).toEqual([
      ["tag", "checkout", "checkout"],
      ["tag", "checkout svc", "checkout"],
      ["tag", "ledger", "ledger"],
      ["account", "111111111111", "ledger"],
    ]);
    expect(rules.map((rule) => rule.priority)).toEqual([2000, 2001, 2002, 4000]);
    expect(parents).toContainEqual({ childId: "checkout", parentId: "payments" });
    expect(teams.find((team) => team.id === "unattributed")).toBeDefined();
  });

  it.each([
    [valid.replace("owner: ledger", "owner: nobody"), 'line 17, field accounts.0.owner: unknown team "nobody"'],
    [valid.replace("- id: ledger", "- id: checkout"), 'line 13, field orgs.0.groups.0.teams.1.id: "checkout" is used twice'],
    [valid.replace('"111111111111"', '"12345"'), "line 16, field accounts.0.id: must be a 12-digit AWS account id"],
    [valid.replace("id: payments", "id: Payments!"), "field orgs.0.groups.0.id: must be a lowercase slug"],
    [valid.replace('["Checkout Svc"]', '["ledger"]'), 'tag value "ledger" is already claimed by team "checkout" (conflicting rules)'],
    ["orgs: [unclosed", "ownership.yaml line 1"],
  ])("rejects broken metadata whole with file, line and field (%#)", (text, message) => {
    expect(() => parseOwnership(text, "ownership.yaml")).toThrow(message);
  });
});
