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

export const DEFAULT_POLICY: Readonly<FlowPolicy> = Object.freeze({
  window: 1,
  maxDrift: 2,
  freeFailures: 5,
  baseDelay: 1_000,
  maxDelay: 15 * 60_000,
  lockAfter: 100,
  enrollmentTtl: 10 * 60_000,
  backupCodesLow: 3,
  backupCodeCount: 10,
});

const DAY = 86_400_000;
const LIMITS: Record<keyof FlowPolicy, [number, number]> = {
  window: [0, 10],
  maxDrift: [0, 10],
  freeFailures: [0, 100],
  baseDelay: [0, DAY],
  maxDelay: [0, DAY],
  lockAfter: [1, 100], // NIST's ceiling: never more than 100 consecutive failures
  enrollmentTtl: [1_000, DAY],
  backupCodesLow: [0, 100],
  backupCodeCount: [1, 100],
};

/** The defaults with the caller's overrides, each checked against its limits. */
export function policyOption(value: unknown): FlowPolicy {
  if (value === undefined) return DEFAULT_POLICY;
  const given = ownRecord<FlowPolicy>(value, 'policy');
  const policy = { ...DEFAULT_POLICY };
  for (const key of Object.keys(LIMITS) as (keyof FlowPolicy)[]) {
    const [min, max] = LIMITS[key];
    policy[key] = integer(`policy.${key}`, given[key], min, max, DEFAULT_POLICY[key]);
  }
  return policy;
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
