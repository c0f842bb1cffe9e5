// The new service in a few lines: expected operations, the services it will use, what it resembles.
import { useState, type FormEvent } from "react";
import { useTeams } from "../../api/use-teams";
import type { EstimateInput } from "../../api/use-estimates";

const list = (text: string) => text.split(",").map((s) => s.trim()).filter(Boolean);
export interface EstimateForm {
  title: string;
  operationsPerMonth: string;
  operationName: string;
  services: string;
  comparableTeams: string[];
  comparableServices: string;
  teamId: string;
  launchMonth: string;
  actor: string;
}
export const emptyEstimateForm: EstimateForm = { title: "", operationsPerMonth: "", operationName: "requests", services: "", comparableTeams: [], comparableServices: "", teamId: "", launchMonth: "", actor: "" };

export function toEstimateInput(form: EstimateForm): EstimateInput {
  return {
    title: form.title,
    operationsPerMonth: form.operationsPerMonth,
    operationName: form.operationName || "operations",
    services: list(form.services),
    comparables: [...form.comparableTeams.map((id) => ({ kind: "team" as const, id })), ...list(form.comparableServices).map((id) => ({ kind: "service" as const, id }))],
    teamId: form.teamId || null,
    launchMonth: form.launchMonth || null,
  };
}

export function EstimateFormFields({ onEstimate, onSave, busy }: { onEstimate: (form: EstimateForm) => void; onSave: (form: EstimateForm) => void; busy: boolean }) {
  const [form, setForm] = useState(emptyEstimateForm);
  const teams = (useTeams({ measure: "amortized" }).data?.teams ?? []).filter((t) => t.id !== "unattributed").sort((a, b) => a.name.localeCompare(b.name));
  const set = (key: keyof EstimateForm) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onEstimate(form);
  };
  const text = (key: keyof EstimateForm, label: string, props: Record<string, string | boolean> = {}) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input value={form[key] as string} onChange={set(key)} data-testid={`estimate-${key}`} aria-label={label} {...props} />
    </label>
  );
  return (
    <form className="estimate-form" onSubmit={submit} data-testid="estimate-form">
      {text("title", "What is it?", { required: true, placeholder: "Autocomplete service" })}
      {text("operationsPerMonth", "Operations per month", { required: true, inputMode: "numeric", placeholder: "5000000" })}
      {text("operationName", "An operation is a…", { placeholder: "search" })}
      {text("services", "Services it will use (comma separated, optional)", { placeholder: "Amazon DynamoDB, AWS Lambda" })}
      <label className="field">
        <span className="field-label">Comparable teams</span>
        <select multiple value={form.comparableTeams} onChange={(e) => setForm({ ...form, comparableTeams: [...e.target.selectedOptions].map((o) => o.value) })} data-testid="estimate-comparableTeams" aria-label="Comparable teams" size={6}>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>{t.name}</option>
          ))}
        </select>
      </label>
      {text("comparableServices", "Comparable billed services (comma separated, optional)")}
      <label className="field">
        <span className="field-label">Owning team (for the actuals after launch)</span>
        <select value={form.teamId} onChange={set("teamId")} data-testid="estimate-teamId" aria-label="Owning team">
          <option value="">None yet</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>{t.name}</option>
          ))}
        </select>
      </label>
      {text("launchMonth", "Launch month", { type: "month" })}
      {text("actor", "Saved by")}
      <div className="estimate-actions">
        <button type="submit" className="button button-small button-primary" disabled={busy} data-testid="estimate-submit">Estimate</button>
        <button type="button" className="button button-small" disabled={busy} onClick={() => onSave(form)} data-testid="estimate-save">Save estimate</button>
      </div>
    </form>
  );
}
