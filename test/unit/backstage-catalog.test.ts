import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parseBackstageCatalogs, BackstageCatalogError, type CatalogText } from "../../jobs/ownership/backstage-catalog";
import { catalogRuleRows } from "../../jobs/ownership/backstage-import";
import { readOwnershipFile } from "../../jobs/ownership/ownership-file";

const TEAMS = new Set(["checkout", "billing", "web-app"]);

// Line numbers matter: the rejections below name them.
const valid = `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: invoicing
spec:
  owner: group:default/billing
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: legacy-billing
  annotations:
    tallyboard.io/aws-tag-value: "Legacy-Billing, billing-db"
    tallyboard.io/aws-account-id: "123456789012"
spec:
  system: invoicing
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: orders-table
  namespace: shop
  annotations:
    tallyboard.io/aws-resource-pattern: arn:aws:dynamodb:*:*:table/checkout-*
    tallyboard.io/aws-service: Amazon DynamoDB
spec:
  owner: checkout
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments
spec:
  children: [billing]
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: billing
spec:
  parent: payments
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ana
spec: {}
`;

const parse = (text: string, more: CatalogText[] = []) => parseBackstageCatalogs([{ fileName: "catalog-info.yaml", text }, ...more], { teams: TEAMS });
const rulesOf = (text: string) => parse(text).rules.map((r) => [r.kind, r.value, r.teamId]);
const component = (name: string, annotations: string, spec: string) =>
  `---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  annotations:\n${annotations}\nspec:\n${spec}\n`;

