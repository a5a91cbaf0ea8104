import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateHOTP, generateTOTP, type HashAlgorithm } from '../src/index.js';
import { backendName, toHex } from './helpers.js';

/** OATH Toolkit's oathtool, an independent C implementation (Debian package `oathtool`). */
function oathtool(args: string[]): string {
  return execFileSync('oathtool', args, { encoding: 'utf8' }).trim();
}

const available = (() => {
  try {
    oathtool(['--version']);
    return true;
  } catch {
    return false;
  }
})();

describe(`agreement with oathtool over the ${backendName} backend`, () => {
  it('has oathtool installed wherever CI runs', () => {
    // Locally the comparison below is skipped without oathtool; in CI a missing binary is a failure.
    if (process.env.CI) expect(available).toBe(true);
  });

  it.runIf(available)('gives the same HOTP codes for random keys, counters up to 2^64 − 1 and 6 to 8 digits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.integer({ min: 6, max: 8 }),
        async (secret, counter, digits) => {
          const expected = oathtool(['--hotp', '-c', counter.toString(), '-d', String(digits), toHex(secret)]);
          expect(await generateHOTP({ secret, counter, digits })).toBe(expected);
        },
      ),
      { numRuns: 40 },
    );
  });

  it.runIf(available)('gives the same TOTP codes for random keys, times, periods, T0 and algorithms', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.integer({ min: 0, max: 2 ** 32 }),
        fc.integer({ min: 0, max: 2 ** 30 }),
        fc.constantFrom(15, 30, 60, 90),
        fc.constantFrom<HashAlgorithm>('SHA1', 'SHA256', 'SHA512'),
        fc.integer({ min: 6, max: 8 }),
        async (secret, t0Seconds, elapsed, period, algorithm, digits) => {
          const nowSeconds = t0Seconds + elapsed;
          const expected = oathtool([
            `--totp=${algorithm}`, '-s', `${period}s`, '-S', `@${t0Seconds}`, '-N', `@${nowSeconds}`, '-d', String(digits), toHex(secret),
          ]);
          const code = await generateTOTP({ secret, now: nowSeconds * 1000, t0: t0Seconds * 1000, period, algorithm, digits });
          expect(code).toBe(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});
