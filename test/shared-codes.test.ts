import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateHOTP, resyncHOTP, verifyHOTP, verifyTOTP, type HashAlgorithm } from '../src/index.js';
import vectors from '../vectors/collisions.json';
import { backendName, expectOTPError, hex } from './helpers.js';

const PERIOD_MS = 30_000;
const [rfcPair] = vectors.collisions;

describe(`codes that two counters share, over the ${backendName} backend`, () => {
  it('returns the later of two TOTP steps that share a code (RFC 4226 key, steps 56188870 and 56188871: 617002), so storing it spends both', async () => {
    const secret = hex(rfcPair!.secret_hex);
    const now = rfcPair!.first * PERIOD_MS + 1_000; // current step is the first of the pair
    const result = await verifyTOTP({ secret, token: '617002', now });
    expect(result).toEqual({ valid: true, step: rfcPair!.second, delta: 1 });
    // Stored, it spends the earlier step too: the same code cannot log in twice.
    expect(await verifyTOTP({ secret, token: '617002', now, lastUsedStep: result.valid ? result.step : null })).toEqual({ valid: false });
  });

  it('returns the latest matching step wherever the pair sits in the window, and never lets the code in twice (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...vectors.collisions), fc.integer({ min: -1, max: 2 }), fc.integer({ min: 1, max: 3 }), async (v, shift, width) => {
        const secret = hex(v.secret_hex);
        const algorithm = v.algorithm as HashAlgorithm;
        // The current step is near the pair; the window may hold both, one or neither.
        const current = v.first + shift;
        const now = current * PERIOD_MS + 7_000;
        const window = { past: width, future: width };
        const inWindow = (step: number) => step >= current - width && step <= current + width;
        const first = await verifyTOTP({ secret, token: v.code, now, algorithm, window });
        if (inWindow(v.second)) expect(first).toMatchObject({ valid: true, step: v.second });
        else if (inWindow(v.first)) expect(first).toMatchObject({ valid: true, step: v.first });
        else expect(first.valid).toBe(false);
        if (first.valid) {
          const again = await verifyTOTP({ secret, token: v.code, now, algorithm, window, lastUsedStep: first.step });
          expect(again).toEqual({ valid: false });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('returns the highest HOTP counter that carries the code, so storing counter + 1 spends both', async () => {
    for (const v of vectors.collisions) {
      const secret = hex(v.secret_hex);
      const algorithm = v.algorithm as HashAlgorithm;
      const result = await verifyHOTP({ secret, token: v.code, counter: v.first, lookAhead: 3, algorithm });
      expect(result).toEqual({ valid: true, counter: v.second, delta: 1 });
      expect(await verifyHOTP({ secret, token: v.code, counter: v.second + 1, lookAhead: 3, algorithm })).toEqual({ valid: false });
    }
  });
});

describe(`resyncHOTP (RFC 4226 §7.4) over the ${backendName} backend`, () => {
  for (const v of vectors.resync) {
    it(`finds two consecutive ${v.algorithm} codes ${v.expected_counter - 1 - v.counter} counters ahead within a look-ahead of ${v.lookAhead} (Python-derived)`, async () => {
      const options = { secret: hex(v.secret_hex), algorithm: v.algorithm as HashAlgorithm, digits: v.digits, lookAhead: v.lookAhead };
      const tokens = v.tokens as [string, string];
      expect(await resyncHOTP({ ...options, tokens, counter: v.counter })).toEqual({
        valid: true,
        counter: v.expected_counter,
        delta: v.expected_counter - v.counter,
      });
      // The same pair as a bigint counter keeps the type.
      expect(await resyncHOTP({ ...options, tokens, counter: BigInt(v.counter) })).toMatchObject({ valid: true, counter: BigInt(v.expected_counter) });
      // Swapped, or searched from just past the first code, it is not a consecutive pair.
      expect(await resyncHOTP({ ...options, tokens: [tokens[1], tokens[0]], counter: v.counter })).toEqual({ valid: false });
      expect(await resyncHOTP({ ...options, tokens, counter: v.expected_counter })).toEqual({ valid: false });
    });
  }

  it('looks no further than lookAhead: the second code must be within counter … counter + lookAhead', async () => {
    const secret = hex('3132333435363738393031323334353637383930');
    const tokens: [string, string] = [await generateHOTP({ secret, counter: 9 }), await generateHOTP({ secret, counter: 10 })];
    expect(await resyncHOTP({ secret, tokens, counter: 0, lookAhead: 10 })).toEqual({ valid: true, counter: 10, delta: 10 });
    expect(await resyncHOTP({ secret, tokens, counter: 0, lookAhead: 9 })).toEqual({ valid: false });
  });

  it('is { valid: false } for a malformed code, and throws for missing or mis-shaped tokens and a look-ahead past 1000', async () => {
    const secret = hex('3132333435363738393031323334353637383930');
    expect(await resyncHOTP({ secret, tokens: ['755224', '12a456'], counter: 0 })).toEqual({ valid: false });
    await expectOTPError(() => resyncHOTP({ secret, tokens: ['755224'] as never, counter: 0 }), 'ERR_OPTION_TYPE');
    await expectOTPError(() => resyncHOTP({ secret, tokens: undefined as never, counter: 0 }), 'ERR_OPTION_TYPE');
    await expectOTPError(() => resyncHOTP({ secret, tokens: [undefined, '287082'] as never, counter: 0 }), 'ERR_OPTION_TYPE');
    await expectOTPError(() => resyncHOTP({ secret, tokens: ['755224', '287082'], counter: 0, lookAhead: 1001 }), 'ERR_OPTION_RANGE');
    await expectOTPError(() => resyncHOTP({ secret, tokens: ['755224', '287082'], counter: 0, lookAhead: 0 }), 'ERR_OPTION_RANGE');
    expect(await resyncHOTP({ secret, tokens: ['755224', '287082'], counter: 0 })).toEqual({ valid: true, counter: 1, delta: 1 });
  });
});
