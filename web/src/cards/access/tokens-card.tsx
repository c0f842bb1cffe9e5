// API tokens: create one (its secret is shown once, here), see when each was last used, revoke.
import { useState, type FormEvent } from "react";
import { Card } from "../../components/card";
import { QueryState } from "../../components/query-state";
import { useCreateToken, useRevokeToken, useTokens, type NewToken } from "../../api/use-access";
import { formatTimestamp } from "../../format/dates";

export function TokensCard() {
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [form, setForm] = useState<{ name: string; scope: NewToken["scope"]; teamId: string }>({ name: "", scope: "read", teamId: "" });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: form.name, scope: form.scope, ...(form.scope === "write" ? { teamId: form.teamId } : {}) });
  };
  return (
    <Card title="API tokens" note="Send as Authorization: Bearer <token>. read = viewer, write = editor of one team, admin = everything." testId="tokens-card">
      <form className="token-form" onSubmit={submit}>
        <input placeholder="Name (what uses it)" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required aria-label="Token name" data-testid="token-name" />
        <select value={form.scope} onChange={(e) => setForm({ ...form, scope: e.target.value as NewToken["scope"] })} aria-label="Scope">
          <option value="read">read</option>
          <option value="write">write (one team)</option>
          <option value="admin">admin</option>
        </select>
        {form.scope === "write" ? <input placeholder="Team id" value={form.teamId} onChange={(e) => setForm({ ...form, teamId: e.target.value })} required aria-label="Team" /> : null}
        <button type="submit" className="button button-small button-primary" disabled={create.isPending} data-testid="token-create">Create token</button>
      </form>
      {create.data ? (
        <p className="token-secret" role="status" data-testid="token-secret">
          Copy it now, it is not shown again: <code>{create.data.token}</code>
        </p>
      ) : null}
      {create.isError ? <p className="state state-error" role="alert">{create.error.message}</p> : null}
      <QueryState query={tokens} height={80} isEmpty={(d) => d.tokens.length === 0} empty="No API tokens yet.">
        {(data) => (
          <table className="table table-compact" data-testid="tokens-table">
            <thead><tr><th>Name</th><th>Token</th><th>Scope</th><th>Created</th><th>Last used</th><th /></tr></thead>
            <tbody>
              {data.tokens.map((t) => (
                <tr key={t.id} className={t.revokedAt ? "muted" : undefined}>
                  <td>{t.name}</td>
                  <td className="mono">{t.prefix}…</td>
                  <td>{t.role === "viewer" ? "read" : t.role === "editor" ? `write ${t.teamId}` : "admin"}</td>
                  <td className="nowrap">{formatTimestamp(t.createdAt)} by {t.createdBy}</td>
                  <td className="nowrap">{t.lastUsedAt ? formatTimestamp(t.lastUsedAt) : "never"}</td>
                  <td>{t.revokedAt ? "revoked" : <button type="button" className="button-link" onClick={() => revoke.mutate(t.id)}>Revoke</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </Card>
  );
}
