// Prints what npm run test:reliability measured (reliability-results/*.json) as Markdown tables:
// the figures the README's Reliability section shows. Also written to reliability-results/report.md.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RESULTS_DIR, type Figure } from "./figures";

const suites = readdirSync(RESULTS_DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(RESULTS_DIR, f), "utf8")) as { suite: string; at: string; figures: Figure[] });

const escape = (text: string) => text.replace(/\|/g, "\\|");
const lines = suites.flatMap((s) => [
  `### ${s.suite} (${s.at.slice(0, 16).replace("T", " ")} UTC)`,
  "",
  "| scenario | injected / tried | outcome | |",
  "|---|---|---|---|",
  ...s.figures.map((f) => `| ${escape(f.scenario)} | ${escape(f.injected)} | ${escape(f.outcome)} | ${f.passed ? "passed" : "FAILED"} |`),
  "",
]);
writeFileSync(join(RESULTS_DIR, "report.md"), lines.join("\n"));
console.log(lines.join("\n"));
