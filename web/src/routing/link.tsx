// An <a> to another view that carries the current measure along.
import type { ReactNode } from "react";
import { hashHref, useHashLocation } from "./hash-location";

export function Link({ to, children, className, params }: { to: string; children: ReactNode; className?: string; params?: Record<string, string> }) {
  const current = useHashLocation().params;
  const next = new URLSearchParams(params);
  const measure = current.get("measure");
  if (measure) next.set("measure", measure);
  return (
    <a className={className} href={hashHref(to, next)}>
      {children}
    </a>
  );
}
