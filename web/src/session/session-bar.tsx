// Who is signed in, with sign-out; in open mode, a banner that says anyone here is an admin.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, readJson } from "../api/client";
import { useSession } from "./session";

export function SessionFoot() {
  const { mode, identity } = useSession();
  const queryClient = useQueryClient();
  const signOut = useMutation({ mutationFn: () => readJson(api.auth.logout.$post()), onSuccess: () => queryClient.resetQueries() });
  if (mode === "open") return null;
  return (
    <div className="session-foot" data-testid="session-foot">
      <div className="session-who">{identity.actor}</div>
      <div className="session-role" data-testid="session-role">{identity.role}{identity.teamId ? ` · ${identity.teamId}` : ""}</div>
      {identity.via === "session" ? (
        <button type="button" className="button-link session-sign-out" onClick={() => signOut.mutate()}>Sign out</button>
      ) : null}
    </div>
  );
}

export function OpenModeBanner() {
  if (useSession().mode !== "open") return null;
  return (
    <div className="open-banner" role="note" data-testid="open-mode-banner">
      Demo mode: sign-in is off and everyone who can reach this address is an admin (AUTH_MODE=open, loopback only).
    </div>
  );
}
