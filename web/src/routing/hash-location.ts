// A dependency-free hash router: "#/teams/checkout?measure=unblended" -> {path, params}.
// The hash keeps every view (page, measure, period) shareable as a link without server routes.
import { useSyncExternalStore } from "react";

export interface HashLocation {
  path: string;
  params: URLSearchParams;
}

function subscribe(onChange: () => void) {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

const readHash = () => window.location.hash;

export function useHashLocation(): HashLocation {
  const hash = useSyncExternalStore(subscribe, readHash);
  return parseHash(hash);
}

export function parseHash(hash: string): HashLocation {
  const raw = hash.replace(/^#/, "") || "/";
  const [path = "/", query = ""] = raw.split("?", 2);
  return { path: path || "/", params: new URLSearchParams(query) };
}

export function hashHref(path: string, params: URLSearchParams): string {
  const query = params.toString();
  return `#${path}${query ? `?${query}` : ""}`;
}

/** Replaces some query parameters of the current location (undefined removes one). */
export function updateHashParams(changes: Record<string, string | undefined>): void {
  const { path, params } = parseHash(window.location.hash);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) params.delete(key);
    else params.set(key, value);
  }
  window.location.hash = hashHref(path, params);
}

/** Goes to another view, keeping the measure the reader chose. */
export function navigateTo(path: string, extra: Record<string, string> = {}): void {
  const measure = parseHash(window.location.hash).params.get("measure");
  window.location.hash = hashHref(path, new URLSearchParams({ ...(measure ? { measure } : {}), ...extra }));
}
