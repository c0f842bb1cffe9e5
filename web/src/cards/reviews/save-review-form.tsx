// Save the review: the author's sections, then a snapshot of today's numbers kept as they are.
import { useState, type FormEvent } from "react";
import { useSaveReview, type ReviewParams } from "../../api/use-reviews";

const SECTIONS = [
  { key: "operating", label: "How well is the area operating?" },
  { key: "improve", label: "What will we do to operate better?" },
  { key: "asks", label: "What we need from reviewers" },
] as const;

export function SaveReviewForm({ params }: { params: ReviewParams }) {
  const [sections, setSections] = useState<Record<string, string>>({});
  const [actor, setActor] = useState("");
  const save = useSaveReview();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ ...params, authorSections: sections, actor }, { onSuccess: () => setSections({}) });
  };
  return (
    <form className="review-form" onSubmit={submit} data-testid="save-review-form">
      {SECTIONS.map((s) => (
        <label key={s.key} className="field">
          <span className="field-label">{s.label}</span>
          <textarea rows={3} value={sections[s.key] ?? ""} onChange={(e) => setSections({ ...sections, [s.key]: e.target.value })} data-testid={`review-section-${s.key}`} />
        </label>
      ))}
      <label className="field">
        <span className="field-label">Saved by</span>
        <input value={actor} onChange={(e) => setActor(e.target.value)} data-testid="review-actor" />
      </label>
      <button type="submit" className="button button-small button-primary" disabled={save.isPending} data-testid="review-save">
        {save.isPending ? "Saving…" : "Save this review"}
      </button>
      {save.isError ? <p className="state-error" role="alert">{save.error.message}</p> : null}
    </form>
  );
}
