// "Record a win": what changed, when it shipped, the savings a month it should bring, optional scope.
import { useState, type FormEvent } from "react";
import { useTeams } from "../../api/use-teams";
import { useRecordWin } from "../../api/use-leaderboard";
import type { Measure } from "../../routing/measure";
import { useSession } from "../../session/session";

const empty = { teamId: "", title: "", shippedOn: "", expectedMonthlySavingsUsd: "", service: "", accountId: "", actor: "" };

export function RecordWinForm({ measure }: { measure: Measure }) {
  const [form, setForm] = useState(empty);
  const teams = useTeams({ measure: "amortized" });
  const record = useRecordWin();
  const session = useSession();
  const options = (teams.data?.teams ?? []).filter((t) => t.id !== "unattributed" && session.can("editor", t.id)).sort((a, b) => a.name.localeCompare(b.name));
  const set = (key: keyof typeof empty) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate({ ...form, measure }, { onSuccess: () => setForm(empty) });
  };
  const field = (key: keyof typeof empty, label: string, props: Record<string, string | boolean> = {}) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input value={form[key]} onChange={set(key)} data-testid={`win-${key}`} aria-label={label} {...props} />
    </label>
  );
  return (
    <form className="win-form" onSubmit={submit} data-testid="record-win-form">
      <label className="field">
        <span className="field-label">Team</span>
        <select value={form.teamId} onChange={set("teamId")} data-testid="win-teamId" aria-label="Team" required>
          <option value="">Choose a team</option>
          {options.map((t) => (
            <option key={t.id} value={t.id}>{t.name}</option>
          ))}
        </select>
      </label>
      {field("title", "What changed", { required: true, placeholder: "Rightsized the checkout fleet" })}
      {field("shippedOn", "Shipped on", { type: "date", required: true })}
      {field("expectedMonthlySavingsUsd", "Expected savings / month (USD)", { required: true, inputMode: "decimal", placeholder: "2500.00" })}
      {field("service", "Service (optional)")}
      {field("accountId", "Account (optional)")}
      {session.mode === "open" ? field("actor", "Recorded by") : null}
      <button type="submit" className="button button-small button-primary" disabled={record.isPending} data-testid="win-submit">
        {record.isPending ? "Recording…" : "Record a win"}
      </button>
      {record.isError ? <p className="state-error" role="alert">{record.error.message}</p> : null}
    </form>
  );
}
