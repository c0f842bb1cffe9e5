// Previous reviews as saved, each with the note of what the live numbers now say differently.
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { savedExportUrl, useSavedReviews } from "../../api/use-reviews";
import { DataTable } from "../../components/data-table";

export function SavedReviewsCard() {
  const saved = useSavedReviews();
  return (
    <Card title="Saved reviews" note="A saved review keeps its numbers; a restated bill shows as a note, never as a silent change." testId="saved-reviews">
      <QueryState query={saved} isEmpty={(d) => d.reviews.length === 0} empty="No review saved yet.">
        {({ reviews }) => (
          <DataTable columns={["Review", "Saved", "Since then", "Download"]} testId="saved-reviews-table">
            {reviews.map((r) => (
              <tr key={r.id} className="saved-review-row" data-review-id={r.id} data-restated={String(r.restatement.restated)}>
                <td>{r.title}</td>
                <td className="muted">
                  {r.savedAt.slice(0, 16).replace("T", " ")} by {r.savedBy}
                </td>
                <td data-testid="restatement-note">{r.restatement.summary ?? <span className="muted">No restatement</span>}</td>
                <td className="review-downloads">
                  {(["md", "html", "pdf"] as const).map((f) => (
                    <a key={f} href={savedExportUrl(r.id, f)} download>
                      {f}
                    </a>
                  ))}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </Card>
  );
}
