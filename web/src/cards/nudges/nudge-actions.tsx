// Acknowledge, snooze (a week / month / quarter) or dismiss with a reason: the buttons under a nudge.
import { useState } from "react";
import { useNudgeAction, type Nudge, type NudgeActionInput } from "../../api/use-nudges";
import { useActor } from "../ownership/use-actor";
import { dismissReasons, snoozePeriods } from "./nudge-labels";

type Mode = "idle" | "snooze" | "dismiss";

export function NudgeActions({ nudge }: { nudge: Nudge }) {
  const [mode, setMode] = useState<Mode>("idle");
  const [reason, setReason] = useState<(typeof dismissReasons)[number]["value"]>("expected");
  const [note, setNote] = useState("");
  const [actor] = useActor();
  const action = useNudgeAction();
  const run = (input: NudgeActionInput) => action.mutate({ id: nudge.id, action: input, actor }, { onSuccess: () => setMode("idle") });
  if (nudge.status === "resolved") return null;
  return (
    <div className="nudge-actions" data-testid="nudge-actions">
      {mode === "idle" ? (
        <>
          {nudge.status !== "acknowledged" ? (
            <button type="button" className="button button-small button-primary" disabled={action.isPending} onClick={() => run({ action: "acknowledge" })}>
              Acknowledge
            </button>
          ) : null}
          <button type="button" className="button button-small" onClick={() => setMode("snooze")}>Snooze…</button>
          {nudge.status !== "dismissed" ? (
            <button type="button" className="button button-small" onClick={() => setMode("dismiss")}>Dismiss…</button>
          ) : null}
        </>
      ) : mode === "snooze" ? (
        <>
          <span className="muted">Snooze for</span>
          {snoozePeriods.map((p) => (
            <button key={p.value} type="button" className="button button-small" disabled={action.isPending} onClick={() => run({ action: "snooze", period: p.value })}>
              {p.label}
            </button>
          ))}
          <button type="button" className="button-link" onClick={() => setMode("idle")}>Cancel</button>
        </>
      ) : (
        <>
          <label className="nudge-inline-field">
            <span className="muted">Reason</span>
            <select value={reason} onChange={(event) => setReason(event.target.value as typeof reason)} aria-label="Dismiss reason">
              {dismissReasons.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
            </select>
          </label>
          <input type="text" className="nudge-note" placeholder="Note (optional)" value={note} maxLength={2000} onChange={(event) => setNote(event.target.value)} aria-label="Dismiss note" />
          <button type="button" className="button button-small button-primary" disabled={action.isPending} onClick={() => run({ action: "dismiss", reason, note: note || undefined })}>
            Dismiss
          </button>
          <button type="button" className="button-link" onClick={() => setMode("idle")}>Cancel</button>
        </>
      )}
      {action.isError ? <span className="nudge-error" role="alert">{action.error.message}</span> : null}
    </div>
  );
}