describe("Backstage catalog", () => {
  it("turns annotations into rules for the owner's team, a Component without owner taking its System's", () => {
    expect(rulesOf(valid)).toEqual([
      ["tag", "legacy-billing", "billing"],
      ["tag", "billing-db", "billing"],
      ["account", "123456789012", "billing"],
      ["resource", "arn:aws:dynamodb:*:*:table/checkout-*", "checkout"],
      ["service", "Amazon DynamoDB", "checkout"],
    ]);
    expect(parse(valid).entities.map((e) => e.ref)).toEqual([
      "system:default/invoicing",
      "component:default/legacy-billing",
      "resource:shop/orders-table",
      "group:default/payments",
      "group:default/billing",
    ]);
  });

  it.each([
    ["group:default/checkout"],
    ["group:checkout"],
    ["checkout"],
    ["default/checkout"],
    ["Group:Default/Checkout"],
  ])("reads the owner reference %s as team checkout", (owner) => {
    expect(rulesOf(component("api", "    tallyboard.io/aws-tag-value: api", `  owner: ${owner}`))).toEqual([["tag", "api", "checkout"]]);
  });

  it("gives each kind its own priority band after the ownership file's, in catalog order", () => {
    const rows = catalogRuleRows(parse(valid).rules);
    expect(rows.map((r) => [r.kind, r.priority])).toEqual([
      ["tag", 6000],
      ["tag", 6001],
      ["account", 8000],
      ["resource", 5000],
      ["service", 7000],
    ]);
    expect(rows[3]!.resourceRegex).toBe("^arn:aws:dynamodb:.*:.*:table\\/checkout\\-.*$");
  });

  it("lets an annotated Group claim for the team it is", () => {
    const group = `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: web-app\n  annotations:\n    tallyboard.io/aws-tag-value: frontend\nspec:\n  children: []\n`;
    expect(rulesOf(group)).toEqual([["tag", "frontend", "web-app"]]);
    expect(() => parse(group.replace("name: web-app", "name: frontend-guild"))).toThrow(
      'line 4, entity group:default/frontend-guild, field metadata.name: unknown team "frontend-guild"',
    );
  });

  it("keeps one rule when the same team claims a value twice", () => {
    const twice = valid + component("billing-worker", "    tallyboard.io/aws-tag-value: billing-db", "  owner: billing");
    expect(rulesOf(twice).filter(([, value]) => value === "billing-db")).toHaveLength(1);
  });

  it("reads the sample catalog of the demo company against the demo's teams", () => {
    const demoTeams = readOwnershipFile("fixtures/demo/ownership.yaml").orgs.flatMap((o) => o.groups.flatMap((g) => g.teams.map((t) => t.id)));
    const text = readFileSync("fixtures/backstage/catalog-info.yaml", "utf8");
    const catalog = parseBackstageCatalogs([{ fileName: "catalog-info.yaml", text }], { teams: new Set(demoTeams) });
    expect(catalog.rules.filter((r) => r.kind === "tag").map((r) => [r.value, r.teamId])).toContainEqual(["legacy-billing", "billing"]);
    expect(catalog.entities.some((e) => e.kind === "Group")).toBe(true);
  });

  const rejections: [string, string, string][] = [
    ["unknown team", valid.replace("owner: checkout", "owner: nobody"), 'catalog-info.yaml line 27, entity resource:shop/orders-table, field spec.owner: unknown team "nobody"'],
    ["unknown team, inherited", valid.replace("group:default/billing", "group:default/ledger"), 'line 6, entity system:default/invoicing, field spec.owner: unknown team "ledger" (inherited by component:default/legacy-billing)'],
    ["owner that is not a group", valid.replace("owner: checkout", "owner: user:ana"), 'line 27, entity resource:shop/orders-table, field spec.owner: "user:ana" must be a group'],
    ["no owner to inherit", valid.replace("  system: invoicing", "  lifecycle: production"), "line 15, entity component:default/legacy-billing, field spec.owner: missing: an entity with tallyboard.io annotations needs an owner"],
    ["unknown system", valid.replace("  system: invoicing", "  system: billing-platform"), 'line 16, entity component:default/legacy-billing, field spec.system: unknown system "system:default/billing-platform"'],
    ["invalid pattern", valid.replace("table/checkout-*", "table/checkout *"), 'line 24, entity resource:shop/orders-table, field metadata.annotations.tallyboard.io/aws-resource-pattern: invalid pattern "arn:aws:dynamodb:*:*:table/checkout *"'],
    ["pattern too short", valid.replace("arn:aws:dynamodb:*:*:table/checkout-*", '"**"'), 'line 24, entity resource:shop/orders-table, field metadata.annotations.tallyboard.io/aws-resource-pattern: invalid pattern "**"'],
    ["invalid account id", valid.replace('"123456789012"', '"12345"'), 'line 14, entity component:default/legacy-billing, field metadata.annotations.tallyboard.io/aws-account-id: "12345" must be a 12-digit AWS account id'],
    ["unquoted account id", valid.replace('"123456789012"', "123456789012"), "line 14, entity component:legacy-billing, field metadata.annotations.tallyboard.io/aws-account-id: must be a string (quote it)"],
    ["unknown annotation", valid.replace("tallyboard.io/aws-service", "tallyboard.io/aws-services"), "line 25, entity resource:shop/orders-table, field metadata.annotations.tallyboard.io/aws-services: unknown annotation"],
    ["empty annotation", valid.replace("tallyboard.io/aws-service: Amazon DynamoDB", 'tallyboard.io/aws-service: " , "'), "line 25, entity resource:shop/orders-table, field metadata.annotations.tallyboard.io/aws-service: is empty"],
    [
      "a value claimed by two teams",
      valid + component("checkout-db", "    tallyboard.io/aws-tag-value: BILLING-DB", "  owner: checkout"),
      'line 55, entity component:default/checkout-db, field metadata.annotations.tallyboard.io/aws-tag-value: tag value "billing-db" is already claimed by team "billing" (component:default/legacy-billing, catalog-info.yaml line 13) (conflicting rules)',
    ],
    [
      "a duplicate entity",
      valid + component("Legacy-Billing", "    x: y", "  owner: billing"),
      "line 53, entity component:default/legacy-billing, field metadata.name: duplicate entity: component:default/legacy-billing is already defined in catalog-info.yaml line 11",
    ],
    ["a group that is its own parent", valid.replace("  parent: payments", "  parent: billing"), "line 41, entity group:default/billing, field spec.parent: group:default/billing has two parents: group:default/payments (catalog-info.yaml line 34) and group:default/billing"],
    [
      "a cyclic hierarchy",
      valid.replace("  children: [billing]", "  parent: billing\n  children: []").replace("  parent: payments\n  children: []", "  parent: payments\n  children: [payments]"),
      "entity group:default/payments, field spec.parent: cyclic hierarchy: group:default/payments -> group:default/billing -> group:default/payments (a group cannot be its own ancestor)",
    ],
    ["an unknown parent group", valid.replace("  parent: payments", "  parent: finance"), 'line 41, entity group:default/billing, field spec.parent: unknown group "group:default/finance"'],
    ["an invalid name", valid.replace("name: orders-table", "name: orders table"), "line 21, entity resource:orders table, field metadata.name: must be letters and digits"],
    ["an unsupported apiVersion", valid.replace("apiVersion: backstage.io/v1alpha1\nkind: Resource", "apiVersion: backstage.io/v2\nkind: Resource"), "line 18, entity resource:orders-table, field apiVersion: must be backstage.io/v1alpha1"],
    ["broken YAML", valid.replace("children: [billing]", "children: [billing"), "catalog-info.yaml line"],
  ];
  it.each(rejections)("rejects %s whole, naming file, line, entity and field", (_, text, message) => {
    expect(() => parse(text)).toThrow(BackstageCatalogError);
    expect(() => parse(text)).toThrow(message);
  });

  it("rejects a cycle of groups declared in another file", () => {
    const other = `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: finance\nspec:\n  parent: billing\n  children: [payments]\n`;
    expect(() => parse(valid, [{ fileName: "finance/catalog-info.yaml", text: other }])).toThrow(
      "finance/catalog-info.yaml line 7, entity group:default/finance, field spec.children.0: cyclic hierarchy: group:default/payments -> group:default/finance -> group:default/billing -> group:default/payments",
    );
  });

  it("rejects a second definition in another file with both places named", () => {
    const other = `apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: Invoicing\nspec:\n  owner: checkout\n`;
    expect(() => parse(valid, [{ fileName: "shop/catalog-info.yaml", text: other }])).toThrow(
      "shop/catalog-info.yaml line 4, entity system:default/invoicing, field metadata.name: duplicate entity: system:default/invoicing is already defined in catalog-info.yaml line 4",
    );
  });
});
