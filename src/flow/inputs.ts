/** What every transition reads first, in one step: the checked state, own-property options, the instant and the policy. */
import { instant, optionsObject, type Own } from '../internal/guards.js';
import { policyOption, type FlowPolicy } from './policy.js';
import { checkState, type TwoFactorState } from './state.js';

/** Options every transition takes. */
export interface TransitionOptions {
  /** The instant, in milliseconds or a `Date`. Default `Date.now()`. */
  now?: number | Date;
  /** Overrides of the default policy (see `DEFAULT_POLICY`). */
  policy?: Partial<FlowPolicy>;
}

export interface Input<T> {
  state: TwoFactorState;
  o: Own<T>;
  now: number;
  policy: FlowPolicy;
}

export function readInput<T extends TransitionOptions>(state: unknown, options: T | undefined, fn: string, required = true): Input<T> {
  const checked = checkState(state);
  const o = optionsObject(options, required, fn);
  return { state: checked, o, now: instant('now', o.now, Date.now), policy: policyOption(o.policy) };
}
