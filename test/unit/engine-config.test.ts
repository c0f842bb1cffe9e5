// PASS_ENGINE and the Athena settings: postgres by default, Athena's table required, bad values named;
// and the billing periods an Athena pass reads.
import { expect, it } from "vitest";
import { loadEngineConfig } from "../../jobs/config/engine-config";
import { passPeriods } from "../../jobs/engines/engine-command";

it("defaults to PostgreSQL, and DuckDB needs nothing more", () => {
  expect(loadEngineConfig({}, "us-east-1")).toEqual({ name: "postgres", athena: null });
  expect(loadEngineConfig({ PASS_ENGINE: "duckdb" }, "us-east-1")).toEqual({ name: "duckdb", athena: null });
});

it("reads Athena's workgroup, table, output location and partitions", () => {
  const config = loadEngineConfig({ PASS_ENGINE: "athena", ATHENA_DATABASE: "cur", ATHENA_TABLE: "cur_hourly", ATHENA_OUTPUT_LOCATION: "s3://results/tb/", ATHENA_PARTITIONS: "billing_period" }, "eu-west-1");
  expect(config.athena).toEqual({ workgroup: "primary", database: "cur", table: "cur_hourly", outputLocation: "s3://results/tb/", partitions: "billing_period", timeoutMs: 1_800_000, pricePerTb: "5", region: "eu-west-1", endpoint: null });
});

it("names the setting that is missing or wrong", () => {
  expect(() => loadEngineConfig({ PASS_ENGINE: "athena", ATHENA_TABLE: "t" }, "us-east-1")).toThrow(/ATHENA_DATABASE/);
  expect(() => loadEngineConfig({ PASS_ENGINE: "athena", ATHENA_DATABASE: "d" }, "us-east-1")).toThrow(/ATHENA_TABLE/);
  expect(() => loadEngineConfig({ PASS_ENGINE: "spark" }, "us-east-1")).toThrow(/PASS_ENGINE/);
  expect(() => loadEngineConfig({ PASS_ENGINE: "athena", ATHENA_DATABASE: "d", ATHENA_TABLE: "t", ATHENA_OUTPUT_LOCATION: "results" }, "us-east-1")).toThrow(/ATHENA_OUTPUT_LOCATION/);
});

it("reads the periods given, or the open month and the one before", () => {
  expect(passPeriods(undefined, "2025-03-10")).toEqual(["2025-02-01", "2025-03-01"]);
  expect(passPeriods("2024-12,2025-01", "2025-03-10")).toEqual(["2024-12-01", "2025-01-01"]);
  expect(() => passPeriods("2025-13", "2025-03-10")).toThrow(/"2025-13" is not YYYY-MM/);
});
