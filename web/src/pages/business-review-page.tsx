// Business review: the cost part of a team's, group's or org's business review for a month or a
// quarter, previewed, downloaded (Markdown, HTML, PDF) and saved with the author's sections.
import { Card } from "../components/card";
import { PageHeader } from "../components/page-header";
import { useTeams } from "../api/use-teams";
import { ReviewPreviewCard } from "../cards/reviews/review-preview-card";
import { SaveReviewForm } from "../cards/reviews/save-review-form";
import { SavedReviewsCard } from "../cards/reviews/saved-reviews-card";
import { updateHashParams, useHashLocation } from "../routing/hash-location";
import { useMeasure } from "../routing/measure";
import { scopeOptions } from "../routing/review-scopes";
import "../business-review.css";

const PERIOD = /^\d{4}-((0[1-9]|1[0-2])|Q[1-4])$/;

export function BusinessReviewPage() {
  const { params } = useHashLocation();
  const [measure] = useMeasure();
  const teams = useTeams({ measure: "amortized" });
  const scope = params.get("scope") ?? "company";
  const asked = params.get("period");
  const period = asked && PERIOD.test(asked) ? asked : (teams.data && "lastMonth" in teams.data ? teams.data.lastMonth : null);
  const review = period ? { scope, period, measure } : null;
  return (
    <>
      <PageHeader title="Business review" subtitle="How well is the area operating, and what must it do to operate better: the cost numbers, written for you.">
        <label className="field">
          <span className="field-label">Scope</span>
          <select value={scope} onChange={(e) => updateHashParams({ scope: e.target.value === "company" ? undefined : e.target.value })} data-testid="review-scope" aria-label="Scope">
            {scopeOptions(teams.data?.teams ?? []).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Period</span>
          <input defaultValue={period ?? ""} key={period ?? "none"} placeholder="2026-10 or 2026-Q3" aria-label="Period" data-testid="review-period"
            onKeyDown={(e) => { if (e.key === "Enter") updateHashParams({ period: e.currentTarget.value.trim() || undefined }); }}
            onBlur={(e) => updateHashParams({ period: e.currentTarget.value.trim() || undefined })} />
        </label>
      </PageHeader>
      {review ? (
        <>
          <ReviewPreviewCard params={review} />
          <Card title="Save this review" note="Your sections go into the document; the numbers are kept as they are today.">
            <SaveReviewForm params={review} />
          </Card>
        </>
      ) : null}
      <SavedReviewsCard />
    </>
  );
}
