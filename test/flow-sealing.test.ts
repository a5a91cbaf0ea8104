import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret, verifyLogin, type FlowKeys } from '../src/flow/index.js';
import { backendName, expectOTPError } from './helpers.js';
import { codeAt, enrolled, keys, STEP, T0 } from './flow-helpers.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe(`otpkit/flow sealed secrets over the ${backendName} backend`, () => {
  it('keeps the secret out of the state in plain text', async () => {
    const { state, secret } = await enrolled();
    const json = JSON.stringify(state);
    expect(json).not.toContain(secret);
    expect(state.active!.secret).toMatch(/^otpkit1\.k2\.[A-Za-z0-9+/]{16}\.[A-Za-z0-9+/]+$/);
  });

  it('seals with a fresh IV every time, and opens what it sealed', async () => {
    const a = await sealSecret(SECRET, { keys });
    const b = await sealSecret(SECRET.toLowerCase(), { keys });
    expect(a).not.toBe(b);
    expect(await openSecret(a, { keys })).toBe(SECRET);
    expect(await openSecret(b, { keys })).toBe(SECRET);
  });

  it('opens a secret sealed under an older key id, and reseals it under the current one (secret_resealed)', async () => {
    const old: FlowKeys = { current: 'k1', keys: { k1: keys.keys.k1! } };
    const { state, secret } = await enrolled({ keys: old });
    expect(state.active!.secret.startsWith('otpkit1.k1.')).toBe(true);
    const now = T0 + STEP;
    const result = await verifyLogin(state, { token: await codeAt(secret, now), keys, now });
    expect(result.ok).toBe(true);
    expect(result.events).toContainEqual({ type: 'secret_resealed', at: now });
    expect(result.state.active!.secret.startsWith('otpkit1.k2.')).toBe(true);
    expect(await openSecret(result.state.active!.secret, { keys })).toBe(secret);
    // A failed attempt reseals too: the state is written anyway.
    const failed = await verifyLogin(state, { token: '000000', keys, now });
    expect(failed.state.active!.secret.startsWith('otpkit1.k2.')).toBe(true);
  });

  it('throws ERR_SEALED_INVALID, never a log-in, for a tampered, malformed, wrongly keyed or unknown-id secret', async () => {
    const { state, secret } = await enrolled();
    const sealed = state.active!.secret;
    const [prefix, id, iv, body] = sealed.split('.') as [string, string, string, string];
    const flip = (text: string) => (text[5] === 'A' ? `${text.slice(0, 5)}B${text.slice(6)}` : `${text.slice(0, 5)}A${text.slice(6)}`);
    const wrongKey: FlowKeys = { current: 'k2', keys: { k2: new Uint8Array(32).fill(9) } };
    const cases: [string, string, FlowKeys][] = [
      ['a flipped ciphertext byte', [prefix, id, iv, flip(body)].join('.'), keys],
      ['a flipped IV byte', [prefix, id, flip(iv), body].join('.'), keys],
      ['the key id changed (bound as associated data)', [prefix, 'k1', iv, body].join('.'), keys],
      ['a wrong key', sealed, wrongKey],
      ['an unknown key id', [prefix, 'k9', iv, body].join('.'), keys],
      ['another prefix', ['otpkit2', id, iv, body].join('.'), keys],
      ['a truncated string', sealed.slice(0, 30), keys],
      ['a plain base32 secret where keys were given', secret, keys],
      ['a short body', [prefix, id, iv, 'AAAA'].join('.'), keys],
    ];
    const now = T0 + STEP;
    const token = await codeAt(secret, now);
    for (const [, text, k] of cases) {
      const tampered = { ...state, active: { ...state.active!, secret: text } };
      const error = await expectOTPError(() => verifyLogin(tampered, { token, keys: k, now }), 'ERR_SEALED_INVALID');
      expect(error.message).not.toContain(secret);
      await expectOTPError(() => openSecret(text, { keys: k }), 'ERR_SEALED_INVALID');
    }
    // A sealed secret with keys: null is refused too, not read as base32.
    await expectOTPError(() => verifyLogin(state, { token: '123456', keys: null, now }), 'ERR_SEALED_INVALID');
  });

  it('asks for keys explicitly: leaving them out throws; malformed rings are refused', async () => {
    const { state } = await enrolled();
    await expectOTPError(() => verifyLogin(state, { token: '123456', now: T0 } as never), 'ERR_OPTION_TYPE');
    const bad: unknown[] = [
      { current: 'k1', keys: {} },
      { current: 'k1', keys: { k1: new Uint8Array(16) } },
      { current: 'k 1', keys: { 'k 1': new Uint8Array(32) } },
      { current: 'k1', keys: { k1: new Uint8Array(32), 'a.b': new Uint8Array(32) } },
      { current: 'k1', keys: { k1: 'x'.repeat(32) } },
      'key',
    ];
    for (const k of bad) await expectOTPError(() => sealSecret(SECRET, { keys: k as FlowKeys }), 'ERR_OPTION_TYPE');
    await expectOTPError(() => sealSecret(SECRET, { keys: null as never }), 'ERR_OPTION_TYPE');
    await expectOTPError(() => sealSecret('', { keys }), 'ERR_SECRET_INVALID');
    await expectOTPError(() => openSecret(42 as never, { keys }), 'ERR_SEALED_INVALID');
  });
});
