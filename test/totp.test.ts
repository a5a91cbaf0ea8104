import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateTOTP, timeStep, verifyTOTP, type HashAlgorithm } from '../src/index.js';
import rfc6238 from '../vectors/rfc6238-appendix-b.json';
import derived from '../vectors/derived-otp.json';
import { findMatch } from '../src/internal/otp.js';
import { backend, backendName, hex } from './helpers.js';

afterEach(() => vi.restoreAllMocks());

const seeds = Object.fromEntries(Object.entries(rfc6238.secrets).map(([k, v]) => [k, hex(v.hex)])) as Record<HashAlgorithm, Uint8Array>;

describe(`TOTP (RFC 6238) over the ${backendName} backend`, () => {
  for (const v of rfc6238.vectors) {
    it(`gives the RFC 6238 Appendix B code for ${v.mode} at ${v.time} s (${v.utc})`, async () => {
      const algorithm = v.mode as HashAlgorithm;
      const now = v.time * 1000;
      expect(timeStep({ now })).toBe(parseInt(v.t_hex, 16));
      expect(await generateTOTP({ secret: seeds[algorithm], now, algorithm, digits: 8 })).toBe(v.totp);
      expect(await generateTOTP({ secret: seeds[algorithm], now: new Date(now), algorithm, digits: 8 })).toBe(v.totp);
      expect(await verifyTOTP({ secret: seeds[algorithm], token: v.totp, now, algorithm, digits: 8 })).toEqual({ valid: true, step: parseInt(v.t_hex, 16), delta: 0 });
    });
  }

  it('does not give the Appendix B SHA-256 and SHA-512 codes with the 20-byte seed (the RFC erratum)', async () => {
    expect(await generateTOTP({ secret: seeds.SHA1, now: 59_000, algorithm: 'SHA256', digits: 8 })).toBe('32247374');
    expect(await generateTOTP({ secret: seeds.SHA1, now: 59_000, algorithm: 'SHA512', digits: 8 })).toBe('69342147');
  });

  for (const v of derived.totp) {
    it(`gives the derived code for ${v.why}: ${v.algorithm}, period ${v.period}, t0 ${v.t0}, ${v.digits} digits`, async () => {
      const options = { now: v.now, t0: v.t0, period: v.period };
      expect(timeStep(options)).toBe(v.step);
      expect(await generateTOTP({ ...options, secret: hex(v.secret_hex), algorithm: v.algorithm as HashAlgorithm, digits: v.digits })).toBe(v.totp);
    });
  }

  it('counts steps at the RFC 6238 §4.2 boundaries: 0, 29, 30, 59, 60 seconds', () => {
    expect([0, 29_999, 30_000, 59_999, 60_000].map((now) => timeStep({ now }))).toEqual([0, 0, 1, 1, 2]);
    expect(timeStep({ now: 60_000, t0: 30_000 })).toBe(1);
    expect(timeStep({ now: new Date(90_000), t0: new Date(30_000), period: 60 })).toBe(1);
  });

  it('reads the clock when now is not given', async () => {
    vi.useFakeTimers({ now: 59_000 });
    try {
      expect(timeStep()).toBe(1);
      expect(await generateTOTP({ secret: seeds.SHA1, digits: 8 })).toBe('94287082');
    } finally {
      vi.useRealTimers();
    }
  });

  it('accepts a code at every offset inside the window with the right delta, and at none outside it (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 70 }),
        fc.integer({ min: 100, max: 2 ** 33 }),
        fc.integer({ min: -5, max: 5 }),
        fc.nat({ max: 3 }),
        fc.nat({ max: 3 }),
        fc.constantFrom<HashAlgorithm>('SHA1', 'SHA256', 'SHA512'),
        fc.integer({ min: 6, max: 10 }),
        async (secret, step, offset, past, future, algorithm, digits) => {
          const now = step * 30_000 + 12_345;
          const token = await generateTOTP({ secret, now: now + offset * 30_000, algorithm, digits });
          const result = await verifyTOTP({ secret, token, now, window: { past, future }, algorithm, digits });
          const inside = offset < 0 ? -offset <= past : offset <= future;
          if (inside) {
            if (!result.valid) throw new Error('expected a match');
            // Another step inside the window can share the code by chance, and wins only if later.
            if (result.delta !== offset) expect(result.delta).toBeGreaterThan(offset);
            else expect(result).toEqual({ valid: true, step: step + offset, delta: offset });
          } else if (result.valid) {
            expect(result.delta).toBeGreaterThanOrEqual(-past);
            expect(result.delta).toBeLessThanOrEqual(future);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('defaults to a window of one step either side', async () => {
    const now = 1_700_000_000_000;
    const at = async (offset: number) =>
      verifyTOTP({ secret: seeds.SHA1, now, token: await generateTOTP({ secret: seeds.SHA1, now: now + offset * 30_000 }) });
    expect(await at(-1)).toMatchObject({ delta: -1 });
    expect(await at(0)).toMatchObject({ delta: 0 });
    expect(await at(1)).toMatchObject({ delta: 1 });
    expect(await at(-2)).toEqual({ valid: false });
    expect(await at(2)).toEqual({ valid: false });
  });

  it('refuses the step of lastUsedStep and every earlier one, and accepts later ones (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 16, maxLength: 32 }), fc.integer({ min: -1, max: 1 }), fc.integer({ min: -3, max: 3 }), async (secret, offset, lastOffset) => {
        const now = 1_700_000_000_000;
        const current = timeStep({ now });
        const token = await generateTOTP({ secret, now: now + offset * 30_000 });
        const lastUsedStep = current + lastOffset;
        const result = await verifyTOTP({ secret, token, now, lastUsedStep });
        if (result.valid) expect(result.step).toBeGreaterThan(lastUsedStep);
        expect(result.valid).toBe(result.valid && current + offset > lastUsedStep ? true : result.valid);
        if (current + offset > lastUsedStep) expect(result.valid).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('stops a replay: the same code twice fails, then an older code inside the window fails, then the next one works', async () => {
    const now = 1_700_000_000_000;
    const code = (offset: number) => generateTOTP({ secret: seeds.SHA1, now: now + offset * 30_000 });
    const first = await verifyTOTP({ secret: seeds.SHA1, token: await code(0), now, lastUsedStep: null });
    if (!first.valid) throw new Error('expected a match');
    expect(await verifyTOTP({ secret: seeds.SHA1, token: await code(0), now, lastUsedStep: first.step })).toEqual({ valid: false });
    expect(await verifyTOTP({ secret: seeds.SHA1, token: await code(-1), now, lastUsedStep: first.step })).toEqual({ valid: false });
    const later = now + 30_000;
    expect(await verifyTOTP({ secret: seeds.SHA1, token: await code(1), now: later, lastUsedStep: first.step })).toMatchObject({ valid: true, delta: 0 });
  });

  it('computes every candidate step, match or not, and skips only used or negative steps', async () => {
    const spy = vi.spyOn(backend, 'truncatedMacs');
    const now = 1_700_000_000_000;
    const token = await generateTOTP({ secret: seeds.SHA1, now });
    spy.mockClear();
    await verifyTOTP({ secret: seeds.SHA1, token, now, window: 2 });
    await verifyTOTP({ secret: seeds.SHA1, token: '000000', now, window: 2 });
    await verifyTOTP({ secret: seeds.SHA1, token, now, window: 2, lastUsedStep: timeStep({ now }) });
    await verifyTOTP({ secret: seeds.SHA1, token, now: 10_000, window: 2 });
    expect(spy.mock.calls.map((call) => call[2].length)).toEqual([5, 5, 2, 3]);
  });

  it('asks for candidate steps in ascending order (−2, −1, 0, +1, +2), so the latest wins a shared code', async () => {
    const spy = vi.spyOn(backend, 'truncatedMacs');
    const now = 1_700_000_000_000;
    await verifyTOTP({ secret: seeds.SHA1, token: '000000', now, window: 2 });
    const steps = spy.mock.calls[0]![2];
    const current = timeStep({ now });
    expect(steps).toEqual([current - 2, current - 1, current, current + 1, current + 2]);
  });
});

describe('findMatch', () => {
  it('returns the last of several matching candidates, and -1 when none matches', () => {
    // Truncated MACs, as the backend returns them, in candidate order.
    const values = [1_000_111, 2_123_456, 123_456, 7_123_456];
    expect(findMatch(values, 123456, 6)).toBe(3);
    expect(findMatch(values, 111, 6)).toBe(0);
    expect(findMatch(values, 999_999, 6)).toBe(-1);
    expect(findMatch(values, 7_123_456, 7)).toBe(3);
    expect(findMatch(values, 2_123_456, 10)).toBe(1);
    expect(findMatch([], 0, 6)).toBe(-1);
  });
});
