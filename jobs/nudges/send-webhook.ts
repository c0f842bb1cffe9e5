// One POST to a webhook (only where webhook-address-guard.ts allows), and the bounded retry loop
// around it (exponential backoff with a cap).
import { scrubUrl } from "./mask-url";
import { guardedPost, RefusedDestination } from "./guarded-post";
import type { WebhookAddressGuard } from "./webhook-address-guard";

export interface SendResult {
  ok: boolean;
  status: number | null;
  /** Why it failed, with the URL scrubbed out. */
  error: string | null;
  /** 4xx other than 408/429 will not get better by retrying. */
  retryable: boolean;
}

/** Posts once; a 3xx is a failure (redirects are never followed: they could lead anywhere). */
export async function postWebhook(url: string, body: unknown, idempotencyKey: string, guard: WebhookAddressGuard, timeoutMs = 10_000): Promise<SendResult> {
  try {
    const headers = { "content-type": "application/json", "idempotency-key": idempotencyKey, "user-agent": "tallyboard-nudges" };
    const status = await guardedPost(new URL(url), JSON.stringify(body), headers, guard, timeoutMs);
    if (status >= 200 && status < 300) return { ok: true, status, error: null, retryable: false };
    if (status >= 300 && status < 400) return { ok: false, status, error: `the webhook answered ${status}: redirects are not followed`, retryable: false };
    const retryable = status >= 500 || status === 408 || status === 429;
    return { ok: false, status, error: `the webhook answered ${status}`, retryable };
  } catch (error) {
    if (error instanceof RefusedDestination) return { ok: false, status: null, error: `refused: ${error.message}`, retryable: false };
    const code = (error as { code?: string }).code;
    const message = (error as Error).name === "TimeoutError" ? "timed out" : `${(error as Error).message}${code && !(error as Error).message.includes(code) ? ` (${code})` : ""}`;
    return { ok: false, status: null, error: scrubUrl(message, url), retryable: true };
  }
}

export interface RetryPolicy {
  /** Attempts in one run, the first included. */
  attemptsPerRun: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts over all runs; past it the delivery is marked failed for good. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attemptsPerRun: 3, baseDelayMs: 1_000, maxDelayMs: 30_000, maxAttempts: 9 };

/** Delay before retry n (1-based): base x 2^(n-1), capped. */
export const backoffDelay = (policy: RetryPolicy, retry: number) => Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
