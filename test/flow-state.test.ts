import { describe, expect, it } from 'vitest';
import { checkState, createState, disable, status, unlock, useBackupCode, verifyLogin, type TwoFactorState } from '../src/flow/index.js';
import { backendName, expectOTPError } from './helpers.js';
import { enrolled, keys, T0 } from './flow-helpers.js';

type Mutation = [title: string, field: string, change: (s: Record<string, any>) => void]; // eslint-disable-line @typescript-eslint/no-explicit-any

const { state: valid } = await enrolled();
const withPending: TwoFactorState = { ...valid, pending: { secret: 'x', algorithm: 'SHA1', digits: 6, period: 30, createdAt: T0, expiresAt: T0 + 1 } };

/** Corruptions of a valid state, and the field the error must name. */
const corruptions: Mutation[] = [
  ['an unknown schema', 'state.schema', (s) => (s.schema = 2)],
  ['no schema', 'state.schema', (s) => delete s.schema],
  ['a negative version', 'state.version', (s) => (s.version = -1)],
  ['a fractional version', 'state.version', (s) => (s.version = 1.5)],
  ['a string version', 'state.version', (s) => (s.version = '3')],
  ['no version', 'state.version', (s) => delete s.version],
  ['an unknown top-level field', 'state.admin', (s) => (s.admin = true)],
  ['active as an array', 'state.active', (s) => (s.active = [])],
  ['active with no secret', 'state.active.secret', (s) => delete s.active.secret],
  ['active with an empty secret', 'state.active.secret', (s) => (s.active.secret = '')],
  ['active with a numeric secret', 'state.active.secret', (s) => (s.active.secret = 42)],
  ['active with algorithm MD5', 'state.active.algorithm', (s) => (s.active.algorithm = 'MD5')],
  ['active with 11 digits', 'state.active.digits', (s) => (s.active.digits = 11)],
  ['active with period 0', 'state.active.period', (s) => (s.active.period = 0)],
  ['active with lastUsedStep −2', 'state.active.lastUsedStep', (s) => (s.active.lastUsedStep = -2)],
  ['active with a NaN lastUsedStep', 'state.active.lastUsedStep', (s) => (s.active.lastUsedStep = NaN)],
  ['active with drift 50', 'state.active.drift', (s) => (s.active.drift = 50)],
  ['active with no enabledAt', 'state.active.enabledAt', (s) => delete s.active.enabledAt],
  ['pending with a string expiresAt', 'state.pending.expiresAt', (s) => (s.pending = { ...withPending.pending, expiresAt: 'soon' })],
  ['pending with no secret', 'state.pending.secret', (s) => (s.pending = { ...withPending.pending, secret: undefined })],
  ['backupCodes with hashes not an array', 'state.backupCodes.hashes', (s) => (s.backupCodes.hashes = 'x')],
  ['backupCodes with a numeric hash', 'state.backupCodes.hashes[2]', (s) => (s.backupCodes.hashes[2] = 7)],
  ['backupCodes with no issued', 'state.backupCodes.issued', (s) => delete s.backupCodes.issued],
  ['throttle missing', 'state.throttle', (s) => delete s.throttle],
  ['throttle with negative failures', 'state.throttle.failures', (s) => (s.throttle.failures = -1)],
  ['throttle with locked as a string', 'state.throttle.locked', (s) => (s.throttle.locked = 'no')],
  ['throttle with lastFailureAt a Date', 'state.throttle.lastFailureAt', (s) => (s.throttle.lastFailureAt = new Date())],
];

describe(`otpkit/flow bad state over the ${backendName} backend`, () => {
  it('accepts every state it wrote, including one read back from JSON', () => {
    expect(checkState(valid)).toBe(valid);
    expect(checkState(JSON.parse(JSON.stringify(valid)))).toEqual(valid);
    expect(checkState(withPending)).toBe(withPending);
    expect(checkState(createState())).toEqual(createState());
  });

  for (const [title, field, change] of corruptions) {
    it(`refuses a state with ${title}: ERR_STATE_INVALID naming ${field}`, async () => {
      const corrupt = structuredClone(valid) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      change(corrupt);
      const error = await expectOTPError(() => checkState(corrupt), 'ERR_STATE_INVALID');
      expect(error.message.startsWith(`${field}:`)).toBe(true);
      // Every transition checks first: never a decision on a state otpkit did not write.
      const s = corrupt as TwoFactorState;
      await expectOTPError(() => verifyLogin(s, { token: '123456', keys, now: T0 }), 'ERR_STATE_INVALID');
      await expectOTPError(() => useBackupCode(s, { code: 'x', now: T0 }), 'ERR_STATE_INVALID');
      await expectOTPError(() => disable(s, { proof: { trusted: 'admin' }, keys, now: T0 }), 'ERR_STATE_INVALID');
      await expectOTPError(() => unlock(s, { now: T0 }), 'ERR_STATE_INVALID');
      await expectOTPError(() => status(s, { now: T0 }), 'ERR_STATE_INVALID');
    });
  }

  it('refuses what is not an object at all', async () => {
    for (const value of [null, undefined, 'state', 42, []]) {
      const error = await expectOTPError(() => checkState(value), 'ERR_STATE_INVALID');
      expect(error.message).toBe('state: expected an object');
    }
  });
});
