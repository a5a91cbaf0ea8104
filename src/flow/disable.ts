/**
 * Switching 2FA off, and the operator's way back in. Disabling clears the factor, any pending
 * enrolment and the backup codes but keeps the failure count, so disabling and re-enabling
 * never resets the throttle.
 */
import { unchanged, type FlowResult } from './events.js';
import { readInput, type TransitionOptions } from './inputs.js';
import { prove, requiredProof, type Proof, type ProofFailure } from './proof.js';
import { keysOption, type FlowKeys } from './sealing.js';
import { changed, type TwoFactorState } from './state.js';
import { CLEAR } from './throttle.js';

export interface DisableOptions extends TransitionOptions {
  /** A current code, a backup code, or `{ trusted }` when the application authenticated the request itself ("type Disable" in a 2FA session, an API token). */
  proof: Proof;
  keys: FlowKeys | null;
}

/**
 * Turns 2FA off after a proof.
 *
 * @example
 * ```ts
 * const result = await disable(state, { proof: { trusted: 'api-token' }, keys });
 * ```
 */
export async function disable(state: TwoFactorState, options: DisableOptions): Promise<FlowResult<'ok' | ProofFailure | 'not-enabled'>> {
  const { state: s, o, now, policy } = readInput(state, options, 'disable');
  const ring = keysOption(o.keys);
  const proof = requiredProof(o.proof);
  if (!s.active) return unchanged(s, 'not-enabled');
  const proven = await prove(s, proof, ring, now, policy);
  if (!proven.ok) return proven;
  return {
    ok: true,
    outcome: 'ok',
    state: changed(s, { ...proven.change, active: null, pending: null, backupCodes: null }),
    events: [...proven.events, { type: 'disabled', at: now, by: proven.by }],
  };
}

/**
 * For out-of-band recovery, after support has checked the user's identity: clears the lock and
 * the failure count.
 *
 * @example
 * ```ts
 * const result = unlock(state); // then write result.state back
 * ```
 */
export function unlock(state: TwoFactorState, options?: TransitionOptions): FlowResult<'ok'> {
  const { state: s, now } = readInput(state, options, 'unlock', false);
  const { failures, lastFailureAt, locked } = s.throttle;
  if (!locked && failures === 0 && lastFailureAt === null) return { ...unchanged(s, 'ok'), ok: true };
  return { ok: true, outcome: 'ok', state: changed(s, { throttle: CLEAR }), events: [{ type: 'unlocked', at: now }] };
}
