// The name recorded in audits. Signed in, it is the identity the server knows (and records anyway);
// in the open demo mode, the name a person gives, remembered in this browser.
import { useState } from "react";
import { useSession } from "../../session/session";

const KEY = "tallyboard.actor";

function read(): string {
  try {
    return window.localStorage.getItem(KEY) ?? "";
  } catch {
    return "";
  }
}

export function useActor(): [string, (next: string) => void] {
  const session = useSession();
  const [actor, setActor] = useState(read);
  if (session.mode !== "open") return [session.identity.actor, () => {}];
  return [
    actor,
    (next) => {
      setActor(next);
      try {
        window.localStorage.setItem(KEY, next);
      } catch {
        // Private windows may refuse storage; the name then lasts for this page only.
      }
    },
  ];
}
