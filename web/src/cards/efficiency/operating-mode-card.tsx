// The operating-mode panel: which mode the company is in, and every mode's checks with the reasoning.
import { useOperatingMode } from "../../api/use-efficiency";
import { useMeasure } from "../../routing/measure";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { formatMonth } from "../../format/dates";
import { CsvDownload } from "./csv-download";

const answerLabel = (answer: boolean | null) => (answer === null ? "unknown" : answer ? "yes" : "no");

export function OperatingModeCard() {
  const [measure] = useMeasure();
  const query = useOperatingMode({ measure });
  return (
    <Card title="Operating mode" note="Should infrastructure cost get attention now? The checks of each stage, on last month's figures." actions={<CsvDownload table="operating-mode" params={{ measure }} />} testId="operating-mode">
      <QueryState query={query} isEmpty={(d) => d.diagnosis === null} empty="Needs a full month of billing and revenue figures.">
        {({ diagnosis }) => (
          <div className="modes">
            <p className="mode-diagnosis" data-testid="mode-diagnosis">
              <span className="pill pill-accent">{diagnosis!.modes.find((m) => m.mode === diagnosis!.diagnosed)?.title}</span> {diagnosis!.reasoning} <span className="muted">({formatMonth(diagnosis!.month)})</span>
            </p>
            <div className="mode-grid">
              {diagnosis!.modes.map((mode) => (
                <section key={mode.mode} className={`mode ${mode.mode === diagnosis!.diagnosed ? "mode-current" : ""}`} data-mode={mode.mode}>
                  <h3 className="mode-title">
                    {mode.title}
                    {mode.mode === diagnosis!.diagnosed ? <span className="kind-tag"> · where you are</span> : null}
                  </h3>
                  <ul className="mode-checks">
                    {mode.checks.map((check) => (
                      <li key={check.key} data-check={check.key}>
                        <div className="mode-question">
                          <span className={`pill ${check.concern === null ? "pill-muted" : check.concern ? "pill-warning" : "pill-ok"}`}>{answerLabel(check.answer)}</span>
                          {check.question}
                        </div>
                        <p className="mode-reasoning">{check.reasoning}</p>
                      </li>
                    ))}
                  </ul>
                  <p className={`mode-verdict ${mode.actNow ? "mode-act" : ""}`}>{mode.verdict}</p>
                </section>
              ))}
            </div>
          </div>
        )}
      </QueryState>
    </Card>
  );
}
