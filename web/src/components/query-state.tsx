// Loading, empty and error states, the same in every card. The error shows the API's own message.
import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { ApiRequestError } from "../api/client";

export function Loading({ label = "Loading…", height = 120 }: { label?: string; height?: number }) {
  return (
    <div className="state state-loading" style={{ minHeight: height }} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Empty({ children, height = 120 }: { children: ReactNode; height?: number }) {
  return (
    <div className="state state-empty" style={{ minHeight: height }} data-testid="empty-state">
      {children}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const requestId = error instanceof ApiRequestError ? error.requestId : undefined;
  return (
    <div className="state state-error" role="alert" data-testid="error-state">
      <strong>Could not load this.</strong> {error.message}
      {requestId ? <span className="muted"> (request {requestId})</span> : null}
      {onRetry ? (
        <button type="button" className="button-link" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** Renders the right state for a query; `isEmpty` decides when the data has nothing to draw. */
export function QueryState<T>({
  query,
  isEmpty,
  empty,
  height,
  children,
}: {
  query: UseQueryResult<T, Error>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  height?: number;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading height={height} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <Empty height={height}>{empty ?? "No data yet: the first sync is running."}</Empty>;
  return <>{children(query.data)}</>;
}
