// Who is signed in (GET /api/me) and what they may do, for every page: the UI hides what a role
// cannot do; the server checks it again on every request (api/auth/policy.ts).
import { createContext, useContext, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson, setCsrfToken } from "../api/client";

export type Me = InferResponseType<typeof api.me.$get, 200>;
export type Identity = NonNullable<Me["identity"]>;
type Need = "editor" | "admin";

export interface Session {
  mode: Me["mode"];
  identity: Identity;
  /** An admin may do anything; an editor only for its own team (teamId) when the change names one. */
  can(need: Need, teamId?: string): boolean;
}

const SessionContext = createContext<Session | null>(null);

export function useMe() {
  return useQuery({
    queryKey: ["me"],
    queryFn: async () => {
      const me = await readJson(api.me.$get());
      setCsrfToken(me.csrfToken);
      return me;
    },
    staleTime: 5 * 60_000,
  });
}

export function sessionOf(me: Me & { identity: Identity }): Session {
  const { identity } = me;
  return {
    mode: me.mode,
    identity,
    can: (need, teamId) => identity.role === "admin" || (need === "editor" && identity.role === "editor" && (teamId === undefined || teamId === identity.teamId)),
  };
}

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a signed-in page");
  return session;
}

/** Shows its children only to an identity that may do `need` (for `teamId`, when given). */
export function Can({ need, teamId, children }: { need: Need; teamId?: string; children: ReactNode }) {
  return useSession().can(need, teamId) ? <>{children}</> : null;
}
