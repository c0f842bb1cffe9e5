// Changes one team-month budget; the API keeps who changed it, when, and the amount before and after.
import { useState } from "react";
import type { BudgetReviewRow } from "../../api/use-budgets";
import { useSaveBudget } from "../../api/use-budgets";
import { useActor } from "../ownership/use-actor";
import { formatMonth } from "../../format/dates";
import { useSession } from "../../session/session";

export function BudgetEditForm({ row, month }: { row: BudgetReviewRow; month: string }) {
  const [actor, setActor] = useActor();
  const open = useSession().mode === "open";
  const [amount, setAmount] = useState(row.budgetUsd ?? "");
  const save = useSaveBudget();
  const valid = /^\d{1,12}(\.\d{1,2})?$/.test(amount.trim());
  return (
    <form className="budget-form budget-form-inline" data-testid="budget-edit-form" onSubmit={(e) => (e.preventDefault(), save.mutate({ month, teamId: row.teamId, budgetUsd: amount.trim(), actor }))}>
      <label>
        <span>{formatMonth(month)} budget (USD)</span>
        <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" placeholder="0.00" data-testid="budget-edit-amount" />
      </label>
      {open ? (
        <label>
          <span>Changed by</span>
          <input value={actor} onChange={(e) => setActor(e.target.value)} placeholder="your name" required />
        </label>
      ) : null}
      <button type="submit" className="button" disabled={!valid || !actor.trim() || save.isPending || amount.trim() === row.budgetUsd}>
        {save.isPending ? "Saving…" : row.budgetUsd === null ? "Set budget" : "Change budget"}
      </button>
      {save.isError ? <p className="state-error" role="alert">{save.error.message}</p> : null}
    </form>
  );
}
