// What will it cost? A new service's monthly cost from Tallyboard's own unit costs, with its range
// and the queries behind it, as a section for the tech spec; saved estimates meet their actuals.
import { Card } from "../components/card";
import { PageHeader } from "../components/page-header";
import { EstimateFormFields, toEstimateInput, type EstimateForm } from "../cards/estimates/estimate-form";
import { EstimateResult } from "../cards/estimates/estimate-result";
import { SavedEstimatesCard } from "../cards/estimates/saved-estimates-card";
import { useEstimatePreview, useSaveEstimate } from "../api/use-estimates";
import { useMeasure } from "../routing/measure";
import "../business-review.css";

export function CostEstimatePage() {
  const [measure] = useMeasure();
  const preview = useEstimatePreview();
  const save = useSaveEstimate();
  const estimate = (form: EstimateForm) => preview.mutate({ ...toEstimateInput(form), measure });
  const store = (form: EstimateForm) => save.mutate({ ...toEstimateInput(form), measure, actor: form.actor }, { onSuccess: () => estimate(form) });
  const error = preview.error ?? save.error;
  return (
    <>
      <PageHeader title="What will it cost?" subtitle="Describe the new service; the estimate comes from what comparable teams and services cost per operation today." />
      <Card title="The new service">
        <EstimateFormFields onEstimate={estimate} onSave={store} busy={preview.isPending || save.isPending} />
        {error ? <p className="state-error" role="alert" data-testid="estimate-error">{error.message}</p> : null}
      </Card>
      {preview.data ? (
        <Card title="Estimate" testId="estimate-card">
          <EstimateResult estimate={preview.data.estimate} />
        </Card>
      ) : null}
      <SavedEstimatesCard measure={measure} />
    </>
  );
}
