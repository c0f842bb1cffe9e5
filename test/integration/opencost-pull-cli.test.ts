// `npm run cli -- pull-opencost` as a deployment runs it: OPENCOST_* from the environment, each
// cluster's run reported, and a non-zero exit when one failed.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addDays } from "../../db/calendar";
import { createTestDatabase, usesPostgres, type TestDatabase } from "../support/test-database";
import { byAggregate, startFakeOpenCost, type FakeOpenCost } from "../support/fake-opencost";

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), "tallyboard-opencost-cli-"));
writeFileSync(
  join(root, "ownership.yaml"),
  `orgs:
  - id: acme
    name: Acme
    groups: [{ id: product, name: Product, teams: [{ id: payments, name: Payments }, { id: platform, name: Platform }] }]
kubernetes:
  clusters: [{ name: batch-eks, owner: platform, namespaces: { payments: payments } }]
`,
);

let api: FakeOpenCost;
let testDatabase: TestDatabase | null = null;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  api = await startFakeOpenCost();
  api.answers.set("batch-eks", byAggregate({ namespace: readFileSync("fixtures/samples/opencost-allocation-namespace.json", "utf8"), "namespace,controller": JSON.stringify({ code: 200, data: [null, null] }) }));
  api.answers.set("lab-k8s", () => ({ status: 500, body: "" }));
  if (usesPostgres) testDatabase = await createTestDatabase();
  env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("AWS_") && !name.startsWith("OPENCOST_") && name !== "TALLYBOARD_SOURCE" && name !== "DATABASE_URL"));
  Object.assign(env, { LOG_LEVEL: "silent", OWNERSHIP_FILE: join(root, "ownership.yaml"), DATA_DIR: join(root, "data"), OPENCOST_TOKEN: "cli-token-2b9e", OPENCOST_DAYS: "2" });
  if (testDatabase?.target.kind === "postgres") env.DATABASE_URL = testDatabase.target.url;
});
afterAll(async () => {
  await testDatabase?.drop();
  await api.close();
});

const cli = (clusters: string) => run("npx", ["tsx", "jobs/cli.ts", "pull-opencost"], { env: { ...env, OPENCOST_CLUSTERS: clusters }, cwd: process.cwd() });

it("pulls each cluster of OPENCOST_CLUSTERS, reports its run and the re-attribution", async () => {
  const { stdout } = await cli(`batch-eks=${api.base}/batch-eks`);
  const lines = stdout.trim().split("\n");
  expect(lines[0]).toMatch(/^run \d+: succeeded 2024-09-05\.\.2024-09-06, 6 rows, 2 API requests/);
  expect(lines[1]).toMatch(/^run \d+: succeeded /);
  expect(api.seen.at(-1)!.authorization).toBe("Bearer cli-token-2b9e");
  const today = new Date().toISOString().slice(0, 10);
  expect(api.seen.at(-1)!.url.searchParams.get("window")).toBe(`${addDays(today, -2)}T00:00:00Z,${today}T00:00:00Z`);
});

it("exits non-zero when a cluster's pull failed, after pulling the others", async () => {
  const failed = await cli(`lab-k8s=${api.base}/lab-k8s,batch-eks=${api.base}/batch-eks`).then(() => null, (error: { code: number; stdout: string }) => error);
  expect(failed?.code).toBe(1);
  expect(failed?.stdout).toMatch(/^run \d+: failed, 0 rows, 1 API requests \(0 attempts\)\n {2}error: .*cluster "lab-k8s" .* answered HTTP 500/);
  expect(failed?.stdout).toMatch(/run \d+: succeeded 2024-09-05\.\.2024-09-06, 6 rows/);
});
