// Adds a user or changes one (role, team, password) in one audited transaction. A new password
// signs the user out everywhere: a reset is often because the old one leaked.
import type { DbOrTx } from "../../db/client";
import { findUserByEmail, upsertUser, type UserInput } from "../../db/queries/access-users";
import { deleteUserSessions } from "../../db/queries/access-sessions";
import { recordAudit } from "../../db/queries/audit-trail";

export async function saveUser(db: DbOrTx, input: UserInput, actor: string) {
  return db.transaction(async (tx) => {
    const before = await findUserByEmail(tx, input.email);
    const row = await upsertUser(tx, input);
    const passwordChanged = input.passwordHash !== null;
    if (before && passwordChanged) await deleteUserSessions(tx, row.id);
    await recordAudit(tx, { actor, action: before ? "user.update" : "user.create", subject: row.email, before: before ? { role: before.role, teamId: before.teamId } : null, after: { role: row.role, teamId: row.teamId, passwordChanged } });
    return row;
  });
}
