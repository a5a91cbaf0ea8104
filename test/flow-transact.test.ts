import { describe, expect, it } from 'vitest';
import { transact, useBackupCode, verifyLogin, type StateStore, type TwoFactorState } from '../src/flow/index.js';
import { backendName, expectOTPError } from './helpers.js';
import { codeAt, enrolled, keys, STEP, T0 } from './flow-helpers.js';

/** A macrotask: lets every other pending request run, so requests interleave as on a server. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * An in-memory store with a compare-and-swap, as `UPDATE … SET state = ?, version = version + 1
 * WHERE version = ?` gives. Each load and each swap yields to the other requests a random number
 * of times (seeded), so their steps interleave in many orders.
 */
function memoryStore(initial: TwoFactorState, seed = 1): StateStore & { state: TwoFactorState; writes: number } {
  let random = seed;
  const pause = async () => {
    random = (random * 1_103_515_245 + 12_345) % 2 ** 31;
    for (let i = random % 3; i >= 0; i--) await tick();
  };
  return {
    state: initial,
    writes: 0,
    async load() {
      await pause();
      return structuredClone(this.state); // as a database would: a copy
    },
    async compareAndSwap(expected, next) {
      await pause();
      if (this.state.version !== expected) return false;
      this.state = structuredClone(next);
      this.writes++;
      return true;
    },
  };
}

const count = (outcomes: string[]) => outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});

describe(`otpkit/flow transact over the ${backendName} backend`, () => {
  it('gives exactly one ok for 50 concurrent log-ins with one valid code; the rest are replay or throttled', { timeout: 120_000 }, async () => {
    for (const seed of [1, 2, 3]) {
      const { state, secret } = await enrolled();
      const store = memoryStore(state, seed);
      const now = T0 + STEP;
      const token = await codeAt(secret, now);
      const results = await Promise.all(Array.from({ length: 50 }, () => transact(store, (s) => verifyLogin(s, { token, keys, now }))));
      const outcomes = count(results.map((r) => r.outcome));
      expect(outcomes.ok).toBe(1);
      expect((outcomes.replay ?? 0) + (outcomes.throttled ?? 0)).toBe(49);
      // Every replay a caller was told of is in the stored count, and throttling began once the free failures were spent.
      expect(store.state.throttle.failures).toBe(outcomes.replay);
      expect(outcomes.replay).toBe(6);
    }
  });

  it('gives exactly one ok for 50 concurrent uses of one backup code', { timeout: 120_000 }, async () => {
    const { state: full, codes } = await enrolled();
    // Two stored hashes instead of ten: every attempt hashes them all, and 50 attempts add up.
    const state = { ...full, backupCodes: { ...full.backupCodes!, hashes: [full.backupCodes!.hashes[0]!, full.backupCodes!.hashes[3]!] } };
    const store = memoryStore(state, 7);
    const results = await Promise.all(Array.from({ length: 50 }, () => transact(store, (s) => useBackupCode(s, { code: codes[3]!, now: T0 }))));
    const outcomes = count(results.map((r) => r.outcome));
    expect(outcomes.ok).toBe(1);
    expect((outcomes.invalid ?? 0) + (outcomes.throttled ?? 0)).toBe(49);
    expect(store.state.backupCodes!.hashes).toEqual([full.backupCodes!.hashes[0]]);
  });

  it('loses no update: of 200 concurrent wrong codes, every invalid a caller was told of is counted, and no more than the policy allows', { timeout: 120_000 }, async () => {
    const { state } = await enrolled();
    const store = memoryStore(state, 11);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => transact(store, (s) => verifyLogin(s, { token: String(i).padStart(6, '9'), keys, now: T0 + STEP }))));
    const outcomes = count(results.map((r) => r.outcome));
    expect(outcomes.invalid).toBe(store.state.throttle.failures);
    expect(outcomes.invalid).toBe(6); // 5 free failures, then the 6th starts the wait
    expect(outcomes.throttled).toBe(194);
    expect(store.writes).toBe(6); // one write per counted failure, none for a throttled attempt
  });

  it('fails closed with ERR_STATE_CONFLICT when the compare-and-swap never succeeds, never a log-in', async () => {
    const { state, secret } = await enrolled();
    let swaps = 0;
    const store: StateStore = { load: async () => state, compareAndSwap: async () => (swaps++, false) };
    const now = T0 + STEP;
    const token = await codeAt(secret, now);
    await expectOTPError(() => transact(store, (s) => verifyLogin(s, { token, keys, now })), 'ERR_STATE_CONFLICT');
    expect(swaps).toBe(3);
  });

  it('writes nothing when the transition changed nothing (a throttled or locked attempt)', async () => {
    const { state } = await enrolled();
    const locked: TwoFactorState = { ...state, throttle: { failures: 100, lastFailureAt: T0, locked: true } };
    let swaps = 0;
    const store: StateStore = { load: async () => locked, compareAndSwap: async () => (swaps++, true) };
    const result = await transact(store, (s) => verifyLogin(s, { token: '123456', keys, now: T0 }));
    expect(result).toMatchObject({ ok: false, outcome: 'locked' });
    expect(swaps).toBe(0);
  });

  it('refuses a store or run of the wrong shape', async () => {
    await expectOTPError(() => transact({} as never, () => ({}) as never), 'ERR_OPTION_TYPE');
    const { state } = await enrolled();
    const store: StateStore = { load: async () => state, compareAndSwap: async () => true };
    await expectOTPError(() => transact(store, 5 as never), 'ERR_OPTION_TYPE');
    await expectOTPError(() => transact(store, (s) => ({ ok: true, outcome: 'ok', events: [], state: { ...s, version: s.version + 5 } })), 'ERR_OPTION_TYPE');
  });
});
