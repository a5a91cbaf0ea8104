import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeBase32, generateSecret } from '../src/index.js';
import { backendName, random } from './helpers.js';

afterEach(() => vi.restoreAllMocks());

describe(`generateSecret over the ${backendName} backend`, () => {
  it('returns 20 random bytes (160 bits, RFC 4226 R6) as unpadded upper-case base32 by default', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(decodeBase32(secret)).toHaveLength(20);
  });

  it('takes its bytes from the backend CSPRNG and nothing else', () => {
    const fixed = Uint8Array.from({ length: 16 }, (_, i) => i * 16);
    const spy = vi.spyOn(random, 'randomBytes').mockImplementation((n) => fixed.slice(0, n));
    expect(Array.from(decodeBase32(generateSecret({ bytes: 16 })))).toEqual(Array.from(fixed));
    expect(spy).toHaveBeenCalledWith(16);
  });

  it('honours bytes from 16 to 1024', () => {
    for (const bytes of [16, 32, 64, 1024]) expect(decodeBase32(generateSecret({ bytes }))).toHaveLength(bytes);
  });

  it('never repeats itself in 10,000 secrets', () => {
    const seen = new Set(Array.from({ length: 10_000 }, () => generateSecret()));
    expect(seen.size).toBe(10_000);
  });
});
