import { describe, expect, it } from 'vitest';
import {
  confirmEnrollment,
  createState,
  DEFAULT_POLICY,
  disable,
  startEnrollment,
  status,
  unlock,
  useBackupCode,
  verifyLogin,
  type TwoFactorState,
} from '../src/flow/index.js';
import { backendName, expectOTPError } from './helpers.js';
import { codeAt, enrolled, keys, STEP, T0 } from './flow-helpers.js';

/** `count` wrong codes, each at the first instant it is looked at; returns the state and the last failure's instant. */
async function fail(state: TwoFactorState, count: number, from: number): Promise<{ state: TwoFactorState; at: number }> {
  let now = from;
  for (let i = 0; i < count; i++) {
    now += status(state, { now }).retryAfter;
    const result = await verifyLogin(state, { token: '000000', keys, now });
    expect(result.outcome).toBe('invalid');
    state = result.state;
  }
  return { state, at: now };
}

describe(`otpkit/flow policy over the ${backendName} backend`, () => {
  it('has the defaults of flow.md', () => {
    expect(DEFAULT_POLICY).toEqual({ window: 1, maxDrift: 2, freeFailures: 5, baseDelay: 1_000, maxDelay: 900_000, lockAfter: 100, enrollmentTtl: 600_000, backupCodesLow: 3, backupCodeCount: 10 });
  });

  it('lets the first 5 failures cost nothing, and looks at the 6th attempt at once', async () => {
    const { state } = await enrolled();
    const { state: five, at } = await fail(state, 5, T0);
    expect(at).toBe(T0); // no wait was needed
    expect(status(five, { now: at })).toMatchObject({ retryAfter: 0, locked: false });
    const sixth = await verifyLogin(five, { token: '000000', keys, now: at });
    expect(sixth).toMatchObject({ outcome: 'invalid', events: [{ type: 'code_invalid', failures: 6 }, { type: 'throttled', retryAfter: 1_000 }] });
  });

  it('after failure n > 5 waits min(2^(n−6) s, 15 min) from the failure: throttled 1 ms before, looked at exactly then', async () => {
    const { state } = await enrolled();
    let { state: s, at } = await fail(state, 5, T0);
    for (let n = 6; n <= 17; n++) {
      ({ state: s, at } = await fail(s, 1, at));
      const wait = Math.min(2 ** (n - 6) * 1_000, 900_000);
      const early = await verifyLogin(s, { token: '000000', keys, now: at + wait - 1 });
      expect(early).toMatchObject({ ok: false, outcome: 'throttled', retryAfter: 1 });
      expect(early.state).toBe(s); // not counted, nothing to write
      expect(status(s, { now: at + wait - 1 }).retryAfter).toBe(1);
      expect(status(s, { now: at + wait }).retryAfter).toBe(0);
      at += wait;
    }
    expect(s.throttle.failures).toBe(17);
  });

  it('refuses even the right code while throttled, and a success afterwards resets the count', async () => {
    const { state, secret } = await enrolled();
    const { state: s, at } = await fail(state, 6, T0);
    const now = at + 500;
    const throttled = await verifyLogin(s, { token: await codeAt(secret, now), keys, now });
    expect(throttled).toMatchObject({ outcome: 'throttled', retryAfter: 500 });
    const later = at + 1_000 + STEP;
    const ok = await verifyLogin(s, { token: await codeAt(secret, later), keys, now: later });
    expect(ok).toMatchObject({ ok: true, state: { throttle: { failures: 0, lastFailureAt: null, locked: false } } });
  });

  it('locks at 100 consecutive failures: no code is looked at until unlock', async () => {
    const { state, secret } = await enrolled();
    const { state: s99, at } = await fail(state, 99, T0);
    expect(s99.throttle).toMatchObject({ failures: 99, locked: false });
    const now = at + status(s99, { now: at }).retryAfter;
    const hundredth = await verifyLogin(s99, { token: '000000', keys, now });
    expect(hundredth).toMatchObject({ outcome: 'invalid', state: { throttle: { failures: 100, locked: true } } });
    expect(hundredth.events).toContainEqual({ type: 'locked', at: now, failures: 100 });
    const muchLater = now + 86_400_000;
    const right = await verifyLogin(hundredth.state, { token: await codeAt(secret, muchLater), keys, now: muchLater });
    expect(right).toMatchObject({ ok: false, outcome: 'locked' });
    expect(right.state).toBe(hundredth.state);
    expect(status(hundredth.state, { now: muchLater })).toMatchObject({ locked: true, retryAfter: 0 });
    const unlocked = unlock(hundredth.state, { now: muchLater });
    expect((await verifyLogin(unlocked.state, { token: await codeAt(secret, muchLater), keys, now: muchLater })).ok).toBe(true);
  });

  it('counts a replay as a failure', async () => {
    const { state, secret } = await enrolled();
    const token = await codeAt(secret, T0);
    let s = state;
    for (let i = 1; i <= 3; i++) {
      const replay = await verifyLogin(s, { token, keys, now: T0 });
      expect(replay).toMatchObject({ outcome: 'replay', events: [{ type: 'replay_refused', failures: i }] });
      s = replay.state;
    }
  });

  it('keeps one counter for log-in codes, backup codes, confirmation codes and the proofs of disable', async () => {
    const { state } = await enrolled();
    const a = await verifyLogin(state, { token: '000000', keys, now: T0 });
    const b = await useBackupCode(a.state, { code: '0123-4567-89AB-CDEF', now: T0 });
    const c = await disable(b.state, { proof: { token: '000000' }, keys, now: T0 });
    const d = await disable(c.state, { proof: { backupCode: 'nope' }, keys, now: T0 });
    expect([a, b, c, d].map((r) => r.state.throttle.failures)).toEqual([1, 2, 3, 4]);
    // Re-enrolment's confirmation counts on the same counter, and disabling keeps it.
    const off = await disable(d.state, { proof: { trusted: 'admin' }, keys, now: T0 });
    expect(off.state.throttle.failures).toBe(4);
    const started = await startEnrollment(off.state, { issuer: 'ACME', account: 'jane', keys, now: T0 });
    const wrong = await confirmEnrollment(started.state, { token: '000000', keys, now: T0 });
    expect(wrong.state.throttle.failures).toBe(5);
    const throttledBackup = await useBackupCode((await fail(state, 6, T0)).state, { code: 'nope', now: T0 });
    expect(throttledBackup.outcome).toBe('throttled');
  });

  it('never throttles or locks a trusted proof, and leaves the count as it is', async () => {
    const { state } = await enrolled();
    const { state: locked } = await fail(state, 100, T0);
    const off = await disable(locked, { proof: { trusted: 'api-token' }, keys, now: T0 });
    expect(off).toMatchObject({ ok: true, state: { active: null, throttle: { failures: 100, locked: true } } });
    // A locked account without 2FA cannot start enrolling again until unlocked.
    expect((await startEnrollment(off.state, { issuer: 'ACME', account: 'jane', keys, now: T0 })).outcome).toBe('locked');
  });

  it('takes overrides in a policy option, and refuses values outside their limits', async () => {
    const { state } = await enrolled();
    const policy = { freeFailures: 1, baseDelay: 10_000, lockAfter: 3 };
    const first = await verifyLogin(state, { token: '000000', keys, now: T0, policy });
    expect(first.events).toEqual([{ type: 'code_invalid', at: T0, failures: 1 }]); // the one free failure
    const second = await verifyLogin(first.state, { token: '000000', keys, now: T0, policy });
    expect(second.events).toContainEqual({ type: 'throttled', at: T0, retryAfter: 10_000 });
    expect((await verifyLogin(second.state, { token: '000000', keys, now: T0 + 9_999, policy })).outcome).toBe('throttled');
    const third = await verifyLogin(second.state, { token: '000000', keys, now: T0 + 10_000, policy });
    expect(third.state.throttle).toMatchObject({ failures: 3, locked: true });
    // Without the option, the same state is judged by the defaults: not locked at 3.
    expect((await verifyLogin(second.state, { token: '000000', keys, now: T0 })).state.throttle.locked).toBe(false);
    await expectOTPError(() => verifyLogin(state, { token: '000000', keys, now: T0, policy: { lockAfter: 101 } }), 'ERR_OPTION_RANGE');
    await expectOTPError(() => verifyLogin(state, { token: '000000', keys, now: T0, policy: { window: '1' } as never }), 'ERR_OPTION_TYPE');
    await expectOTPError(() => verifyLogin(state, { token: '000000', keys, now: T0, policy: 5 as never }), 'ERR_OPTION_TYPE');
  });

  it('reads an enrolment whose confirmation is refused while throttled, and takes a Date for now', async () => {
    const started = await startEnrollment(createState(), { issuer: 'ACME', account: 'jane', keys, now: new Date(T0) });
    expect(started.state.pending!.createdAt).toBe(T0);
    const { state: s, at } = await fail((await enrolled()).state, 6, T0);
    const withPending = { ...s, pending: started.state.pending };
    expect((await confirmEnrollment(withPending, { token: await codeAt(started.secret!, at), keys, now: at })).outcome).toBe('throttled');
  });
});
