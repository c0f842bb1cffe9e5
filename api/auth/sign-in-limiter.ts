// Sign-in attempts in a sliding window. An attempt is counted when it starts (reserve), before the
// slow password check, so parallel guesses cannot all pass the check; a success takes its own
// attempt back. In memory: one process guards itself.
//
// Keys (see signInKeys): the account from this address gets the tight limit, the account from all
// addresses a looser one. There is no key for the address alone: one client behind a company's
// proxy must not lock out everyone else behind it.
export interface Reservation {
  /** The password was right: the attempt does not count, nor do earlier failures of the first key. */
  succeed(): void;
}

export type Reserved = { ok: true; reservation: Reservation } | { ok: false; retryAfterMs: number };

export interface SignInLimiter {
  /** Counts an attempt on every key at once, or refuses it with the wait when any key is full. */
  reserve(keys: LimitedKey[]): Reserved;
}

export interface LimitedKey {
  key: string;
  max: number;
}

/** The keys of an attempt: the account from this address (max), the account from anywhere (5 x max). */
export const signInKeys = (email: string, address: string, max: number): LimitedKey[] => [
  { key: `account+address:${email} ${address}`, max },
  { key: `account:${email}`, max: max * 5 },
];

const MAX_KEYS = 100_000; // a flood of random emails must not grow memory without bound

export function createSignInLimiter(windowMs: number, now = () => Date.now()): SignInLimiter {
  const attempts = new Map<string, number[]>();
  const recent = (key: string) => {
    const since = now() - windowMs;
    const kept = (attempts.get(key) ?? []).filter((t) => t > since);
    if (kept.length) attempts.set(key, kept);
    else attempts.delete(key);
    return kept;
  };
  const waitFor = ({ key, max }: LimitedKey) => {
    const times = recent(key);
    return times.length >= max ? times[times.length - max]! + windowMs - now() : 0;
  };
  return {
    // Synchronous from check to count: no other request can run in between.
    reserve: (keys) => {
      const wait = Math.max(0, ...keys.map(waitFor));
      if (wait > 0) return { ok: false, retryAfterMs: wait };
      if (attempts.size > MAX_KEYS) attempts.clear();
      const at = now();
      for (const { key, max } of keys) attempts.set(key, [...recent(key), at].slice(-max));
      const succeed = () => {
        attempts.delete(keys[0]!.key);
        for (const { key } of keys.slice(1)) {
          const times = attempts.get(key) ?? [];
          const index = times.indexOf(at);
          if (index >= 0) times.splice(index, 1);
        }
      };
      return { ok: true, reservation: { succeed } };
    },
  };
}
