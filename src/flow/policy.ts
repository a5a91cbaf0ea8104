/**
 * The lifecycle's rules as named numbers (flow.md, Policy), overridable per call with a
 * `policy` option. Durations are milliseconds, like instants.
 */
import { integer, ownRecord } from '../internal/guards.js';

export interface FlowPolicy {
  /** Steps accepted either side of the current step, and either side of the current step plus the drift. Default 1. */
  window: number;
  /** The largest clock drift, in steps, that successes may teach (RFC 6238 §6). Default 2. */
  maxDrift: number;
  /** Consecutive failures that cost nothing. Default 5. */
  freeFailures: number;
  /** The wait after the first failure past the free ones; it doubles with each further failure. Default 1 s. */
  baseDelay: number;
  /** The longest wait. Default 15 minutes. */
  maxDelay: number;
  /** Consecutive failures that lock the account until `unlock` (NIST SP 800-63B §5.2.2: at most 100). Default 100. */
  lockAfter: number;
  /** How long an enrolment waits for its first code. Default 10 minutes. */
  enrollmentTtl: number;
  /** `backup_codes_low` on every use that leaves this many or fewer. Default 3. */
  backupCodesLow: number;
  /** Backup codes in a new set. Default 10. */
  backupCodeCount: number;
}

const DAY = 86_400_000;

/** Each rule's default, then the least and the most a `policy` option may set. */
const RULES: Record<keyof FlowPolicy, readonly [value: number, min: number, max: number]> = {
  window: [1, 0, 5],
  maxDrift: [2, 0, 5], // window + maxDrift stays within verifyTOTP's 10 steps a side
  freeFailures: [5, 0, 100],
  baseDelay: [1_000, 0, DAY],
  maxDelay: [15 * 60_000, 0, DAY],
  lockAfter: [100, 1, 100], // NIST's ceiling: never more than 100 consecutive failures
  enrollmentTtl: [10 * 60_000, 1_000, DAY],
  backupCodesLow: [3, 0, 100],
  backupCodeCount: [10, 1, 100],
};

/** The rules flow.md gives: ±1 step, drift up to 2, 5 free failures, waits from 1 s doubling to 15 min, lock at 100. */
export const DEFAULT_POLICY: Readonly<FlowPolicy> = Object.freeze(
  Object.fromEntries(Object.entries(RULES).map(([rule, [value]]) => [rule, value])) as unknown as FlowPolicy,
);

/** The defaults with the caller's overrides, each checked against its limits. */
export function policyOption(value: unknown): FlowPolicy {
  if (value === undefined) return DEFAULT_POLICY;
  const given = ownRecord<FlowPolicy>(value, 'policy');
  const policy = { ...DEFAULT_POLICY };
  for (const [rule, [fallback, min, max]] of Object.entries(RULES) as [keyof FlowPolicy, readonly [number, number, number]][]) {
    policy[rule] = integer(`policy.${rule}`, given[rule], min, max, fallback);
  }
  return policy;
}

/** The drift a success at `delta` steps teaches: the delta itself, bounded by ±maxDrift (RFC 6238 §6). */
export function boundedDrift(delta: number, policy: FlowPolicy): number {
  return Math.max(-policy.maxDrift, Math.min(policy.maxDrift, delta));
}

/**
 * How long the attempt after the `failures`-th consecutive failure must wait, in ms: nothing for
 * the free ones, then baseDelay, 2 × baseDelay, … up to maxDelay (flow.md: min(2^(n−6) s, 15 min)).
 */
export function waitAfter(failures: number, policy: FlowPolicy): number {
  const beyond = failures - policy.freeFailures;
  if (beyond <= 0) return 0;
  // 2 ** 40 is past any maxDelay; capping the exponent keeps the arithmetic finite.
  return Math.min(policy.baseDelay * 2 ** Math.min(beyond - 1, 40), policy.maxDelay);
}
