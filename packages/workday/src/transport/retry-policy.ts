/**
 * Bounded exponential backoff with jitter: attempt n waits a random time between half and all of
 * min(maxDelay, baseDelay · 2ⁿ), so many clients hitting a recovering tenant spread out.
 */
export interface RetryPolicy {
  /** Extra attempts after the first. */
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Delay before retry number `attempt` (0 = the first retry). `random` is uniform in [0, 1). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
