// Who is asking: set on the context by authenticate.ts, read by the policy and by handlers that
// record an actor. Roles are ordered: viewer < editor (one team) < admin (finance / platform).
import type { Context } from "hono";
import type { Role } from "../../db/schema/access";

export interface Identity {
  /** What audits record: the email, "token:<name>", or in open mode the name the client gives. */
  actor: string;
  role: Role;
  /** The team an editor may change; null otherwise. */
  teamId: string | null;
  via: "open" | "session" | "token" | "proxy";
}

const rank: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };
export const roleAtLeast = (role: Role, needed: Role) => rank[role] >= rank[needed];

export const setIdentity = (c: Context, identity: Identity) => c.set("identity" as never, identity as never);
export const identityOf = (c: Context): Identity | undefined => c.get("identity" as never) as Identity | undefined;

/** The actor to record for a change; behind the policy an identity is always there. */
export const actorOf = (c: Context): string => identityOf(c)?.actor ?? "anonymous";
