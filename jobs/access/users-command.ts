// npm run cli -- users add|list|disable: who may sign in. The password comes from the environment
// (TALLYBOARD_PASSWORD) or standard input, never from the command line (which shells and ps keep).
import { userInfo } from "node:os";
import { openDatabase } from "../../db/client";
import { ROLES, type Role } from "../../db/schema/access";
import { disableUser, listUsers } from "../../db/queries/access-users";
import { deleteUserSessions } from "../../db/queries/access-sessions";
import { recordAudit } from "../../db/queries/audit-trail";
import type { Config } from "../config/load-config";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./secrets";
import { saveUser } from "./save-user";

export interface UsersOptions {
  email?: string;
  role?: string;
  team?: string;
  "sso-only"?: boolean;
}

async function readPassword(env: NodeJS.ProcessEnv): Promise<string> {
  if (env.TALLYBOARD_PASSWORD) return env.TALLYBOARD_PASSWORD;
  if (process.stdin.isTTY) throw new Error("give the password on standard input (echo ... | npm run cli -- users add ...) or in TALLYBOARD_PASSWORD");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

export async function usersCommand(config: Config, action: string | undefined, options: UsersOptions, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const database = await openDatabase(config.database);
  const actor = `cli:${userInfo().username}`;
  try {
    if (action === "list") return void console.table(await listUsers(database.db));
    if (!options.email || !/^[^@\s]+@[^@\s]+$/.test(options.email)) throw new Error("--email name@company.com is needed");
    if (action === "disable") {
      const user = await database.db.transaction(async (tx) => {
        const row = await disableUser(tx, options.email!);
        if (row) await deleteUserSessions(tx, row.id);
        if (row) await recordAudit(tx, { actor, action: "user.disable", subject: row.email, before: { role: row.role }, after: { disabled: true } });
        return row;
      });
      if (!user) throw new Error(`no user ${options.email}`);
      return void console.log(`${user.email} is disabled and signed out`);
    }
    if (action !== "add") throw new Error(`users ${action ?? ""}: expected add, list or disable`);
    const role = options.role as Role;
    if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(", ")}`);
    if (role === "editor" && !options.team) throw new Error("an editor changes one team: give --team <team id>");
    const password = options["sso-only"] ? null : await readPassword(env);
    if (password !== null && password.length < MIN_PASSWORD_LENGTH) throw new Error(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
    const passwordHash = password === null ? null : await hashPassword(password);
    const user = await saveUser(database.db, { email: options.email, role, teamId: role === "editor" ? options.team! : null, passwordHash }, actor);
    console.log(`${user.email}: ${user.role}${user.teamId ? ` of ${user.teamId}` : ""}${passwordHash ? ", password set" : ", single sign-on only"}`);
  } finally {
    await database.close();
  }
}
