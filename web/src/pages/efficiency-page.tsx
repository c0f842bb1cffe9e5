import { PageHeader } from "../components/page-header";
import { EfficiencyMetricCards } from "../cards/efficiency/metric-cards";
import { TeamEfficiencyCard } from "../cards/efficiency/team-efficiency-card";
import { RevenueCard } from "../cards/efficiency/revenue-card";
import { EnvironmentSplitCard } from "../cards/efficiency/environment-split-card";
import { OperatingModeCard } from "../cards/efficiency/operating-mode-card";
import { CalculatorCard } from "../cards/efficiency/calculator-card";
import { CsvDownload } from "../cards/efficiency/csv-download";
import { useMeasure } from "../routing/measure";
import "../efficiency.css";

export function EfficiencyPage() {
  const [measure] = useMeasure();
  return (
    <>
      <PageHeader title="Efficiency" subtitle="Infrastructure dollars per product operation and per engineer, against their goals.">
        <CsvDownload table="unit-cost" params={{ measure }} label="Unit cost CSV" />
        <CsvDownload table="engineer-overhead" params={{ measure }} label="Overhead CSV" />
      </PageHeader>
      <EfficiencyMetricCards />
      <OperatingModeCard />
      <RevenueCard />
      <div className="grid-2">
        <EnvironmentSplitCard />
        <CalculatorCard />
      </div>
      <TeamEfficiencyCard />
    </>
  );
}
