// Failed sign-ins per client address and per email, in a sliding window: past the limit, sign-in
// answers 429 until the oldest failure leaves the window. In memory: one process guards itself.
export interface SignInLimiter {
  /** Milliseconds to wait when either key is over the limit; 0 when sign-in may be tried. */
  retryAfterMs(keys: string[]): number;
  fail(keys: string[]): void;
  succeed(keys: string[]): void;
}

export function createSignInLimiter(maxAttempts: number, windowMs: number, now = () => Date.now()): SignInLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string) => {
    const since = now() - windowMs;
    const kept = (failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length) failures.set(key, kept);
    else failures.delete(key);
    return kept;
  };
  return {
    retryAfterMs: (keys) =>
      Math.max(0, ...keys.map((key) => {
        const times = recent(key);
        return times.length >= maxAttempts ? times[times.length - maxAttempts]! + windowMs - now() : 0;
      })),
    fail: (keys) => {
      for (const key of keys) failures.set(key, [...recent(key), now()].slice(-maxAttempts));
      if (failures.size > 100_000) failures.clear(); // a flood of random emails must not grow memory without bound
    },
    succeed: (keys) => keys.forEach((key) => failures.delete(key)),
  };
}
