/**
 * One failure counter per account, shared by every proof (flow.md, Policy): the first
 * `freeFailures` cost nothing, then each attempt waits a doubling delay counted from the last
 * failure, and at `lockAfter` the account is locked until `unlock`. A refused attempt is not
 * counted and changes nothing, so it needs no write; a success resets the count.
 */
import { unchanged, type Failed, type FlowEvent, type Refusal } from './events.js';
import { waitAfter, type FlowPolicy } from './policy.js';
import { changed, type ThrottleState, type TwoFactorState } from './state.js';

export const CLEAR: ThrottleState = Object.freeze({ failures: 0, lastFailureAt: null, locked: false }) as ThrottleState;

/** `locked` or `throttled` (with `retryAfter`) when no code may be looked at now; else undefined. */
export function refusal(state: TwoFactorState, now: number, policy: FlowPolicy): Failed<Refusal> | undefined {
  if (state.throttle.locked) return unchanged(state, 'locked', [{ type: 'locked', at: now, failures: state.throttle.failures }]);
  const retryAfter = retryAfterMs(state.throttle, now, policy);
  if (retryAfter > 0) return unchanged(state, 'throttled', [{ type: 'throttled', at: now, retryAfter }], retryAfter);
  return undefined;
}

/** Milliseconds until the next attempt is looked at; 0 when it may be now. */
export function retryAfterMs({ failures, lastFailureAt, locked }: ThrottleState, now: number, policy: FlowPolicy): number {
  if (locked || lastFailureAt === null) return 0;
  return Math.max(0, lastFailureAt + waitAfter(failures, policy) - now);
}

/**
 * The state after a failed proof: counted once, with `code_invalid` or `replay_refused`, then
 * `throttled` when the next attempt must wait and `locked` at the threshold. `change` carries
 * what else the attempt changed (a resealed secret).
 */
export function failure<O extends string>(
  state: TwoFactorState,
  outcome: O,
  now: number,
  policy: FlowPolicy,
  change: Partial<TwoFactorState> = {},
  events: FlowEvent[] = [],
): Failed<O> {
  const failures = state.throttle.failures + 1;
  const locked = failures >= policy.lockAfter;
  const throttle: ThrottleState = { failures, lastFailureAt: now, locked };
  events.push({ type: outcome === 'replay' ? 'replay_refused' : 'code_invalid', at: now, failures });
  const wait = waitAfter(failures, policy);
  if (locked) events.push({ type: 'locked', at: now, failures });
  else if (wait > 0) events.push({ type: 'throttled', at: now, retryAfter: wait });
  return { ok: false, outcome, state: changed(state, { ...change, throttle }), events };
}
