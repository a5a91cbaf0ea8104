import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateHOTP, generateSecret, generateTOTP, timeStep, verifyHOTP, verifyTOTP, type OTPErrorCode } from '../src/index.js';
import { backend, backendName, expectOTPError, hex } from './helpers.js';

const secret = hex('3132333435363738393031323334353637383930');
const now = 1_111_111_109_000;

afterEach(() => vi.restoreAllMocks());

type Case = [title: string, run: () => Promise<unknown> | unknown, code: OTPErrorCode];

const throwing: Case[] = [
  ['now NaN', () => generateTOTP({ secret, now: NaN }), 'ERR_OPTION_RANGE'],
  ['now Infinity', () => generateTOTP({ secret, now: Infinity }), 'ERR_OPTION_RANGE'],
  ['now -Infinity', () => verifyTOTP({ secret, token: '123456', now: -Infinity }), 'ERR_OPTION_RANGE'],
  ['now fractional', () => generateTOTP({ secret, now: 1.5 }), 'ERR_OPTION_RANGE'],
  ['now an invalid Date', () => generateTOTP({ secret, now: new Date('nope') }), 'ERR_OPTION_RANGE'],
  ['now a string', () => generateTOTP({ secret, now: '59000' as unknown as number }), 'ERR_OPTION_TYPE'],
  ['now before t0', () => generateTOTP({ secret, now: 1000, t0: 2000 }), 'ERR_OPTION_RANGE'],
  ['now before the epoch', () => timeStep({ now: -1 }), 'ERR_OPTION_RANGE'],
  ['t0 NaN', () => timeStep({ now, t0: NaN }), 'ERR_OPTION_RANGE'],
  ['counter -1', () => generateHOTP({ secret, counter: -1 }), 'ERR_OPTION_RANGE'],
  ['counter 1.5', () => generateHOTP({ secret, counter: 1.5 }), 'ERR_OPTION_RANGE'],
  ['counter NaN', () => generateHOTP({ secret, counter: NaN }), 'ERR_OPTION_RANGE'],
  ['counter Infinity', () => verifyHOTP({ secret, token: '755224', counter: Infinity }), 'ERR_OPTION_RANGE'],
  ['counter 2^53 as a number', () => generateHOTP({ secret, counter: 2 ** 53 }), 'ERR_OPTION_RANGE'],
  ['counter 2^64 as a bigint', () => generateHOTP({ secret, counter: 2n ** 64n }), 'ERR_OPTION_RANGE'],
  ['counter -1n', () => generateHOTP({ secret, counter: -1n }), 'ERR_OPTION_RANGE'],
  ['counter a string', () => generateHOTP({ secret, counter: '1' as unknown as number }), 'ERR_OPTION_TYPE'],
  ['counter missing', () => generateHOTP({ secret } as unknown as { secret: Uint8Array; counter: number }), 'ERR_OPTION_TYPE'],
  ['digits 5', () => generateHOTP({ secret, counter: 0, digits: 5 }), 'ERR_OPTION_RANGE'],
  ['digits 11', () => generateTOTP({ secret, now, digits: 11 }), 'ERR_OPTION_RANGE'],
  ['digits 6.5', () => verifyTOTP({ secret, token: '123456', now, digits: 6.5 }), 'ERR_OPTION_RANGE'],
  ['digits "6"', () => generateTOTP({ secret, now, digits: '6' as unknown as number }), 'ERR_OPTION_TYPE'],
  ['period 0', () => generateTOTP({ secret, now, period: 0 }), 'ERR_OPTION_RANGE'],
  ['period -30', () => timeStep({ now, period: -30 }), 'ERR_OPTION_RANGE'],
  ['period 1.5', () => verifyTOTP({ secret, token: '123456', now, period: 1.5 }), 'ERR_OPTION_RANGE'],
  ['period NaN', () => generateTOTP({ secret, now, period: NaN }), 'ERR_OPTION_RANGE'],
  ['window 11 (beyond the cap of 10)', () => verifyTOTP({ secret, token: '123456', now, window: 11 }), 'ERR_OPTION_RANGE'],
  ['window 1e6', () => verifyTOTP({ secret, token: '123456', now, window: 1e6 }), 'ERR_OPTION_RANGE'],
  ['window -1', () => verifyTOTP({ secret, token: '123456', now, window: -1 }), 'ERR_OPTION_RANGE'],
  ['window.future missing', () => verifyTOTP({ secret, token: '123456', now, window: { past: 1 } as never }), 'ERR_OPTION_TYPE'],
  ['window.past beyond the cap', () => verifyTOTP({ secret, token: '123456', now, window: { past: 11, future: 0 } }), 'ERR_OPTION_RANGE'],
  ['window a string', () => verifyTOTP({ secret, token: '123456', now, window: '1' as never }), 'ERR_OPTION_TYPE'],
  ['lookAhead 101 (beyond the cap of 100)', () => verifyHOTP({ secret, token: '123456', counter: 0, lookAhead: 101 }), 'ERR_OPTION_RANGE'],
  ['lookAhead 1e9', () => verifyHOTP({ secret, token: '123456', counter: 0, lookAhead: 1e9 }), 'ERR_OPTION_RANGE'],
  ['lastUsedStep 1.5', () => verifyTOTP({ secret, token: '123456', now, lastUsedStep: 1.5 }), 'ERR_OPTION_RANGE'],
  ['lastUsedStep a string', () => verifyTOTP({ secret, token: '123456', now, lastUsedStep: '3' as never }), 'ERR_OPTION_TYPE'],
  ['algorithm MD5', () => generateTOTP({ secret, now, algorithm: 'MD5' as never }), 'ERR_OPTION_RANGE'],
  ['algorithm sha1 in lower case', () => generateHOTP({ secret, counter: 0, algorithm: 'sha1' as never }), 'ERR_OPTION_RANGE'],
  ['empty secret bytes', () => generateHOTP({ secret: new Uint8Array(0), counter: 0 }), 'ERR_SECRET_INVALID'],
  ['empty secret string', () => generateTOTP({ secret: '', now }), 'ERR_SECRET_INVALID'],
  ['a secret of only spaces and hyphens', () => generateTOTP({ secret: ' - ', now }), 'ERR_SECRET_INVALID'],
  ['a secret of only padding', () => generateTOTP({ secret: '==', now }), 'ERR_BASE32_INVALID'],
  ['a secret of 1025 bytes', () => generateHOTP({ secret: new Uint8Array(1025), counter: 0 }), 'ERR_SECRET_INVALID'],
  ['a 10 MB secret string', () => generateHOTP({ secret: 'A'.repeat(10_000_000), counter: 0 }), 'ERR_SECRET_INVALID'],
  ['a secret that is a number', () => generateHOTP({ secret: 12345 as never, counter: 0 }), 'ERR_SECRET_INVALID'],
  ['a secret with 0 in the middle', () => generateTOTP({ secret: 'JBSWY3DP0HPK3PXP', now }), 'ERR_BASE32_INVALID'],
  ['a secret with 1 in the middle', () => generateTOTP({ secret: 'JBSWY3DP1HPK3PXP', now }), 'ERR_BASE32_INVALID'],
  ['a secret with 8 in the middle', () => generateTOTP({ secret: 'JBSWY3DP8HPK3PXP', now }), 'ERR_BASE32_INVALID'],
  ['a secret with = in the middle', () => generateTOTP({ secret: 'JBSWY3DP=HPK3PXP', now }), 'ERR_BASE32_INVALID'],
  ['a secret of impossible length', () => generateTOTP({ secret: 'JBSWY3DPE', now }), 'ERR_BASE32_INVALID'],
  ['options missing', () => generateTOTP(undefined as never), 'ERR_OPTION_TYPE'],
  ['options null', () => verifyTOTP(null as never), 'ERR_OPTION_TYPE'],
  ['generateSecret bytes 15', () => generateSecret({ bytes: 15 }), 'ERR_OPTION_RANGE'],
  ['generateSecret bytes 20.5', () => generateSecret({ bytes: 20.5 }), 'ERR_OPTION_RANGE'],
  ['generateSecret options that are a number', () => generateSecret(20 as never), 'ERR_OPTION_TYPE'],
];

