/**
 * Reconnect delays: exponential growth with "equal jitter" (half the delay fixed, half
 * random), so many agents that lost the coordinator at once do not reconnect in lockstep,
 * and no agent retries in a tight loop.
 */
export interface BackoffPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Growth per failed attempt. */
  readonly multiplier: number;
  /** Share of the delay that is random, 0..1. */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialDelayMs: 1000, maxDelayMs: 60_000, multiplier: 2, jitter: 0.5 };

/** The ceiling of the delay before attempt `attempt` (0-based), before jitter. */
export function backoffCeiling(attempt: number, policy: BackoffPolicy): number {
  const grown = policy.initialDelayMs * policy.multiplier ** Math.max(0, attempt);
  return Math.min(policy.maxDelayMs, Number.isFinite(grown) ? grown : policy.maxDelayMs);
}

/** The delay before attempt `attempt`: within [ceiling × (1 − jitter), ceiling]. `random` returns [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = backoffCeiling(attempt, policy);
  const floor = ceiling * (1 - policy.jitter);
  return Math.floor(floor + (ceiling - floor) * random());
}
