import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32, generateTOTP, parseOTPAuthURI, timeStep } from '../src/index.js';
import { decodeBase64, encodeBase64 } from '../src/internal/base64.js';
import { equalBytes } from '../src/internal/bytes.js';
import { describe as describeValue } from '../src/internal/guards.js';
import { expectOTPError } from './helpers.js';

describe('internal helpers', () => {
  it('round-trip any bytes through unpadded base64, equal to the platform encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64').replace(/=+$/, ''));
        expect(Array.from(decodeBase64(text)!)).toEqual(Array.from(bytes));
      }),
    );
  });

  it('refuse base64 of impossible length, other characters, or non-zero trailing bits', () => {
    for (const text of ['A', 'AAAAA', 'AA=A', 'AA A', 'AAé', 'AB', 'AAB']) expect(decodeBase64(text)).toBeUndefined();
    expect(decodeBase64('AA')).toEqual(new Uint8Array([0]));
  });

  it('compare bytes: equal, different, and of different lengths', () => {
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });

  it('describe values for messages without echoing any string, which could be a code or a secret', () => {
    expect([1.5, true, 5n, 'MD5', 'A'.repeat(13), undefined, null].map(describeValue)).toEqual([
      '1.5', 'true', '5n', 'a string of 3 characters', 'a string of 13 characters', 'undefined', 'null',
    ]);
    expect([new Date(0), new Uint8Array(3), [1], {}, () => 1, Symbol('x')].map(describeValue)).toEqual([
      'an object', '3 bytes', 'an object', 'an object', 'a function', 'a symbol',
    ]);
    const revoked = Proxy.revocable([], {});
    revoked.revoke();
    expect(describeValue(revoked.proxy)).toBe('an object');
    // Fakes that pass instanceof are described as what they are, without touching their innards.
    expect(describeValue(Object.create(Uint8Array.prototype))).toBe('an object');
    expect(describeValue(Object.create(Date.prototype))).toBe('an object');
    expect(describeValue(new Proxy(new Uint8Array(4), {}))).toBe('an object');
  });

  it('refuse an encodeBase32 padding option that is not a boolean', async () => {
    await expectOTPError(() => encodeBase32(new Uint8Array(1), { padding: 'no' as never }), 'ERR_OPTION_TYPE');
    await expectOTPError(() => encodeBase32(new Uint8Array(1), false as never), 'ERR_OPTION_TYPE');
    await expectOTPError(() => decodeBase32('MY', 'loose' as never), 'ERR_OPTION_TYPE');
  });

  it('refuse instants more than 2^53 ms apart, which a double cannot subtract exactly', async () => {
    await expectOTPError(() => timeStep({ now: Number.MAX_SAFE_INTEGER, t0: -Number.MAX_SAFE_INTEGER }), 'ERR_OPTION_RANGE');
    await expectOTPError(() => generateTOTP({ secret: 'GEZDGNBV', now: Number.MAX_SAFE_INTEGER, t0: -1 }), 'ERR_OPTION_RANGE');
  });

  it('parse URI edge cases: no query, empty pairs, a fragment, parameters without a value, a blank secret', async () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(parseOTPAuthURI(`otpauth://totp/a?&&secret=${secret}&&flag#fragment&issuer=x`)).toMatchObject({ account: 'a', secret });
    expect(parseOTPAuthURI(`otpauth://totp/a?secret=${secret}#issuer=x`).issuer).toBeUndefined();
    await expectOTPError(() => parseOTPAuthURI('otpauth://totp/a'), 'ERR_URI_INVALID');
    await expectOTPError(() => parseOTPAuthURI('otpauth://totp/a?secret'), 'ERR_URI_INVALID');
    await expectOTPError(() => parseOTPAuthURI('otpauth://totp/a?secret=%20-%20'), 'ERR_URI_INVALID');
    await expectOTPError(() => parseOTPAuthURI(`otpauth://totp/a?secret=${secret}&%ZZ=1`), 'ERR_URI_INVALID');
    expect(parseOTPAuthURI(`otpauth://hotp/a?secret=${secret}&counter=7&period=60`)).toMatchObject({ type: 'hotp', counter: 7 });
    expect(parseOTPAuthURI(`otpauth://totp/a?secret=${secret}&counter=7`)).not.toHaveProperty('counter');
  });
});
