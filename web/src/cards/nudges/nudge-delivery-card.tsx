// Where a team's nudges go: a Slack-compatible incoming webhook and a generic JSON webhook. The URLs
// are secrets: the API shows only a mask, so a field is for replacing a URL, never for reading it.
import { useState } from "react";
import { useNudgeDeliveries, useNudgeSettings, useSaveNudgeSettings } from "../../api/use-nudges";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { useActor } from "../ownership/use-actor";
import { Can } from "../../session/session";

type Channel = "slackWebhookUrl" | "jsonWebhookUrl";

function WebhookField({ teamId, channel, label, current }: { teamId: string; channel: Channel; label: string; current: string | null }) {
  const [value, setValue] = useState("");
  const [actor] = useActor();
  const save = useSaveNudgeSettings(teamId);
  const submit = (url: string | null) => save.mutate({ change: { [channel]: url }, actor }, { onSuccess: () => setValue("") });
  return (
    <div className="field nudge-webhook">
      <span className="field-label">{label}</span>
      <div className="nudge-webhook-row">
        <code className="nudge-masked" data-testid={`webhook-${channel}`}>{current ?? "not set"}</code>
        <input type="text" placeholder={current ? "Paste a new URL to replace it" : "https://…"} value={value} onChange={(event) => setValue(event.target.value)} aria-label={`${label} URL`} />
        <button type="button" className="button button-small button-primary" disabled={!value || save.isPending} onClick={() => submit(value.trim())}>Save</button>
        {current ? <button type="button" className="button button-small" disabled={save.isPending} onClick={() => submit(null)}>Remove</button> : null}
      </div>
      {save.isError ? <span className="nudge-error" role="alert">{save.error.message}</span> : null}
    </div>
  );
}

export function NudgeDeliveryCard({ teamId }: { teamId: string }) {
  const settings = useNudgeSettings(teamId);
  const log = useNudgeDeliveries(teamId);
  return (
    <Card title="Delivery" note="New and reopened nudges are posted after each run, with a weekly digest; failed posts retry with backoff." testId="nudge-delivery">
      <QueryState query={settings}>
        {({ settings: s }) => (
          <Can need="admin">
            <div className="nudge-webhooks">
              <WebhookField teamId={teamId} channel="slackWebhookUrl" label="Slack incoming webhook" current={s.slackWebhook} />
              <WebhookField teamId={teamId} channel="jsonWebhookUrl" label="JSON webhook" current={s.jsonWebhook} />
            </div>
          </Can>
        )}
      </QueryState>
      <h3 className="nudge-subtitle">Delivery log</h3>
      <QueryState query={log} isEmpty={(data) => data.deliveries.length === 0} empty="Nothing sent yet." height={60}>
        {(data) => (
          <table className="table table-compact" data-testid="nudge-delivery-log">
            <thead><tr><th>Message</th><th>Channel</th><th>Status</th><th className="num">Attempts</th><th>Last error</th></tr></thead>
            <tbody>
              {data.deliveries.map((d) => (
                <tr key={d.id}>
                  <td>{d.kind === "digest" ? `Weekly digest ${d.id.split(":")[2]}` : `Nudge #${d.nudgeId}`}</td>
                  <td>{d.channel === "slack" ? "Slack" : "JSON"}</td>
                  <td><span className={`badge badge-${d.status === "sent" ? "succeeded" : d.status === "failed" ? "failed" : "warning"}`}>{d.status}</span></td>
                  <td className="num">{d.attempts}</td>
                  <td className="muted">{d.lastError ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </Card>
  );
}
