/**
 * What a transition returns: the outcome, the next state, and events for notifications and audit
 * lines (flow.md, Shape). `ok` is true only for a success, so a forgotten `await` fails closed.
 */
import type { TwoFactorState } from './state.js';

/** How a step-up action was proven: a code, a backup code, or the application's own authentication. */
export type ProofKind = 'token' | 'backup-code' | 'session' | 'api-token' | 'admin';

/** One thing that happened, at `at` (ms). Tell the user of the ones the README marks. */
export type FlowEvent =
  | { type: 'enrollment_started'; at: number; expiresAt: number; by?: ProofKind }
  | { type: 'enabled'; at: number; backupCodes: number }
  | { type: 'login_succeeded'; at: number; delta: number }
  | { type: 'code_invalid'; at: number; failures: number }
  | { type: 'replay_refused'; at: number; failures: number }
  | { type: 'throttled'; at: number; retryAfter: number }
  | { type: 'locked'; at: number; failures: number }
  | { type: 'backup_code_used'; at: number; remaining: number }
  | { type: 'backup_codes_low'; at: number; remaining: number }
  | { type: 'backup_codes_regenerated'; at: number; count: number; by: ProofKind }
  | { type: 'disabled'; at: number; by: ProofKind }
  | { type: 'unlocked'; at: number }
  | { type: 'secret_resealed'; at: number };

/** The fields every transition's result has. */
export interface FlowResult<Outcome extends string> {
  /** True only when `outcome` is `'ok'`. */
  ok: boolean;
  outcome: Outcome;
  /** The next state: the same object as the input when nothing changed (no write needed). */
  state: TwoFactorState;
  events: FlowEvent[];
  /** With `throttled`: milliseconds until the next attempt is looked at. */
  retryAfter?: number;
}

/** A result that is not a success. */
export type Failed<Outcome extends string> = FlowResult<Outcome> & { ok: false };

/** Outcomes of an attempt whose code was never looked at. */
export type Refusal = 'throttled' | 'locked';

/** A result that leaves the state as it was. */
export function unchanged<O extends string>(state: TwoFactorState, outcome: O, events: FlowEvent[] = [], retryAfter?: number): Failed<O> {
  return { ok: false, outcome, state, events, ...(retryAfter && { retryAfter }) };
}
