// The decision rule as a calculator: is this much engineering time worth this saving (5x return over
// the horizon)? Would a dedicated efficiency team pay for itself? Cost in engineer-equivalents.
import { useState } from "react";
import { useCalculator, type CalculatorParams } from "../../api/use-efficiency";
import { useMeasure } from "../../routing/measure";
import { Card } from "../../components/card";
import { ErrorState, Loading } from "../../components/query-state";
import { formatUsd, formatUsdWhole } from "../../format/money";
import type { DashboardDefaults } from "../../../../api/dashboard-defaults";

// Checked against the API's literals: the cache warms this view (api/default-views.ts).
const DEFAULTS: CalculatorParams = { loadedEngineerCostPerYear: "250000", effortEngineerWeeks: "1", savingsPerMonth: "10000", horizonMonths: "12", efficiencyTeamEngineers: "2" } satisfies DashboardDefaults["calculator"];
const FIELDS: { key: keyof CalculatorParams; label: string; step: string }[] = [
  { key: "effortEngineerWeeks", label: "Engineering time (engineer-weeks)", step: "0.5" },
  { key: "savingsPerMonth", label: "Saving per month ($)", step: "500" },
  { key: "loadedEngineerCostPerYear", label: "Loaded engineer cost per year ($)", step: "10000" },
  { key: "horizonMonths", label: "Horizon (months)", step: "1" },
  { key: "efficiencyTeamEngineers", label: "Dedicated team size (engineers)", step: "1" },
];

export function CalculatorCard() {
  const [measure] = useMeasure();
  const [params, setParams] = useState(DEFAULTS);
  const query = useCalculator({ measure, ...params });
  const data = query.data;
  return (
    <Card title="Is it worth the engineering time?" note="The rule: the saving over the horizon should return 5x the time spent; a dedicated team should save 5x its cost." testId="calculator">
      <div className="calculator">
        <form className="calculator-form" onSubmit={(e) => e.preventDefault()}>
          {FIELDS.map((field) => (
            <label key={field.key} className="field">
              <span className="field-label">{field.label}</span>
              <input type="number" min="0" step={field.step} value={params[field.key]} data-field={field.key} onChange={(e) => setParams({ ...params, [field.key]: e.target.value })} />
            </label>
          ))}
        </form>
        <div className="calculator-result" data-testid="calculator-result">
          {query.isError ? <ErrorState error={query.error} /> : !data ? <Loading height={160} /> : (
            <>
              <p className={`calculator-verdict ${data.result.worthIt ? "verdict-yes" : "verdict-no"}`} data-field="verdict">
                {data.result.worthIt ? "Worth it" : "Not worth it"}: {formatUsdWhole(data.result.effortCost)} of engineering time saves {formatUsdWhole(data.result.savingsOverHorizon)} over {params.horizonMonths} months: a {data.result.returnMultiple ?? "—"}x return, the bar is {data.input.requiredReturnMultiple}x.
              </p>
              <dl className="facts-stacked calculator-facts">
                <dt>One engineer-week</dt>
                <dd>{formatUsd(data.result.engineerWeekCost)}</dd>
                <dt>Break-even saving</dt>
                <dd>{formatUsdWhole(data.result.breakEvenSavingsPerMonth)}/month for this much time</dd>
                <dt>Pays back in</dt>
                <dd>{data.result.paybackMonths === null ? "never" : `${data.result.paybackMonths} months`}</dd>
                <dt>Dedicated team</dt>
                <dd>
                  costs {formatUsdWhole(data.result.efficiencyTeam.costPerYear)}/year, should save {formatUsdWhole(data.result.efficiencyTeam.requiredSavingsPerYear)}/year; infrastructure is {data.result.efficiencyTeam.infraToTeamMultiple ?? "—"}x its cost
                  {data.result.efficiencyTeam.infraOverTenTimesTeam === null ? "" : data.result.efficiencyTeam.infraOverTenTimesTeam ? " (over 10x: a team can pay off)" : " (under 10x: one-off projects first)"}
                </dd>
                <dt>Infrastructure per month</dt>
                <dd data-field="engineer-equivalents">{formatUsdWhole(data.input.infraCostPerMonth)} = {data.result.infraInEngineers ?? "—"} engineers</dd>
              </dl>
            </>
          )}
        </div>
      </div>
    </Card>
  );
}
