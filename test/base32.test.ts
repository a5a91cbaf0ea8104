import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32 } from '../src/index.js';
import rfc4648 from '../vectors/rfc4648-section10-base32.json';
import { ascii, expectOTPError, toHex } from './helpers.js';

describe('base32 (RFC 4648 §6)', () => {
  for (const { input_ascii: input, base32 } of rfc4648.vectors) {
    it(`encodes and strictly decodes the RFC 4648 §10 vector ${JSON.stringify(input)}`, () => {
      expect(encodeBase32(ascii(input))).toBe(base32);
      expect(toHex(decodeBase32(base32))).toBe(toHex(ascii(input)));
    });
    it(`encodes ${JSON.stringify(input)} without padding and decodes that strictly and loosely`, () => {
      const bare = base32.replace(/=+$/, '');
      expect(encodeBase32(ascii(input), { padding: false })).toBe(bare);
      expect(toHex(decodeBase32(bare))).toBe(toHex(ascii(input)));
      expect(toHex(decodeBase32(bare.toLowerCase(), { loose: true }))).toBe(toHex(ascii(input)));
    });
  }

  it('decodes the Google Authenticator example key to its 10 bytes', () => {
    expect(toHex(decodeBase32('JBSWY3DPEHPK3PXP'))).toBe('48656c6c6f21deadbeef');
  });

  it('loosely decodes a key as people type it: lower case, spaces, hyphens', () => {
    expect(toHex(decodeBase32(' jbsw y3dp-ehpk 3pxp ', { loose: true }))).toBe('48656c6c6f21deadbeef');
    expect(toHex(decodeBase32('jbsw\ty3dp\nehpk\r\n3pxp', { loose: true }))).toBe('48656c6c6f21deadbeef');
  });

  const strictRejects = [
    'A', 'AAA', 'AAAAAA', 'A=======', 'MY=====', 'MY=======', 'M=Y=====', 'MZXW6YT!', 'MZXW6YT1',
    'MZXW0YTB', 'MZXW8YTB', 'mzxw6ytb', 'MZXW 6YTB', 'MZXW-6YTB', 'MZXW6YTB\u0000', 'MZXW6YTBÉ',
    'MZ======', 'MZXR====', 'MZ', 'MZXR', 'CPNMUOJ1',
  ];
  for (const text of strictRejects) {
    it(`strict decoding refuses ${JSON.stringify(text)} with ERR_BASE32_INVALID`, async () => {
      await expectOTPError(() => decodeBase32(text), 'ERR_BASE32_INVALID');
    });
  }

  const looseRejects = ['A', 'AAA', 'AAAAAA', 'A=======', 'MY=======', 'M=Y=====', 'MZXW6YT!', 'MZXW6YT1', 'MZXW0YTB', 'MZ=XW6YTB', 'MZXW6YTB\u0000', 'MZXW6YTBÉ', 'MZXW6YT8'];
  for (const text of looseRejects) {
    it(`loose decoding still refuses ${JSON.stringify(text)} with ERR_BASE32_INVALID`, async () => {
      await expectOTPError(() => decodeBase32(text, { loose: true }), 'ERR_BASE32_INVALID');
    });
  }

  it('reads each of the first 384 character codes as RFC 4648 Table 3 says, strictly and loosely', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const separators = '\t\n\v\f\r -';
    for (let code = 0; code < 384; code++) {
      const c = String.fromCharCode(code);
      // A character in the first place of 8 gives the top 5 bits of the first byte.
      const text = `${c}AAAAAAA`;
      const strict = alphabet.indexOf(c);
      if (strict >= 0) expect(decodeBase32(text)[0]! >> 3, c).toBe(strict);
      else await expectOTPError(() => decodeBase32(text), 'ERR_BASE32_INVALID');
      const loose = /[a-z]/.test(c) ? alphabet.indexOf(c.toUpperCase()) : strict;
      if (loose >= 0) expect(decodeBase32(text, { loose: true })[0]! >> 3, c).toBe(loose);
      else if (separators.includes(c)) expect(decodeBase32(text, { loose: true }), c).toHaveLength(4); // 7 characters left
      else await expectOTPError(() => decodeBase32(text, { loose: true }), 'ERR_BASE32_INVALID');
    }
  });

  it('loose decoding accepts non-zero trailing bits and partial padding, as Google Authenticator does', () => {
    expect(toHex(decodeBase32('MZ======', { loose: true }))).toBe('66');
    expect(toHex(decodeBase32('MZ', { loose: true }))).toBe('66');
    expect(toHex(decodeBase32('MZXR====', { loose: true }))).toBe('666f');
    expect(toHex(decodeBase32('MZXR', { loose: true }))).toBe('666f');
    expect(toHex(decodeBase32('MY===', { loose: true }))).toBe('66');
  });

  it('never shows the offending characters of a secret in its message', async () => {
    const error = await expectOTPError(() => decodeBase32('SECRETKEY0AB'), 'ERR_BASE32_INVALID');
    expect(error.message).toContain('position 9');
    expect(error.message).not.toContain('SECRETKEY');
  });

  it('refuses a non-string to decode and a non-Uint8Array to encode with ERR_OPTION_TYPE', async () => {
    await expectOTPError(() => decodeBase32(42 as unknown as string), 'ERR_OPTION_TYPE');
    await expectOTPError(() => encodeBase32('foo' as unknown as Uint8Array), 'ERR_OPTION_TYPE');
    await expectOTPError(() => decodeBase32('MY', { loose: 'yes' as unknown as boolean }), 'ERR_OPTION_TYPE');
  });

  it('round-trips any bytes through encode and strict decode, padded or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.boolean(), (bytes, padding) => {
        const text = encodeBase32(bytes, { padding });
        expect(text).toMatch(padding ? /^[A-Z2-7]*=*$/ : /^[A-Z2-7]*$/);
        if (padding) expect(text.length % 8).toBe(0);
        expect(toHex(decodeBase32(text))).toBe(toHex(bytes));
      }),
    );
  });

  it('round-trips any canonical text through strict decode and encode', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = encodeBase32(bytes);
        expect(encodeBase32(decodeBase32(text))).toBe(text);
      }),
    );
  });

  it('loosely accepts everything strict accepts and gives the same bytes', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567=a0 -';
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 40 }), (text) => {
        let strict: Uint8Array | undefined;
        try {
          strict = decodeBase32(text);
        } catch {
          return;
        }
        expect(toHex(decodeBase32(text, { loose: true }))).toBe(toHex(strict));
      }),
      { numRuns: 2000 },
    );
  });

  // The node build decodes whole groups of 8 first and hands the rest to a loop by character: a
  // separator, pad or invalid character before, inside or after whole groups must read the same.
  it('reads a separator, a pad or an invalid character at any position of a 5-group key alike', async () => {
    const bytes = Uint8Array.from({ length: 25 }, (_, i) => (i * 73 + 41) & 0xff);
    const text = encodeBase32(bytes); // 40 characters, no padding
    for (let i = 0; i <= text.length; i++) {
      const at = (c: string) => text.slice(0, i) + c + text.slice(i);
      expect(toHex(decodeBase32(at(' '), { loose: true })), `space at ${i}`).toBe(toHex(bytes));
      expect(toHex(decodeBase32(at('-').toLowerCase(), { loose: true })), `hyphen at ${i}`).toBe(toHex(bytes));
      for (const options of [{}, { loose: true }]) {
        const invalid = await expectOTPError(() => decodeBase32(at('1'), options), 'ERR_BASE32_INVALID');
        expect(invalid.message).toBe(`base32: invalid base32 character at position ${i}`);
        if (i === text.length) continue;
        const pad = await expectOTPError(() => decodeBase32(at('='), options), 'ERR_BASE32_INVALID');
        expect(pad.message).toBe(`base32: '=' before position ${i + 1}`);
      }
    }
  });

  it('loosely decodes lower case, spaced, hyphenated and unpadded forms of any encoding to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 1, max: 8 }), (bytes, group) => {
        const bare = encodeBase32(bytes, { padding: false });
        const spaced = (bare.toLowerCase().match(new RegExp(`.{1,${group}}`, 'g')) ?? []).join(group % 2 ? ' ' : '-');
        expect(toHex(decodeBase32(spaced, { loose: true }))).toBe(toHex(bytes));
      }),
    );
  });
});
