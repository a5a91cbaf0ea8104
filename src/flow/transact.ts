/**
 * Writes that cannot race (flow.md, Concurrency): load, run the transition, write back with a
 * compare-and-swap on `version`; on a conflict, load and run again. Running a transition again is
 * always safe: a second use of the same code becomes `replay`, and every failure is counted once.
 */
import { OTPError } from '../index.js';
import { typeError } from '../internal/guards.js';
import type { FlowResult } from './events.js';
import type { TwoFactorState } from './state.js';

/** Where the application keeps one account's state. */
export interface StateStore {
  load(): Promise<TwoFactorState>;
  /** Stores `next` only if the stored version is still `expected`; true when it did (SQL: `UPDATE … WHERE version = ?` changed one row). */
  compareAndSwap(expected: number, next: TwoFactorState): Promise<boolean>;
}

/** Tries in a row whose compare-and-swap failed while the stored version did not move on. */
const TRIES = 3;
/** Tries in all, however busy the account: a bound on the loop whatever the store does. */
const MAX_TRIES = 32;

/**
 * Runs a transition against the stored state and writes its result. When the compare-and-swap
 * fails, it loads and runs again. It gives up with `ERR_STATE_CONFLICT` after 3 tries that make
 * no progress (the swap failed, yet the stored version is where it was: a store that cannot
 * write), or 32 tries in all: fail closed, never a decision that was not stored. A swap lost to
 * another request's write is progress, not a failed try, so a burst of parallel requests on one
 * account ends in answers, not conflicts: they are throttled once the free failures are spent,
 * and a throttled attempt writes nothing.
 *
 * @example
 * ```ts
 * const result = await transact(store, (state) => verifyLogin(state, { token, keys }));
 * if (result.ok) await signIn(user);
 * ```
 */
export async function transact<R extends FlowResult<string>>(store: StateStore, run: (state: TwoFactorState) => Promise<R> | R): Promise<R> {
  if (typeof store?.load !== 'function' || typeof store.compareAndSwap !== 'function') throw typeError('store', '{ load, compareAndSwap }', store);
  if (typeof run !== 'function') throw typeError('run', 'a function of the state', run);
  let stalled = 0;
  let lastVersion = -1;
  for (let attempt = 0; attempt < MAX_TRIES && stalled < TRIES; attempt++) {
    const state = await store.load();
    stalled = state.version > lastVersion ? 0 : stalled;
    lastVersion = state.version;
    const result = await run(state);
    // Nothing changed (throttled, locked, not enabled): there is nothing to write.
    if (result.state === state) return result;
    if (result.state.version !== state.version + 1) throw typeError('run', 'a transition of the loaded state', result.state.version);
    if (await store.compareAndSwap(state.version, result.state)) return result;
    stalled++;
  }
  throw new OTPError('ERR_STATE_CONFLICT', 'transact: the compare-and-swap kept failing; nothing was decided');
}
