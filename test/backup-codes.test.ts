import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateBackupCodes, verifyBackupCode } from '../src/index.js';
import known from '../vectors/backup-code-hash.json';
import { backendName, expectOTPError, kdf, random } from './helpers.js';

afterEach(() => vi.restoreAllMocks());

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const HASH = /^\$pbkdf2-sha256\$i=20000\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;

/** Changes the symbol at `at` to the next one in the alphabet. */
const nearMiss = (code: string, at: number) => {
  const symbols = code.replaceAll('-', '').split('');
  symbols[at] = ALPHABET[(ALPHABET.indexOf(symbols[at]!) + 1) % 32]!;
  return symbols.join('');
};

describe(`backup codes over the ${backendName} backend`, () => {
  it('generates 10 distinct codes of 16 unambiguous symbols as XXXX-XXXX-XXXX-XXXX, with one salted hash each', async () => {
    const { codes, hashes } = await generateBackupCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(hashes).toHaveLength(10);
    for (const hash of hashes) expect(hash).toMatch(HASH);
    expect(new Set(hashes.map((h) => h.split('$')[3])).size).toBe(10); // a fresh salt per code
    for (const code of codes) for (const hash of hashes) expect(hash).not.toContain(code.replaceAll('-', ''));
  });

  it('verifies every code once, at its index, and never again against the remaining hashes', async () => {
    const { codes, hashes } = await generateBackupCodes({ count: 5 });
    let stored = hashes;
    for (const code of codes) {
      const result = await verifyBackupCode({ code, hashes: stored });
      if (!result.valid) throw new Error('expected a match');
      expect(stored[result.index]).toBe(hashes[codes.indexOf(code)]);
      expect(result.remaining).toEqual(stored.filter((_, i) => i !== result.index));
      stored = result.remaining;
      expect(await verifyBackupCode({ code, hashes: stored })).toEqual({ valid: false });
    }
    expect(stored).toEqual([]);
  });

  it('accepts what people type: lower case, no hyphens, extra spaces, O for 0, I or L for 1', async () => {
    const { hashes } = await generateBackupCodes({ count: 1 });
    vi.spyOn(random, 'randomBytes').mockImplementation((n) => new Uint8Array(n).map((_, i) => [0, 1, 2, 3, 16, 17][i % 6]!));
    const { codes: [code], hashes: [hash] } = await generateBackupCodes({ count: 1 });
    vi.restoreAllMocks();
    expect(code).toBe('0123-GH01-23GH-0123');
    const all = [...hashes, hash!];
    for (const typed of ['0123gh0123gh0123', ' 0123 GH01 23GH 0123 ', 'O123-GHOI-23GH-Ol23', 'o1 2 3-g h o L-2 3 g h-0 I 2 3', '0123\tGH01\n23GH-0123']) {
      expect(await verifyBackupCode({ code: typed, hashes: all })).toMatchObject({ index: 1 });
    }
  });

  it('refuses near misses: any one symbol changed', async () => {
    const { codes: [code], hashes } = await generateBackupCodes({ count: 1 });
    for (const at of [0, 7, 15]) expect(await verifyBackupCode({ code: nearMiss(code!, at), hashes })).toEqual({ valid: false });
  });

  for (const v of known.vectors) {
    it(`verifies the Python-made known-answer hash of ${v.canonical} (${v.iterations} iterations) typed as ${JSON.stringify(v.typed)}`, async () => {
      expect(await verifyBackupCode({ code: v.typed, hashes: [v.hash] })).toEqual({ valid: true, index: 0, remaining: [] });
      expect(await verifyBackupCode({ code: v.canonical, hashes: ['$pbkdf2-sha256$i=1000$3q2+7w$' + 'A'.repeat(43), v.hash] })).toEqual({
        valid: true,
        index: 1,
        remaining: ['$pbkdf2-sha256$i=1000$3q2+7w$' + 'A'.repeat(43)],
      });
      expect(await verifyBackupCode({ code: nearMiss(v.canonical, 3), hashes: [v.hash] })).toEqual({ valid: false });
    });
  }

  it('hashes with every stored hash, whether the code matches the first, the last or none', async () => {
    const { codes, hashes } = await generateBackupCodes({ count: 4 });
    const spy = vi.spyOn(kdf, 'pbkdf2Sha256');
    await verifyBackupCode({ code: codes[0]!, hashes });
    await verifyBackupCode({ code: codes[3]!, hashes });
    await verifyBackupCode({ code: nearMiss(codes[0]!, 0), hashes });
    expect(spy).toHaveBeenCalledTimes(12);
  });

  it('is { valid: false } without hashing for a code of the wrong length or alphabet, or a non-string', async () => {
    const { hashes } = await generateBackupCodes({ count: 2 });
    const spy = vi.spyOn(kdf, 'pbkdf2Sha256');
    for (const code of ['', '0123-4567-89AB', 'ABCD-EFGH-JKMN-PQRU', 'ABCD-EFGH-JKMN-PQR!', 'ABCD-EFGH-JKMN-PQRÉ', 'A'.repeat(65), 'A'.repeat(10_000), 1234, null, ['ABCD']]) {
      expect(await verifyBackupCode({ code: code as string, hashes })).toEqual({ valid: false });
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it('is { valid: false } for an empty list of hashes (every code used)', async () => {
    expect(await verifyBackupCode({ code: '0123-4567-89AB-CDEF', hashes: [] })).toEqual({ valid: false });
  });

  const malformed = [
    '', 'not a hash', '$pbkdf2-sha512$i=20000$AAECAwQFBgcICQoLDA0ODw$' + 'A'.repeat(86), '$pbkdf2-sha256$i=999$AAECAwQFBgcICQoLDA0ODw$' + 'A'.repeat(43),
    '$pbkdf2-sha256$i=1000001$AAECAwQFBgcICQoLDA0ODw$' + 'A'.repeat(43), '$pbkdf2-sha256$i=020000$AAECAwQFBgcICQoLDA0ODw$' + 'A'.repeat(43),
    '$pbkdf2-sha256$i=20000$AAEC$' + 'A'.repeat(43), '$pbkdf2-sha256$i=20000$AAECAwQFBgcICQoLDA0ODw$' + 'A'.repeat(42),
    '$pbkdf2-sha256$i=20000$AAECAwQFBgcICQoLDA0ODw$' + 'A'.repeat(42) + 'B', '$pbkdf2-sha256$i=20000$AAECAwQFBgcICQoLDA0ODx$' + 'A'.repeat(43),
    '$pbkdf2-sha256$i=20000$AAECAwQFBgcICQoLDA0ODw==$' + 'A'.repeat(43), ' $pbkdf2-sha256$i=20000$AAECAwQFBgcICQoLDA0ODw$' + 'A'.repeat(43), 42, null,
  ];
  for (const hash of malformed) {
    it(`throws ERR_BACKUP_HASH_INVALID for the stored hash ${JSON.stringify(hash)?.slice(0, 50)}, before hashing anything`, async () => {
      const spy = vi.spyOn(kdf, 'pbkdf2Sha256');
      const good = (await generateBackupCodes({ count: 1 })).hashes[0]!;
      spy.mockClear();
      const error = await expectOTPError(() => verifyBackupCode({ code: '0123-4567-89AB-CDEF', hashes: [good, hash as string] }), 'ERR_BACKUP_HASH_INVALID');
      expect(error.message.startsWith('hashes[1]: ')).toBe(true);
      expect(spy).not.toHaveBeenCalled();
    });
  }

  const badOptions: [string, () => unknown, 'ERR_OPTION_RANGE' | 'ERR_OPTION_TYPE'][] = [
    ['count 0', () => generateBackupCodes({ count: 0 }), 'ERR_OPTION_RANGE'],
    ['count 101', () => generateBackupCodes({ count: 101 }), 'ERR_OPTION_RANGE'],
    ['count 2.5', () => generateBackupCodes({ count: 2.5 }), 'ERR_OPTION_RANGE'],
    ['length 12 (60 bits, under 64)', () => generateBackupCodes({ length: 12 }), 'ERR_OPTION_RANGE'],
    ['length 65', () => generateBackupCodes({ length: 65 }), 'ERR_OPTION_RANGE'],
    ['groupSize -1', () => generateBackupCodes({ groupSize: -1 }), 'ERR_OPTION_RANGE'],
    ['count "10"', () => generateBackupCodes({ count: '10' as never }), 'ERR_OPTION_TYPE'],
    ['hashes not an array', () => verifyBackupCode({ code: 'x', hashes: 'abc' as never }), 'ERR_OPTION_TYPE'],
    ['more than 100 hashes', () => verifyBackupCode({ code: 'x', hashes: Array(101).fill('') }), 'ERR_OPTION_RANGE'],
    ['no options', () => verifyBackupCode(undefined as never), 'ERR_OPTION_TYPE'],
  ];
  for (const [title, run, code] of badOptions) {
    it(`throws ${code} for ${title}`, async () => {
      await expectOTPError(run, code);
    });
  }

  it('throws ERR_RANDOM_FAILED instead of hanging when the random source repeats itself', async () => {
    vi.spyOn(random, 'randomBytes').mockImplementation((n) => new Uint8Array(n));
    await expectOTPError(() => generateBackupCodes({ count: 2 }), 'ERR_RANDOM_FAILED');
  });

  it('honours length and groupSize: 20 symbols in fives, or ungrouped', async () => {
    const spy = vi.spyOn(kdf, 'pbkdf2Sha256').mockResolvedValue(new Uint8Array(32));
    expect((await generateBackupCodes({ count: 1, length: 20, groupSize: 5 })).codes[0]).toMatch(/^(\w{5}-){3}\w{5}$/);
    expect((await generateBackupCodes({ count: 1, length: 13, groupSize: 0 })).codes[0]).toMatch(/^\w{13}$/);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('maps every byte value to a symbol without bias: 256 bytes give each of the 32 symbols 8 times', async () => {
    vi.spyOn(kdf, 'pbkdf2Sha256').mockResolvedValue(new Uint8Array(32));
    // Byte p of the stream is the transpose of p in a 16 × 16 grid: the first 256 bytes are each
    // value 0–255 once, and the 16 codes built from them are distinct.
    let p = 0;
    vi.spyOn(random, 'randomBytes').mockImplementation((n) =>
      Uint8Array.from({ length: n }, () => {
        const q = p++ % 256;
        return ((q & 15) << 4) | (q >> 4);
      }),
    );
    const { codes } = await generateBackupCodes({ count: 16, length: 16, groupSize: 0 });
    const counts = new Map<string, number>();
    for (const symbol of codes.join('')) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    expect([...counts.keys()].sort().join('')).toBe(ALPHABET);
    expect(new Set(counts.values())).toEqual(new Set([8]));
  });

  it('draws symbols uniformly from the CSPRNG: chi-square over 64,000 symbols below 84.2 (31 degrees of freedom, α ≈ 10⁻⁶)', async () => {
    vi.spyOn(kdf, 'pbkdf2Sha256').mockResolvedValue(new Uint8Array(32));
    const counts = new Array<number>(32).fill(0);
    for (let round = 0; round < 40; round++) {
      const { codes } = await generateBackupCodes({ count: 100, length: 16, groupSize: 0 });
      for (const symbol of codes.join('')) counts[ALPHABET.indexOf(symbol)]!++;
    }
    const expected = 64_000 / 32;
    const chiSquare = counts.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(chiSquare).toBeLessThan(84.2);
  });
});
