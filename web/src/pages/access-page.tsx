// Admins: API tokens for machines (created here, shown once, revocable) and who may sign in.
import { PageHeader } from "../components/page-header";
import { Card } from "../components/card";
import { QueryState } from "../components/query-state";
import { useUsers } from "../api/use-access";
import { TokensCard } from "../cards/access/tokens-card";
import { formatTimestamp } from "../format/dates";

export function AccessPage() {
  const users = useUsers();
  return (
    <>
      <PageHeader measure={false} title="Access" subtitle="API tokens for machines and the people who may sign in." />
      <TokensCard />
      <Card title="Users" note="Added and changed with npm run cli -- users add --email … --role viewer|editor|admin [--team …]." testId="users-card">
        <QueryState query={users} height={80} isEmpty={(d) => d.users.length === 0} empty="No users yet (open or proxy mode needs none).">
          {(data) => (
            <table className="table table-compact">
              <thead><tr><th>Email</th><th>Role</th><th>Team</th><th>Sign-in</th><th>Added</th></tr></thead>
              <tbody>
                {data.users.map((u) => (
                  <tr key={u.id} className={u.disabledAt ? "muted" : undefined}>
                    <td>{u.email}</td><td>{u.role}</td><td>{u.teamId ?? "—"}</td><td>{u.disabledAt ? "disabled" : u.hasPassword ? "password" : "single sign-on"}</td><td className="nowrap">{formatTimestamp(u.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryState>
      </Card>
    </>
  );
}
