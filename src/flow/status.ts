/** What a profile page shows about an account's 2FA, synchronously. */
import { readInput, type TransitionOptions } from './inputs.js';
import type { TwoFactorState } from './state.js';
import { retryAfterMs } from './throttle.js';

export interface TwoFactorStatus {
  /** 2FA is on: a factor is active. */
  enabled: boolean;
  /** An enrolment is waiting for its first code and has not expired. */
  pending: boolean;
  locked: boolean;
  /** Milliseconds until a code is looked at again; 0 when not throttled. */
  retryAfter: number;
  backupCodesRemaining: number;
}

/**
 * @example
 * ```ts
 * const { enabled, backupCodesRemaining } = status(state);
 * ```
 */
export function status(state: TwoFactorState, options?: TransitionOptions): TwoFactorStatus {
  const { state: s, now, policy } = readInput(state, options, 'status', false);
  return {
    enabled: s.active !== null,
    pending: s.pending !== null && now < s.pending.expiresAt,
    locked: s.throttle.locked,
    retryAfter: retryAfterMs(s.throttle, now, policy),
    backupCodesRemaining: s.active && s.backupCodes ? s.backupCodes.hashes.length : 0,
  };
}
