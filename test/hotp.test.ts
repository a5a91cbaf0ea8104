import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateHOTP, verifyHOTP } from '../src/index.js';
import { truncate } from '../src/internal/bytes.js';
import rfc4226 from '../vectors/rfc4226-appendix-d.json';
import section54 from '../vectors/rfc4226-section5.4-truncation.json';
import derived from '../vectors/derived-otp.json';
import { backend, backendName, hex } from './helpers.js';

const rfcKey = hex(rfc4226.secret_hex);

afterEach(() => vi.restoreAllMocks());

describe(`HOTP (RFC 4226) over the ${backendName} backend`, () => {
  for (const v of rfc4226.vectors) {
    it(`gives the RFC 4226 Appendix D code for counter ${v.counter}, with its truncated value`, async () => {
      const [value] = await backend.truncatedMacs('SHA1', rfcKey, [v.counter]);
      expect(value).toBe(v.truncated_dec);
      expect(value).toBe(parseInt(v.truncated_hex, 16));
      expect(truncate(hex(v.hmac_sha1_hex))).toBe(v.truncated_dec);
      expect(await generateHOTP({ secret: rfcKey, counter: v.counter })).toBe(v.hotp);
      expect(await generateHOTP({ secret: rfcKey, counter: BigInt(v.counter) })).toBe(v.hotp);
    });
  }

  it('truncates the RFC 4226 §5.4 example HMAC at offset 10 to 872921', () => {
    const mac = hex(section54.hmac_hex);
    expect(mac[19]! & 0xf).toBe(section54.offset);
    expect(truncate(mac)).toBe(section54.dbc_dec);
    expect(truncate(mac) % 1e6).toBe(Number(section54.hotp));
  });

  for (const v of derived.hotp) {
    it(`gives the derived code for ${v.why}: ${v.algorithm}, counter ${v.counter}, ${v.digits} digits`, async () => {
      const secret = hex(v.secret_hex);
      const counter = BigInt(v.counter);
      expect(await generateHOTP({ secret, counter, algorithm: v.algorithm as 'SHA1', digits: v.digits })).toBe(v.hotp);
      if (counter <= BigInt(Number.MAX_SAFE_INTEGER)) {
        expect(await generateHOTP({ secret, counter: Number(counter), algorithm: v.algorithm as 'SHA1', digits: v.digits })).toBe(v.hotp);
      }
    });
  }

  it('accepts the same key as bytes and as base32 in any case and grouping', async () => {
    const code = await generateHOTP({ secret: rfcKey, counter: 3 });
    expect(await generateHOTP({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', counter: 3 })).toBe(code);
    expect(await generateHOTP({ secret: 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq', counter: 3 })).toBe(code);
  });

  it('verifies a code at the expected counter and returns it with delta 0, keeping the counter type', async () => {
    expect(await verifyHOTP({ secret: rfcKey, token: '969429', counter: 3 })).toEqual({ valid: true, counter: 3, delta: 0 });
    expect(await verifyHOTP({ secret: rfcKey, token: '969429', counter: 3n })).toEqual({ valid: true, counter: 3n, delta: 0 });
  });

  it('looks ahead only forward: stored 5, code for 7, lookAhead 3 → counter 7; codes for 5 to 7 fail after storing 8', async () => {
    const code7 = await generateHOTP({ secret: rfcKey, counter: 7 });
    const result = await verifyHOTP({ secret: rfcKey, token: code7, counter: 5, lookAhead: 3 });
    expect(result).toEqual({ valid: true, counter: 7, delta: 2 });
    for (const c of [5, 6, 7]) {
      const code = await generateHOTP({ secret: rfcKey, counter: c });
      expect(await verifyHOTP({ secret: rfcKey, token: code, counter: 8, lookAhead: 3 })).toEqual({ valid: false });
    }
    expect(await verifyHOTP({ secret: rfcKey, token: code7, counter: 5, lookAhead: 1 })).toEqual({ valid: false });
  });

  it('verifies a code inside the look-ahead at every offset and at none past it (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 80 }),
        fc.nat({ max: 2 ** 40 }),
        fc.nat({ max: 12 }),
        fc.nat({ max: 6 }),
        fc.constantFrom('SHA1', 'SHA256', 'SHA512' as const),
        fc.integer({ min: 6, max: 10 }),
        async (secret, counter, offset, lookAhead, algorithm, digits) => {
          const token = await generateHOTP({ secret, counter: counter + offset, algorithm, digits });
          const result = await verifyHOTP({ secret, token, counter, lookAhead, algorithm, digits });
          if (offset <= lookAhead) {
            // A larger delta is possible only if a later counter shares the code by chance.
            if (!result.valid) throw new Error('expected a match');
            expect(result.delta).toBeGreaterThanOrEqual(offset);
            expect(result.counter).toBe(counter + result.delta);
          } else if (result.valid) {
            expect(result.delta).toBeLessThanOrEqual(lookAhead);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never looks past 2^64 − 1 or, for a number counter, past 2^53 − 1', async () => {
    const top = 2n ** 64n - 1n;
    const code = await generateHOTP({ secret: rfcKey, counter: top });
    expect(await verifyHOTP({ secret: rfcKey, token: code, counter: top - 2n, lookAhead: 10 })).toEqual({ valid: true, counter: top, delta: 2 });
    const spy = vi.spyOn(backend, 'truncatedMacs');
    await verifyHOTP({ secret: rfcKey, token: '000000', counter: top - 2n, lookAhead: 10 });
    expect(spy.mock.calls[0]![2]).toHaveLength(3);
    await verifyHOTP({ secret: rfcKey, token: '000000', counter: Number.MAX_SAFE_INTEGER, lookAhead: 10 });
    expect(spy.mock.calls[1]![2]).toHaveLength(1);
  });

  it('computes every candidate whether a code matches early, late or not at all', async () => {
    const spy = vi.spyOn(backend, 'truncatedMacs');
    const first = await generateHOTP({ secret: rfcKey, counter: 0 });
    spy.mockClear();
    await verifyHOTP({ secret: rfcKey, token: first, counter: 0, lookAhead: 4 });
    await verifyHOTP({ secret: rfcKey, token: '000000', counter: 0, lookAhead: 4 });
    expect(spy.mock.calls.map((call) => call[2].length)).toEqual([5, 5]);
  });
});
