// The API contract: GET /api/openapi.json lists every route of the app (and nothing else), and a
// script's session against the demo company (sign in, mint a token, then every operation once
// with it) gets answers whose status and body the served document allows.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { seedDemoCompany } from "../support/seeded-demo";
import { openApiAnswers, type CheckedAnswer } from "../support/openapi-answers";
import { LAYOUT_ROWS, layoutFiles, SPLIT_LAYOUT_ROWS } from "../support/layout-files";
import { costLineItems } from "../../db/schema";
import { importOpenCost } from "../../jobs/imports/opencost/import-opencost";
import { attributeJob } from "../../jobs/attribution/attribute-job";

const OPENCOST_SAMPLE = "fixtures/samples/opencost-allocation-namespace.json";
import { addUser, localAuth, PASSWORD, type Session } from "../support/access-harness";

const MONTH = "2026-10";
let database: TestDatabase;
let app: ReturnType<typeof createApp>;
let contract: ReturnType<typeof openApiAnswers>;
let session: Session;
let token: string;

/** One call as a script makes it: the bearer token (or the browser session), checked against the document. */
async function call(method: string, path: string, body?: unknown, options: { session?: boolean; contentType?: string } = {}): Promise<CheckedAnswer> {
  const auth: Record<string, string> = options.session ? { cookie: session.cookie, "x-csrf-token": session.csrfToken } : token ? { authorization: `Bearer ${token}` } : {};
  const raw = typeof body === "string" || body instanceof Uint8Array;
  const response = await app.request(path, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": options.contentType ?? "application/json" }), ...auth },
    body: body === undefined ? undefined : raw ? (body as string) : JSON.stringify(body),
  });
  return contract.check(method, path, response);
}

async function ok(method: string, path: string, body?: unknown, options?: { session?: boolean; contentType?: string }) {
  const answer = await call(method, path, body, options);
  if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoCompany(database);
  await addUser(database, "admin@example.com", "admin");
  app = createApp(database, "demo", undefined, localAuth());
  const served = await app.request("/api/openapi.json");
  expect(served.status).toBe(200);
  contract = openApiAnswers((await served.json()) as Record<string, any>);
}, 600_000);
afterAll(async () => database?.drop());

describe("GET /api/openapi.json", () => {
  it("is public and lists exactly the app's routes (method + path), each with the Error shape as its default answer", async () => {
    const document = (await (await app.request("/api/openapi.json")).json()) as any;
    expect(document.openapi).toBe("3.1.0");
    const routes = new Set(app.routes.filter((r) => r.method !== "ALL" && !r.path.includes("*")).map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`));
    const documented = new Set(Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`)));
    expect([...documented].sort()).toEqual([...routes].sort());
    expect(routes.size).toBeGreaterThan(60);
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item as object)) as any[];
    for (const operation of operations) {
      expect(operation.responses.default).toEqual({ $ref: "#/components/responses/Error" });
      expect(operation.summary, `${operation.operationId} has no summary: pass one to answers(...) or sends(...)`).toBeTruthy();
    }
    expect(new Set(operations.map((operation) => operation.operationId)).size).toBe(operations.length);
    expect(document.paths["/api/openapi.json"].get.security).toEqual([]);
    expect(document.components.schemas.Error.properties.error.required).toEqual(["code", "message", "requestId"]);
  });
});

