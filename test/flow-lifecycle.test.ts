import { describe, expect, it } from 'vitest';
import { parseOTPAuthURI } from '../src/index.js';
import {
  confirmEnrollment,
  createState,
  disable,
  regenerateBackupCodes,
  startEnrollment,
  status,
  unlock,
  useBackupCode,
  verifyLogin,
} from '../src/flow/index.js';
import { backendName, expectOTPError } from './helpers.js';
import { codeAt, deepFreeze, enrolled, keys, STEP, T0 } from './flow-helpers.js';

describe(`otpkit/flow, the lifecycle, over the ${backendName} backend`, () => {
  it('starts with 2FA off at version 0', () => {
    expect(createState()).toEqual({ schema: 1, version: 0, active: null, pending: null, backupCodes: null, throttle: { failures: 0, lastFailureAt: null, locked: false } });
    expect(status(createState(), { now: T0 })).toEqual({ enabled: false, pending: false, locked: false, retryAfter: 0, backupCodesRemaining: 0 });
  });

  it('enrols: a 160-bit secret, its URI, a pending factor that expires in 10 minutes; 2FA stays off until confirmed', async () => {
    const started = await startEnrollment(deepFreeze(createState()), { issuer: 'ACME Co', account: 'jane@example.com', keys, now: T0 });
    expect(started).toMatchObject({ ok: true, outcome: 'ok' });
    expect(started.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(parseOTPAuthURI(started.uri!)).toMatchObject({ secret: started.secret, issuer: 'ACME Co', account: 'jane@example.com' });
    expect(started.state.version).toBe(1);
    expect(started.state.pending).toMatchObject({ algorithm: 'SHA1', digits: 6, period: 30, createdAt: T0, expiresAt: T0 + 600_000 });
    expect(started.events).toEqual([{ type: 'enrollment_started', at: T0, expiresAt: T0 + 600_000 }]);
    expect(status(started.state, { now: T0 })).toMatchObject({ enabled: false, pending: true });
    // Before confirmation there is nothing to log in to.
    expect(await verifyLogin(started.state, { token: await codeAt(started.secret!, T0), keys, now: T0 })).toMatchObject({ ok: false, outcome: 'not-enabled' });
  });

  it('confirms with the first code: active, backup codes returned once, and the confirming code cannot log in', async () => {
    const started = await startEnrollment(createState(), { issuer: 'ACME', account: 'jane', keys, now: T0 });
    const token = await codeAt(started.secret!, T0);
    const confirmed = await confirmEnrollment(deepFreeze(started.state), { token, keys, now: T0 });
    expect(confirmed).toMatchObject({ ok: true, outcome: 'ok' });
    expect(confirmed.backupCodes).toHaveLength(10);
    expect(confirmed.events).toEqual([{ type: 'enabled', at: T0, backupCodes: 10 }]);
    expect(confirmed.state).toMatchObject({ version: 2, pending: null, active: { lastUsedStep: Math.floor(T0 / STEP), drift: 0, enabledAt: T0 } });
    expect(status(confirmed.state, { now: T0 })).toEqual({ enabled: true, pending: false, locked: false, retryAfter: 0, backupCodesRemaining: 10 });
    expect(await verifyLogin(confirmed.state, { token, keys, now: T0 + 5_000 })).toMatchObject({ ok: false, outcome: 'replay' });
  });

  it('logs in once per code: the next code works, the same code again is a replay', async () => {
    const { state, secret } = await enrolled();
    const now = T0 + STEP;
    const token = await codeAt(secret, now);
    const first = await verifyLogin(deepFreeze(state), { token, keys, now });
    expect(first).toMatchObject({ ok: true, outcome: 'ok', events: [{ type: 'login_succeeded', at: now, delta: 0 }] });
    expect(first.state.version).toBe(state.version + 1);
    const again = await verifyLogin(deepFreeze(first.state), { token, keys, now });
    expect(again).toMatchObject({ ok: false, outcome: 'replay', events: [{ type: 'replay_refused', at: now, failures: 1 }] });
    const wrong = await verifyLogin(again.state, { token: token === '000000' ? '111111' : '000000', keys, now });
    expect(wrong).toMatchObject({ ok: false, outcome: 'invalid', events: [{ type: 'code_invalid', at: now, failures: 2 }] });
  });

  it('learns the phone’s drift: after a success at +1 a code at +2 works, and the window stays a union around now', async () => {
    const { state, secret } = await enrolled();
    const now = T0 + 10 * STEP;
    expect((await verifyLogin(state, { token: await codeAt(secret, now + 2 * STEP), keys, now })).outcome).toBe('invalid');
    const ahead = await verifyLogin(state, { token: await codeAt(secret, now + STEP), keys, now });
    expect(ahead).toMatchObject({ ok: true, state: { active: { drift: 1 } } });
    const later = now + 3 * STEP;
    const further = await verifyLogin(ahead.state, { token: await codeAt(secret, later + 2 * STEP), keys, now: later });
    expect(further).toMatchObject({ ok: true, state: { active: { drift: 2 } } });
    // The clock was corrected: a code from the step before now still logs in.
    const corrected = later + 5 * STEP;
    const back = await verifyLogin(further.state, { token: await codeAt(secret, corrected - STEP), keys, now: corrected });
    expect(back).toMatchObject({ ok: true, state: { active: { drift: -1 } } });
    // Never past ±2 steps of drift plus the window.
    const far = corrected + 10 * STEP;
    expect((await verifyLogin(further.state, { token: await codeAt(secret, far + 4 * STEP), keys, now: far })).outcome).toBe('invalid');
  });

  it('logs in with a backup code once; the used hash is gone and backup_codes_low comes at 3 or fewer', async () => {
    const { state, codes } = await enrolled();
    const used = await useBackupCode(deepFreeze(state), { code: codes[4]!.toLowerCase(), now: T0 });
    expect(used).toMatchObject({ ok: true, outcome: 'ok', remaining: 9, events: [{ type: 'backup_code_used', at: T0, remaining: 9 }] });
    expect(used.state.backupCodes!.hashes).toHaveLength(9);
    expect((await useBackupCode(used.state, { code: codes[4]!, now: T0 })).outcome).toBe('invalid');
    let current = used.state;
    for (const code of codes.slice(5)) current = (await useBackupCode(current, { code, now: T0 })).state;
    const low = await useBackupCode(current, { code: codes[0]!, now: T0 });
    expect(low.remaining).toBe(3);
    expect(low.events).toContainEqual({ type: 'backup_codes_low', at: T0, remaining: 3 });
  });

  it('regenerates backup codes only with a proof; the old codes stop working', async () => {
    const { state, secret, codes } = await enrolled();
    await expectOTPError(() => regenerateBackupCodes(state, { keys } as never), 'ERR_OPTION_TYPE');
    const now = T0 + STEP;
    const result = await regenerateBackupCodes(deepFreeze(state), { proof: { token: await codeAt(secret, now) }, keys, now });
    expect(result).toMatchObject({ ok: true, outcome: 'ok' });
    expect(result.codes).toHaveLength(10);
    expect(result.events).toContainEqual({ type: 'backup_codes_regenerated', at: now, count: 10, by: 'token' });
    expect((await useBackupCode(result.state, { code: codes[0]!, now })).outcome).toBe('invalid');
    expect((await useBackupCode(result.state, { code: result.codes![0]!, now })).outcome).toBe('ok');
  });

  it('disables with a code, a backup code or a trusted proof; keeps the failure count; says not-enabled after', async () => {
    const { state, secret, codes } = await enrolled();
    const now = T0 + STEP;
    const failed = await verifyLogin(state, { token: '000000', keys, now });
    for (const proof of [{ trusted: 'session' as const }, { trusted: 'api-token' as const }, { backupCode: codes[0]! }]) {
      const off = await disable(deepFreeze(failed.state), { proof, keys, now });
      expect(off.ok).toBe(true);
      expect(off.state).toMatchObject({ active: null, pending: null, backupCodes: null });
      expect(off.events.at(-1)).toEqual({ type: 'disabled', at: now, by: 'trusted' in proof ? proof.trusted : 'backup-code' });
      if ('trusted' in proof) expect(off.state.throttle.failures).toBe(1); // a trusted proof leaves the count
      expect((await disable(off.state, { proof, keys, now })).outcome).toBe('not-enabled');
    }
    const byCode = await disable(failed.state, { proof: { token: await codeAt(secret, now) }, keys, now });
    expect(byCode).toMatchObject({ ok: true, state: { throttle: { failures: 0 } } }); // a code's success resets it
    const refused = await disable(failed.state, { proof: { token: '000000' }, keys, now });
    expect(refused).toMatchObject({ ok: false, outcome: 'invalid', state: { active: { secret: state.active!.secret }, throttle: { failures: 2 } } });
  });

  it('re-enrols only with a proof: the old factor works until the new one is confirmed', async () => {
    const { state, secret } = await enrolled();
    const now = T0 + STEP;
    const refused = await startEnrollment(state, { issuer: 'ACME', account: 'jane', keys, now });
    expect(refused).toMatchObject({ ok: false, outcome: 'proof-required' });
    expect(refused.state).toBe(state);
    const started = await startEnrollment(state, { issuer: 'ACME', account: 'jane', keys, now, proof: { token: await codeAt(secret, now) } });
    expect(started).toMatchObject({ ok: true, events: [{ type: 'enrollment_started', by: 'token' }] });
    const later = now + STEP;
    const oldStillWorks = await verifyLogin(started.state, { token: await codeAt(secret, later), keys, now: later });
    expect(oldStillWorks.ok).toBe(true);
    const confirmed = await confirmEnrollment(oldStillWorks.state, { token: await codeAt(started.secret!, later), keys, now: later });
    expect(confirmed).toMatchObject({ ok: true, outcome: 'ok' });
    expect(confirmed.backupCodes).toBeUndefined(); // the existing set stays
    const next = later + STEP;
    expect((await verifyLogin(confirmed.state, { token: await codeAt(secret, next), keys, now: next })).outcome).toBe('invalid');
    expect((await verifyLogin(confirmed.state, { token: await codeAt(started.secret!, next), keys, now: next })).outcome).toBe('ok');
  });

  it('drops an expired enrolment without counting the attempt, and says no-pending without one', async () => {
    const started = await startEnrollment(createState(), { issuer: 'ACME', account: 'jane', keys, now: T0, ttl: 60_000 });
    const late = T0 + 60_000;
    const expired = await confirmEnrollment(started.state, { token: await codeAt(started.secret!, late), keys, now: late });
    expect(expired).toMatchObject({ ok: false, outcome: 'expired', state: { pending: null, throttle: { failures: 0 } } });
    expect((await confirmEnrollment(expired.state, { token: '123456', keys, now: late })).outcome).toBe('no-pending');
    const justInTime = await confirmEnrollment(started.state, { token: await codeAt(started.secret!, late - 1), keys, now: late - 1 });
    expect(justInTime.ok).toBe(true);
  });

  it('counts a wrong confirmation code as a failure', async () => {
    const started = await startEnrollment(createState(), { issuer: 'ACME', account: 'jane', keys, now: T0 });
    const wrong = await confirmEnrollment(started.state, { token: 'abc', keys, now: T0 });
    expect(wrong).toMatchObject({ ok: false, outcome: 'invalid', state: { pending: started.state.pending, throttle: { failures: 1 } } });
  });

  it('says not-enabled for a log-in, a backup code, new codes and disabling without an active factor', async () => {
    const s = createState();
    expect((await verifyLogin(s, { token: '123456', keys, now: T0 })).outcome).toBe('not-enabled');
    expect((await useBackupCode(s, { code: '0123-4567-89AB-CDEF', now: T0 })).outcome).toBe('not-enabled');
    expect((await regenerateBackupCodes(s, { proof: { trusted: 'session' }, keys, now: T0 })).outcome).toBe('not-enabled');
    expect((await disable(s, { proof: { trusted: 'admin' }, keys, now: T0 })).outcome).toBe('not-enabled');
  });

  it('refuses misuse as programming errors: a missing token, code, proof or keys, an unknown proof', async () => {
    const { state } = await enrolled();
    await expectOTPError(() => verifyLogin(state, { keys, now: T0 } as never), 'ERR_OPTION_TYPE');
    await expectOTPError(() => verifyLogin(state, { token: '123456', now: T0 } as never), 'ERR_OPTION_TYPE');
    await expectOTPError(() => useBackupCode(state, { now: T0 } as never), 'ERR_OPTION_TYPE');
    await expectOTPError(() => disable(state, { keys, now: T0 } as never), 'ERR_OPTION_TYPE');
    await expectOTPError(() => disable(state, { proof: { password: 'x' } as never, keys, now: T0 }), 'ERR_OPTION_TYPE');
    await expectOTPError(() => disable(state, { proof: { trusted: 'root' } as never, keys, now: T0 }), 'ERR_OPTION_RANGE');
    await expectOTPError(() => startEnrollment(createState(), { account: 'jane', keys, now: T0 } as never), 'ERR_OPTION_TYPE');
    await expectOTPError(() => startEnrollment(createState(), { issuer: 'A:B', account: 'jane', keys, now: T0 }), 'ERR_URI_INVALID');
  });

  it('never mutates its input, and unlock clears the count', async () => {
    const { state } = await enrolled();
    const failed = await verifyLogin(deepFreeze(state), { token: '000000', keys, now: T0 + STEP });
    const unlocked = unlock(deepFreeze(failed.state), { now: T0 + STEP });
    expect(unlocked).toMatchObject({ ok: true, outcome: 'ok', events: [{ type: 'unlocked', at: T0 + STEP }], state: { throttle: { failures: 0, lastFailureAt: null, locked: false } } });
    const again = unlock(unlocked.state);
    expect(again.state).toBe(unlocked.state); // nothing to clear: no write needed
  });

  it('runs with keys: null, storing the secret as base32, for development', async () => {
    const { state, secret } = await enrolled({ keys: null });
    expect(state.active!.secret).toBe(secret);
    const now = T0 + STEP;
    expect((await verifyLogin(state, { token: await codeAt(secret, now), keys: null, now })).ok).toBe(true);
  });
});

