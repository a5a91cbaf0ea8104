/** Log-in with a code from the authenticator app, the second step after the password. */
import { unchanged, type FlowResult } from './events.js';
import { readInput, type TransitionOptions } from './inputs.js';
import { prove, type ProofFailure } from './proof.js';
import { keysOption, type FlowKeys } from './sealing.js';
import { changed, type TwoFactorState } from './state.js';

export interface VerifyLoginOptions extends TransitionOptions {
  /** What the user typed. */
  token: string;
  /** The sealing keys, or `null` for plain-text secrets. */
  keys: FlowKeys | null;
}

export type VerifyLoginOutcome = 'ok' | ProofFailure | 'not-enabled';

/**
 * Checks a log-in code: `ok`, `invalid`, `replay` (a code already used), `throttled` (with
 * `retryAfter`), `locked` or `not-enabled`. A success spends the code's step and learns the
 * phone's drift; every failure is counted.
 *
 * @example
 * ```ts
 * const result = await verifyLogin(state, { token: '492039', keys });
 * if (result.ok) await signIn(user); // after the state is written back (see transact)
 * ```
 */
export async function verifyLogin(state: TwoFactorState, options: VerifyLoginOptions): Promise<FlowResult<VerifyLoginOutcome>> {
  const { state: s, o, now, policy } = readInput(state, options, 'verifyLogin');
  const ring = keysOption(o.keys);
  if (!s.active) return unchanged(s, 'not-enabled');
  const proven = await prove(s, { token: o.token }, ring, now, policy);
  if (!proven.ok) return proven;
  return {
    ok: true,
    outcome: 'ok',
    state: changed(s, proven.change),
    events: [...proven.events, { type: 'login_succeeded', at: now, delta: proven.delta ?? 0 }],
  };
}