describe("every operation, called the way a script calls it, answers what the document says", () => {
  it("identity and tokens: sign in, mint a token, then use it", async () => {
    const login = await app.request("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "admin@example.com", password: PASSWORD }) });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const signedIn = await contract.check("POST", "/api/auth/login", login);
    expect(signedIn.status).toBe(200);
    session = { cookie, csrfToken: signedIn.body.csrfToken };
    expect((await ok("GET", "/api/me", undefined, { session: true })).identity.role).toBe("admin");
    token = (await ok("POST", "/api/tokens", { name: "contract test", scope: "admin" }, { session: true })).token;
    expect((await ok("GET", "/api/tokens")).tokens.length).toBe(1);
    const spare = await ok("POST", "/api/tokens", { name: "spare", scope: "write", teamId: "checkout", expiresInDays: 30 });
    expect((await ok("DELETE", `/api/tokens/${spare.apiToken.id}`)).apiToken.revokedAt).not.toBeNull();
    expect((await ok("GET", "/api/users")).users[0].email).toBe("admin@example.com");
    await ok("GET", "/api/health");
    await ok("GET", "/api/openapi.json");
    await ok("GET", "/api/job-runs");
  });

  it("costs and ownership", async () => {
    await ok("GET", "/api/overview");
    await ok("GET", "/api/teams");
    await ok("GET", `/api/teams/checkout?from=${MONTH}-01&to=${MONTH}-31`);
    await ok("GET", "/api/org");
    await ok("GET", `/api/why?teamId=checkout&day=${MONTH}-15`);
    await ok("GET", "/api/ownership/summary");
    await ok("GET", "/api/ownership/rules");
    const rule = { kind: "service", service: "Amazon Athena", teamId: "checkout", priority: 500, effectiveFrom: "2026-11-01" };
    const created = await ok("POST", "/api/ownership/rules", rule);
    const updated = await ok("PUT", `/api/ownership/rules/${created.rule.id}`, { ...rule, priority: 501 });
    await ok("POST", "/api/ownership/preview?measure=amortized", { action: "delete", id: updated.rule.id, effectiveFrom: "2026-11-10" });
    await ok("DELETE", `/api/ownership/rules/${updated.rule.id}?effectiveFrom=2026-11-10`);
    const catalog = { fileName: "catalog-info.yaml", text: readFileSync("fixtures/backstage/catalog-info.yaml", "utf8") };
    await ok("POST", "/api/ownership/backstage", { catalogs: [catalog], preview: true });
    await ok("GET", "/api/ownership/audit");
    await ok("GET", "/api/audit");
    await ok("GET", "/api/audit/export");
  }, 240_000); // three rule changes, each re-attributing the demo's month (its hourly CUR included)

  it("efficiency and business inputs", async () => {
    for (const view of ["efficiency", "teams", "revenue", "environments", "operating-mode", "calculator"]) await ok("GET", `/api/metrics/${view}`);
    await ok("GET", "/api/metrics/export/unit-cost");
    await ok("POST", "/api/business/operations", { rows: [{ day: "2026-11-20", product: "quotes", metric: "quotes_issued", team: "quotes", count: "41383" }] });
    const csv = "day,product,metric,team,count\n2026-11-20,quotes,quotes_issued,quotes,41384\n";
    await ok("POST", "/api/business/operations/csv?fileName=ops.csv", csv, { contentType: "text/csv" });
    await ok("GET", "/api/business/operations/export");
  });

  it("budgets", async () => {
    const review = await ok("GET", `/api/budgets/review?month=${MONTH}`);
    await ok("GET", `/api/budgets/movers?month=${MONTH}&teamId=checkout`);
    await ok("GET", `/api/budgets/months/${MONTH}`);
    await ok("GET", `/api/budgets/months/${MONTH}/teams/checkout`);
    await ok("PUT", `/api/budgets/months/2026-12/teams/checkout`, { budgetUsd: "12345.00" });
    const over = review.teams.find((t: any) => t.needsApproval);
    expect(over).toBeDefined();
    await ok("POST", "/api/budgets/approvals", { month: MONTH, teamId: over.teamId, reason: "the contract test accepts it" });
    await ok("POST", "/api/budgets/csv?fileName=budgets.csv", "month,team,budget_usd\n2026-12,billing,5000.00\n", { contentType: "text/csv" });
    await ok("GET", "/api/budgets/audit");
  });

  it("nudges, leaderboard and wins", async () => {
    const inbox = await ok("GET", "/api/nudges");
    expect(inbox.nudges.length).toBeGreaterThan(0);
    await ok("POST", `/api/nudges/${inbox.nudges[0].id}/actions`, { action: "acknowledge", note: "seen" });
    await ok("GET", "/api/nudges/settings/checkout");
    await ok("PUT", "/api/nudges/settings/checkout", { slackWebhookUrl: "https://hooks.slack.com/services/T000/B000/XXXX" });
    await ok("GET", "/api/nudges/deliveries");
    await ok("GET", "/api/leaderboard");
    const win = await ok("POST", "/api/wins", { teamId: "checkout", title: "Rightsized the cart cache", shippedOn: "2026-09-01", expectedMonthlySavingsUsd: "800.00" });
    await ok("GET", `/api/wins/${win.win.id}`);
    await ok("GET", "/api/wins");
  });

  it("reviews, estimates and commitments", async () => {
    await ok("GET", `/api/reviews/preview?period=${MONTH}`);
    expect(await ok("GET", `/api/reviews/export?period=${MONTH}&format=md`)).toContain("#");
    const saved = await ok("POST", "/api/reviews", { period: MONTH, authorSections: { summary: "A quiet month." } });
    await ok("GET", "/api/reviews");
    await ok("GET", `/api/reviews/${saved.review.id}`);
    await ok("GET", `/api/reviews/${saved.review.id}/export?format=html`);
    const estimate = { title: "Parcel tracking", operationsPerMonth: "5000000", comparables: [{ kind: "team", id: "checkout" }], teamId: "checkout", launchMonth: "2026-12" };
    await ok("POST", "/api/estimates/preview", estimate);
    await ok("POST", "/api/estimates", estimate);
    await ok("GET", "/api/estimates");
    await ok("GET", "/api/commitments");
    await ok("GET", "/api/commitments/plan");
    await ok("GET", `/api/commitments/teams?month=${MONTH}`);
    await ok("GET", "/api/commitments/simulate?commitment=compute-sp,1,NO_UPFRONT,5");
  });

  it("imports: an upload, then its data-quality report", async () => {
    const run = await ok("POST", "/api/imports?fileName=focus.csv&format=focus", readFileSync("fixtures/samples/focus-1.0-sample.csv"), { contentType: "text/csv" });
    await ok("GET", `/api/imports/${run.runId}/quality`);
  });

  it("clusters: an export with split cost allocation data, then its clusters", async () => {
    const cur = layoutFiles.legacyCsv([...LAYOUT_ROWS, ...SPLIT_LAYOUT_ROWS]);
    await ok("POST", "/api/imports?fileName=cur-split.csv", cur, { contentType: "text/csv" });
    const range = "from=2024-09-01&to=2024-09-30&grain=day";
    const list = await ok("GET", `/api/clusters?${range}`);
    expect(list.clusters.length).toBeGreaterThan(0);
    const detail = await ok("GET", `/api/clusters/${encodeURIComponent(list.clusters[0].cluster)}?${range}`);
    expect(detail.cluster.cluster).toBe(list.clusters[0].cluster);
    const why = await ok("GET", `/api/why?teamId=${list.clusters[0].teams[0].teamId}&day=2024-09-04`);
    expect(why.clusters.length).toBeGreaterThan(0);
    // a team's share of each cluster, in its detail answer
    const team = await ok("GET", `/api/teams/${list.clusters[0].teams[0].teamId}?from=2024-09-01&to=2024-09-30`);
    expect(team.clusters.map((c: { cluster: string }) => c.cluster)).toContain(list.clusters[0].cluster);
  });

  it("clusters without split data: an OpenCost answer, then why names the basis", async () => {
    await database.db.insert(costLineItems).values({ day: "2024-09-05", accountId: "111111111111", service: "Amazon Elastic Compute Cloud", recordType: "Usage", resourceId: "i-0batch1", tags: { "aws:eks:cluster-name": "batch-eks" }, usageHour: 1, source: "cur", batchId: 0, unblendedCost: "1.2", amortizedCost: "1.2", netAmortizedCost: "1.2" });
    await importOpenCost(database.db, "batch-eks", [{ name: OPENCOST_SAMPLE, text: readFileSync(OPENCOST_SAMPLE, "utf8") }]);
    expect((await attributeJob(database, "test", { start: "2024-09-05", end: "2024-09-06" })).status).toBe("succeeded");
    const list = await ok("GET", "/api/clusters?from=2024-09-05&to=2024-09-05&grain=day");
    const batch = list.clusters.find((c: { cluster: string }) => c.cluster === "batch-eks");
    const why = await ok("GET", `/api/why?teamId=${batch.teams[0].teamId}&day=2024-09-05`);
    expect(why.clusters.map((c: { basis: string }) => c.basis)).toContain("opencost");
  });

  it("errors answer the one Error shape, and signing out ends the session", async () => {
    expect((await call("GET", "/api/teams/no-such-team")).body.error.code).toBe("NOT_FOUND");
    expect((await call("GET", "/api/overview?months=0")).body.error.code).toBe("BAD_REQUEST");
    await ok("POST", "/api/auth/logout", undefined, { session: true });
  });

  it("called every operation of the document at least once", () => {
    expect(contract.uncalled()).toEqual([]);
  });
});
