// OPENCOST_*: no pull unless clusters are named; each cluster=url checked, credentials refused from
// the URL (and never echoed), bad values named by their setting.
import { expect, it } from "vitest";
import { loadOpenCostConfig } from "../../jobs/config/opencost-config";
import { allocationUrl } from "../../jobs/imports/opencost/pull-opencost";

it("pulls nothing unless OPENCOST_CLUSTERS names a cluster", () => {
  expect(loadOpenCostConfig({})).toBeNull();
  expect(loadOpenCostConfig({ OPENCOST_CLUSTERS: " , " })).toBeNull();
});

it("reads each cluster=url, the token, schedule, days and aggregate", () => {
  const config = loadOpenCostConfig({ OPENCOST_CLUSTERS: "onprem-k8s=http://opencost.opencost:9003/, edge=https://oc.example.com/api/", OPENCOST_TOKEN: "t0k", OPENCOST_DAYS: "7", OPENCOST_AGGREGATE: "label:team" });
  expect(config).toEqual({
    clusters: [{ name: "onprem-k8s", url: "http://opencost.opencost:9003" }, { name: "edge", url: "https://oc.example.com/api" }],
    token: "t0k", cron: "50 */6 * * *", days: 7, aggregate: "label:team",
  });
  expect(allocationUrl(config!.clusters[1]!, { start: "2026-12-01", end: "2026-12-04" }, "label:team")).toBe(
    "https://oc.example.com/api/allocation?window=2026-12-01T00%3A00%3A00Z%2C2026-12-04T00%3A00%3A00Z&aggregate=label%3Ateam&step=1d&accumulate=false&includeIdle=true&shareIdle=false",
  );
});

it("names the setting that is wrong", () => {
  expect(() => loadOpenCostConfig({ OPENCOST_CLUSTERS: "onprem-k8s" })).toThrow(/OPENCOST_CLUSTERS.*entry 1 is not cluster=url/);
  expect(() => loadOpenCostConfig({ OPENCOST_CLUSTERS: "a=ftp://x" })).toThrow(/OPENCOST_CLUSTERS.*"a" must be http/);
  expect(() => loadOpenCostConfig({ OPENCOST_CLUSTERS: "a=http://x,a=http://y" })).toThrow(/OPENCOST_CLUSTERS.*"a" twice/);
  expect(() => loadOpenCostConfig({ OPENCOST_CLUSTERS: "a=http://x?window=7d" })).toThrow(/OPENCOST_CLUSTERS.*without \?query/);
  expect(() => loadOpenCostConfig({ OPENCOST_CLUSTERS: "a=http://x", OPENCOST_CRON: "every day" })).toThrow(/OPENCOST_CRON/);
  expect(() => loadOpenCostConfig({ OPENCOST_CLUSTERS: "a=http://x", OPENCOST_DAYS: "90" })).toThrow(/OPENCOST_DAYS/);
  expect(() => loadOpenCostConfig({ OPENCOST_CLUSTERS: "a=http://x", OPENCOST_AGGREGATE: "pod" })).toThrow(/OPENCOST_AGGREGATE/);
});

it("refuses credentials in a URL, without repeating them", () => {
  const attempt = () => loadOpenCostConfig({ OPENCOST_CLUSTERS: "a=https://admin:hunter2@oc.example.com" });
  expect(attempt).toThrow(/"a" holds credentials: give them as OPENCOST_TOKEN/);
  expect(attempt).not.toThrow(/hunter2/);
  expect(() => loadOpenCostConfig({ OPENCOST_CLUSTERS: "admin:hunter2@oc" })).toThrow(/^OPENCOST_CLUSTERS: entry 1 is not cluster=url/);
});
