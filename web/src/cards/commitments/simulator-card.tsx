// The what-if simulator: commitments to add (type, term, payment, $/hour) on top of the existing
// Savings Plans, against the last 90 days of eligible usage, and what a usage drop does to them.
import { useState, type FormEvent } from "react";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { useSimulation, type Simulation } from "../../api/use-commitments";
import { formatShare, formatUsd, formatUsdChange } from "../../format/money";

const TYPES = [
  { value: "compute-sp", label: "Compute Savings Plan" },
  { value: "ec2-instance-sp", label: "EC2 Instance Savings Plan" },
  { value: "reserved-instance", label: "Reserved instances" },
];
const PAYMENTS = ["NO_UPFRONT", "PARTIAL_UPFRONT", "ALL_UPFRONT"];

function Result({ data }: { data: Simulation }) {
  const rows = [
    { label: "Existing commitments", r: data.current },
    { label: "With the plan", r: data.withPlan },
  ];
  return (
    <>
      <table className="table" data-testid="simulation-result">
        <thead>
          <tr>
            <th />
            <th className="num">Cost / month</th>
            <th className="num">Saves / month</th>
            <th className="num">Coverage</th>
            <th className="num">Utilization</th>
            <th className="num">Utilization after drop</th>
            <th className="num">Unused after drop</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ label, r }) => (
            <tr key={label}>
              <td>{label}</td>
              <td className="num">{formatUsd(r.current.monthlyCost)}</td>
              <td className="num">{formatUsd(r.current.monthlySavings)}</td>
              <td className="num">{formatShare(r.current.coverage)}</td>
              <td className="num">{formatShare(r.current.utilization)}</td>
              <td className="num" data-field="drop-utilization">{formatShare(r.usageDrop.result.utilization)}</td>
              <td className="num">{formatUsd(r.usageDrop.result.unusedMonthly)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="simulation-summary">
        The plan adds <strong>{formatUsdChange(data.added.monthlySavings)}/month</strong> of savings ({formatUsdChange(data.added.monthlySavingsAfterDrop)}/month if usage drops by{" "}
        {formatShare(data.withPlan.usageDrop.share)}); upfront {formatUsd(data.added.upfront)}, payback {data.added.paybackMonths === null ? "never" : `${data.added.paybackMonths} months`}, break-even
        utilization {formatShare(data.added.breakEvenUtilization)}.
      </p>
    </>
  );
}

export function SimulatorCard() {
  const [form, setForm] = useState({ type: "compute-sp", term: "1", payment: "NO_UPFRONT", hourly: "10", drop: "20" });
  const [asked, setAsked] = useState<{ commitments: string[]; drop: string } | null>(null);
  const query = useSimulation(asked);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const drop = Math.min(100, Math.max(0, Number(form.drop) || 0)) / 100;
    setAsked({ commitments: [`${form.type},${form.term},${form.payment},${form.hourly.trim()}`], drop: String(drop) });
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  return (
    <Card title="What-if simulator" note="Stacks the commitment on the Savings Plans you hold, against the last 90 days of eligible usage at on-demand prices. Rates are planning defaults unless observed." testId="simulator-card">
      <form className="simulator-form" onSubmit={submit} aria-label="Simulate a commitment">
        <label className="field">
          <span className="field-label">Type</span>
          <select value={form.type} onChange={set("type")} aria-label="Type">
            {TYPES.map((t) => (
              <option key={t.value} value={t.value}>{t.label}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Term</span>
          <select value={form.term} onChange={set("term")} aria-label="Term">
            <option value="1">1 year</option>
            <option value="3">3 years</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Payment</span>
          <select value={form.payment} onChange={set("payment")} aria-label="Payment">
            {PAYMENTS.map((p) => (
              <option key={p} value={p}>{p.replaceAll("_", " ").toLowerCase()}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">$ per hour</span>
          <input value={form.hourly} onChange={set("hourly")} inputMode="decimal" aria-label="Dollars per hour" />
        </label>
        <label className="field">
          <span className="field-label">Usage drop %</span>
          <input value={form.drop} onChange={set("drop")} inputMode="numeric" aria-label="Usage drop percent" />
        </label>
        <button type="submit" className="button button-small button-primary" data-testid="simulate-submit">Simulate</button>
      </form>
      {asked ? <QueryState query={query}>{(data) => <Result data={data} />}</QueryState> : <p className="muted">Choose a commitment and simulate.</p>}
    </Card>
  );
}