describe(`bad input over the ${backendName} backend`, () => {
  for (const [title, run, code] of throwing) {
    it(`throws ${code} for ${title}, before computing any HMAC`, async () => {
      const spy = vi.spyOn(backend, 'truncatedMacs');
      const error = await expectOTPError(run, code);
      expect(spy).not.toHaveBeenCalled();
      expect(error.message).toMatch(/^[\w.]+( options)?: /);
    });
  }

  it('checks options before the token: a bad option with a bad token still throws', async () => {
    await expectOTPError(() => verifyTOTP({ secret, token: 'nope', now, digits: 11 }), 'ERR_OPTION_RANGE');
    await expectOTPError(() => verifyHOTP({ secret: '', token: 'nope', counter: 0 }), 'ERR_SECRET_INVALID');
  });

  const badTokens: [string, unknown][] = [
    ['empty', ''], ['5 digits', '12345'], ['7 digits', '1234567'], ['a letter', '12a456'],
    ['full-width digits', '１２３４５６'], ['hex', '0x1E24'], ['an exponent', '1e5'], ['a plus sign', '+12345'],
    ['a minus sign', '-12345'], ['a trailing newline', '123456\n'], ['a tab', '123\t456'], ['a hyphen', '123-456'],
    ['a number', 123456], ['null', null], ['true', true], ['an array', ['123456']],
    ['a very long string of spaces and digits', ' '.repeat(100) + '123456'],
  ];
  for (const [title, token] of badTokens) {
    it(`is { valid: false } for a token that is ${title}, without computing any HMAC`, async () => {
      const spy = vi.spyOn(backend, 'truncatedMacs');
      expect(await verifyTOTP({ secret, token: token as string, now })).toEqual({ valid: false });
      expect(await verifyHOTP({ secret, token: token as string, counter: 0 })).toEqual({ valid: false });
      expect(spy).not.toHaveBeenCalled();
    });
  }

  it('is { valid: false } for a 10-digit token of 2^31 or more (no truncated value is that large)', async () => {
    const spy = vi.spyOn(backend, 'truncatedMacs');
    expect(await verifyHOTP({ secret, token: '2147483648', counter: 0, digits: 10 })).toEqual({ valid: false });
    expect(spy).not.toHaveBeenCalled();
  });

  it('accepts a token with surrounding and inner ASCII spaces', async () => {
    const code = await generateTOTP({ secret, now });
    const spaced = ` ${code.slice(0, 3)} ${code.slice(3)} `;
    expect(await verifyTOTP({ secret, token: spaced, now })).toMatchObject({ delta: 0 });
    const hotp = await generateHOTP({ secret, counter: 4 });
    expect(await verifyHOTP({ secret, token: `${hotp.slice(0, 3)} ${hotp.slice(3)}`, counter: 4 })).toEqual({ valid: true, counter: 4, delta: 0 });
  });

  it('keeps leading zeros significant: 07081804 verifies, 7081804 and 7081804 padded with a space do not', async () => {
    const at = 1_111_111_109_000;
    expect(await verifyTOTP({ secret, token: '07081804', now: at, digits: 8 })).toMatchObject({ delta: 0 });
    expect(await verifyTOTP({ secret, token: '7081804', now: at, digits: 8 })).toEqual({ valid: false });
    expect(await verifyTOTP({ secret, token: ' 7081804', now: at, digits: 8 })).toEqual({ valid: false });
  });

  it('never returns the constant code of step 0 for a NaN time', async () => {
    const step0 = await generateTOTP({ secret, now: 0 });
    expect(step0).toBe('755224');
    await expectOTPError(() => generateTOTP({ secret, now: NaN }), 'ERR_OPTION_RANGE');
  });

  it('puts no secret, key or code in any error message', async () => {
    const base32Secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    const code = await generateTOTP({ secret, now });
    const attempts: [() => unknown, OTPErrorCode][] = [
      [() => generateTOTP({ secret: base32Secret, now, digits: 11 }), 'ERR_OPTION_RANGE'],
      [() => generateTOTP({ secret: `${base32Secret}0`, now }), 'ERR_BASE32_INVALID'],
      [() => verifyTOTP({ secret: base32Secret, token: code, now, window: 99 }), 'ERR_OPTION_RANGE'],
      [() => verifyTOTP({ secret: base32Secret, token: code, now, algorithm: base32Secret as never }), 'ERR_OPTION_RANGE'],
      [() => verifyHOTP({ secret: base32Secret, token: code, counter: -1 }), 'ERR_OPTION_RANGE'],
      [() => generateHOTP({ secret: `${base32Secret.toLowerCase()}!`, counter: 1 }), 'ERR_BASE32_INVALID'],
      [() => generateHOTP({ secret: code as never, counter: 1.5 }), 'ERR_OPTION_RANGE'],
    ];
    const messages: string[] = [];
    for (const [attempt, errorCode] of attempts) messages.push((await expectOTPError(attempt, errorCode)).message);
    for (const message of messages) {
      expect(message).not.toContain(base32Secret.slice(0, 12));
      expect(message.toLowerCase()).not.toContain(base32Secret.slice(0, 12).toLowerCase());
      expect(message).not.toContain(code);
    }
  });
});

describe('secrets in error messages', () => {
  it('describes a rejected secret by its size or type, never its value', async () => {
    for (const [secret, got] of [
      [123456, 'a number'],
      [987654321n, 'a bigint'],
      [null, 'null'],
      [{ key: 'JBSWY3DP' }, 'an object'],
      [undefined, 'undefined'],
      [new Uint8Array(0), '0 bytes'],
      ['A'.repeat(3000), 'a string of 3000 characters'],
    ] as const) {
      const error = await expectOTPError(() => generateHOTP({ secret: secret as never, counter: 0 }), 'ERR_SECRET_INVALID');
      expect(error.message).toBe(`secret: expected 1 to 1024 bytes, as a Uint8Array or base32, got ${got}`);
    }
  });
});
