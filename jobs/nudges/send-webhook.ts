// One POST to a webhook, and the bounded retry loop around it (exponential backoff with a cap).
import { scrubUrl } from "./mask-url";

export interface SendResult {
  ok: boolean;
  status: number | null;
  /** Why it failed, with the URL scrubbed out. */
  error: string | null;
  /** 4xx other than 408/429 will not get better by retrying. */
  retryable: boolean;
}

export async function postWebhook(url: string, body: unknown, idempotencyKey: string, timeoutMs = 10_000): Promise<SendResult> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": idempotencyKey, "user-agent": "tallyboard-nudges" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => {});
    if (response.ok) return { ok: true, status: response.status, error: null, retryable: false };
    const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
    return { ok: false, status: response.status, error: `the webhook answered ${response.status}`, retryable };
  } catch (error) {
    const inner = (error as { cause?: { code?: string; message?: string; errors?: Array<{ code?: string }> } }).cause;
    const cause = inner?.code ?? inner?.errors?.[0]?.code ?? inner?.message;
    const message = `${(error as Error).name === "TimeoutError" ? "timed out" : (error as Error).message}${cause ? ` (${cause})` : ""}`;
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
