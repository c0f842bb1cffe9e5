// The typed API client: request and response types come from the server's routes (ApiType),
// so the dashboard never redeclares a response shape. Type-only imports keep server code out of the bundle.
import { hc, type ClientResponse } from "hono/client";
import type { ApiType } from "../../../api/app";
import type { ErrorBody } from "../../../api/errors";

/** The session's CSRF token (from GET /api/me), echoed on every request; null when not signed in by cookie. */
let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => void (csrfToken = token);
export const csrfHeaders = (): Record<string, string> => (csrfToken ? { "x-csrf-token": csrfToken } : {});

export const api = hc<ApiType>("/api", { headers: csrfHeaders });

/** An API error with the server's message, for a card's error state. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** The JSON body of a successful response; the API's {error: {...}} body otherwise becomes an ApiRequestError. */
export async function readJson<T>(request: Promise<ClientResponse<T>>): Promise<T> {
  let response: ClientResponse<T>;
  try {
    response = await request;
  } catch (error) {
    throw new ApiRequestError(`Could not reach the API (${(error as Error).message})`, 0);
  }
  if (response.ok) return (await response.json()) as T;
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  throw new ApiRequestError(body?.error?.message ?? `The API answered ${response.status}`, response.status, body?.error?.requestId);
}
