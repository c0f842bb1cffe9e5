// The name a person gives for the audit trail, remembered in this browser (there is no sign-in yet).
import { useState } from "react";

const KEY = "tallyboard.actor";

function read(): string {
  try {
    return window.localStorage.getItem(KEY) ?? "";
  } catch {
    return "";
  }
}

export function useActor(): [string, (next: string) => void] {
  const [actor, setActor] = useState(read);
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
