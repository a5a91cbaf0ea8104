import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildOTPAuthURI,
  encodeBase32,
  formatSecretForDisplay,
  generateHOTP,
  generateTOTP,
  parseOTPAuthURI,
  type BuildOTPAuthURIOptions,
  type HashAlgorithm,
} from '../src/index.js';
import vectors from '../vectors/otpauth-uri.json';
import { backendName, expectOTPError } from './helpers.js';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** JSON cannot hold a bigint: "…n" strings in the vectors stand for one. */
const revive = (expected: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, typeof v === 'string' && /^\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v]));

describe(`otpauth URIs over the ${backendName} backend`, () => {
  for (const v of vectors.valid) {
    it(`parses ${v.why}`, () => {
      expect(parseOTPAuthURI(v.uri)).toEqual(revive(v.expected));
    });
  }

  it('gives FreeOTP’s example URI the code the RFC key has at t = 59 s, by spreading the parse into generateTOTP', async () => {
    const v = vectors.valid.find((x) => 'totp_at_59000' in x)!;
    const parsed = parseOTPAuthURI(v.uri);
    expect(parsed.type).toBe('totp');
    expect(await generateTOTP({ ...parsed, now: 59_000 })).toBe((v as { totp_at_59000: string }).totp_at_59000);
  });

  for (const v of vectors.invalid) {
    it(`refuses ${v.why} with ${v.code}, naming the ${v.names}`, async () => {
      const error = await expectOTPError(() => parseOTPAuthURI(v.uri), v.code as 'ERR_URI_INVALID');
      expect(error.message.startsWith(`${v.names}`)).toBe(true);
      expect(error.message).not.toContain(SECRET.slice(0, 8));
    });
  }

  it('refuses a URI longer than 2048 characters, and a non-string', async () => {
    await expectOTPError(() => parseOTPAuthURI(`otpauth://totp/a?secret=${SECRET}&x=${'a'.repeat(2048)}`), 'ERR_URI_INVALID');
    await expectOTPError(() => parseOTPAuthURI(42 as never), 'ERR_URI_INVALID');
    await expectOTPError(() => buildOTPAuthURI({ secret: SECRET, account: 'a'.repeat(2100) }), 'ERR_URI_INVALID');
  });

  it('builds the default profile with only secret and issuer: no algorithm, digits or period', () => {
    expect(buildOTPAuthURI({ secret: SECRET, issuer: 'ACME Co', account: 'john doe' })).toBe(
      `otpauth://totp/ACME%20Co:john%20doe?secret=${SECRET}&issuer=ACME%20Co`,
    );
    expect(buildOTPAuthURI({ secret: SECRET, account: 'john' })).toBe(`otpauth://totp/john?secret=${SECRET}`);
  });

  it('writes non-default parameters, the hotp counter and an https image', () => {
    expect(
      buildOTPAuthURI({ secret: SECRET, issuer: 'A', account: 'b', algorithm: 'SHA512', digits: 8, period: 60, image: 'https://example.com/a b.png' }),
    ).toBe(`otpauth://totp/A:b?secret=${SECRET}&issuer=A&algorithm=SHA512&digits=8&period=60&image=https%3A%2F%2Fexample.com%2Fa%20b.png`);
    expect(buildOTPAuthURI({ type: 'hotp', secret: SECRET, account: 'b', counter: 2n ** 64n - 1n })).toBe(
      `otpauth://hotp/b?secret=${SECRET}&counter=18446744073709551615`,
    );
  });

  it('writes the secret as upper-case base32 without padding, from bytes or from loose text', () => {
    const bytes = new TextEncoder().encode('foobar');
    expect(buildOTPAuthURI({ secret: bytes, account: 'x', issuer: 'i' })).toContain('secret=MZXW6YTBOI&');
    expect(buildOTPAuthURI({ secret: 'mzxw 6ytb oi======', account: 'x' }).endsWith('secret=MZXW6YTBOI')).toBe(true);
  });

  it('encodes a plus as %2B and a space as %20, never +', () => {
    const uri = buildOTPAuthURI({ secret: SECRET, issuer: 'A+B C', account: 'x+y z' });
    expect(uri).toContain('issuer=A%2BB%20C');
    expect(uri).toContain('/A%2BB%20C:x%2By%20z?');
    expect(uri).not.toContain('+');
  });

  const refusals: [string, BuildOTPAuthURIOptions, string, string][] = [
    ['a colon in the issuer', { secret: SECRET, issuer: 'Test: Foo', account: 'x' }, 'ERR_URI_INVALID', 'issuer'],
    ['a URL as the issuer', { secret: SECRET, issuer: 'https://x', account: 'x' }, 'ERR_URI_INVALID', 'issuer'],
    ['a colon in the account', { secret: SECRET, issuer: 'ok', account: 'a:b' }, 'ERR_URI_INVALID', 'account'],
    ['an empty account', { secret: SECRET, account: '' }, 'ERR_URI_INVALID', 'account'],
    ['a missing account', { secret: SECRET } as never, 'ERR_OPTION_TYPE', 'account'],
    ['an empty issuer', { secret: SECRET, issuer: '', account: 'x' }, 'ERR_URI_INVALID', 'issuer'],
    ['an account starting with a space', { secret: SECRET, issuer: 'I', account: ' x' }, 'ERR_URI_INVALID', 'account'],
    ['a lone surrogate in the issuer', { secret: SECRET, issuer: 'a\uD800b', account: 'x' }, 'ERR_URI_INVALID', 'issuer'],
    ['an invalid secret', { secret: 'GEZDGNBV1Y3TQOJQ', account: 'x' }, 'ERR_BASE32_INVALID', 'secret'],
    ['an empty secret', { secret: '', account: 'x' }, 'ERR_SECRET_INVALID', 'secret'],
    ['digits 11', { secret: SECRET, account: 'x', digits: 11 }, 'ERR_OPTION_RANGE', 'digits'],
    ['period 0', { secret: SECRET, account: 'x', period: 0 }, 'ERR_OPTION_RANGE', 'period'],
    ['algorithm MD5', { secret: SECRET, account: 'x', algorithm: 'MD5' as never }, 'ERR_OPTION_RANGE', 'algorithm'],
    ['type motp', { secret: SECRET, account: 'x', type: 'motp' as never }, 'ERR_OPTION_RANGE', 'type'],
    ['hotp without counter', { type: 'hotp', secret: SECRET, account: 'x' }, 'ERR_OPTION_TYPE', 'counter'],
    ['hotp with a negative counter', { type: 'hotp', secret: SECRET, account: 'x', counter: -1 }, 'ERR_OPTION_RANGE', 'counter'],
    ['totp with a counter', { secret: SECRET, account: 'x', counter: 1 }, 'ERR_URI_INVALID', 'counter'],
    ['hotp with a period', { type: 'hotp', secret: SECRET, account: 'x', counter: 1, period: 30 }, 'ERR_URI_INVALID', 'period'],
    ['an http image', { secret: SECRET, account: 'x', image: 'http://example.com/logo.png' }, 'ERR_URI_INVALID', 'image'],
    ['an image that is no URL', { secret: SECRET, account: 'x', image: 'logo.png' }, 'ERR_URI_INVALID', 'image'],
  ];
  for (const [title, options, code, field] of refusals) {
    it(`refuses to build with ${title}: ${code} naming ${field}`, async () => {
      const error = await expectOTPError(() => buildOTPAuthURI(options), code as 'ERR_URI_INVALID');
      expect(error.message.startsWith(`${field}: `)).toBe(true);
    });
  }

  const labelText = fc
    .string({ unit: fc.oneof(fc.constantFrom('%', '&', '+', '/', '?', '#', '=', ' ', '@', '.', 'é', '中', '😀', '\u0000'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 20 })
    .filter((s) => !s.includes(':') && !s.startsWith(' '));

  const buildOptions = fc.record({
    hotp: fc.boolean(),
    secret: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    account: labelText,
    issuer: fc.option(labelText, { nil: undefined }),
    algorithm: fc.constantFrom<HashAlgorithm>('SHA1', 'SHA256', 'SHA512'),
    digits: fc.integer({ min: 6, max: 10 }),
    period: fc.integer({ min: 1, max: 3600 }),
    counter: fc.oneof(fc.nat(), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })),
  });

  it('gives back every field after parse(build(x)), for any issuer and account but those with a colon (property)', () => {
    fc.assert(
      fc.property(buildOptions, ({ hotp, secret, account, issuer, algorithm, digits, period, counter }) => {
        const options: BuildOTPAuthURIOptions = hotp
          ? { type: 'hotp', secret, account, algorithm, digits, counter }
          : { secret, account, algorithm, digits, period };
        if (issuer !== undefined) options.issuer = issuer;
        const uri = buildOTPAuthURI(options);
        const parsed = parseOTPAuthURI(uri);
        expect(parsed.type).toBe(hotp ? 'hotp' : 'totp');
        expect(parsed.secret).toBe(encodeBase32(secret, { padding: false }));
        expect(parsed.account).toBe(account);
        expect(parsed.issuer).toBe(issuer);
        expect(parsed.algorithm).toBe(algorithm);
        expect(parsed.digits).toBe(digits);
        if (parsed.type === 'hotp') expect(BigInt(parsed.counter)).toBe(BigInt(counter));
        else expect(parsed.period).toBe(period);
        // Anything built is a valid URL to the WHATWG parser, and carries no '+' but as %2B.
        expect(new URL(uri).protocol).toBe('otpauth:');
        expect(uri).not.toContain('+');
        expect(uri).toMatch(/[?&]secret=[A-Z2-7]+(&|$)/);
      }),
      { numRuns: 500 },
    );
  });

  it('never returns from parse what build refuses: whatever parses, builds again (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom(':', '%3A', '%3a', '%20', ' ', '+', '%2B', '', 'ACME', 'bob', '&', '=', '%', '?', 'é', '%C3%A9'),
      fc.string({ maxLength: 4 }),
    );
    const part = fc.array(piece, { maxLength: 5 }).map((p) => p.join(''));
    fc.assert(
      fc.property(part, part, fc.option(part), fc.option(fc.constantFrom('https://example.com/a.png', 'http://example.com/a.png', 'x')), (issuer, account, issuerParam, image) => {
        let uri = `otpauth://totp/${issuer}:${account}?secret=${SECRET}`;
        if (issuerParam !== null) uri += `&issuer=${issuerParam}`;
        if (image !== null) uri += `&image=${encodeURIComponent(image)}`;
        let parsed;
        try {
          parsed = parseOTPAuthURI(uri);
        } catch (error) {
          expect((error as { code?: string }).code).toBe('ERR_URI_INVALID');
          return;
        }
        const { type: _type, ...options } = parsed;
        expect(parseOTPAuthURI(buildOTPAuthURI(options as BuildOTPAuthURIOptions))).toEqual(parsed);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same codes from a parsed URI as from the options it was built from (property)', async () => {
    await fc.assert(
      fc.asyncProperty(buildOptions, fc.integer({ min: 0, max: 2 ** 41 }), async ({ hotp, secret, account, algorithm, digits, period, counter }, now) => {
        if (hotp) {
          const parsed = parseOTPAuthURI(buildOTPAuthURI({ type: 'hotp', secret, account, algorithm, digits, counter }));
          if (parsed.type !== 'hotp') throw new Error('expected hotp');
          expect(await generateHOTP({ ...parsed })).toBe(await generateHOTP({ secret, counter, algorithm, digits }));
        } else {
          const parsed = parseOTPAuthURI(buildOTPAuthURI({ secret, account, algorithm, digits, period }));
          expect(await generateTOTP({ ...parsed, now })).toBe(await generateTOTP({ secret, now, algorithm, digits, period }));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('formats a secret for typing in groups of four', async () => {
    expect(formatSecretForDisplay('jbswy3dpehpk3pxp')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(formatSecretForDisplay(new TextEncoder().encode('foobar'))).toBe('MZXW 6YTB OI');
    expect(formatSecretForDisplay(SECRET)).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
    await expectOTPError(() => formatSecretForDisplay('JBSW0'), 'ERR_BASE32_INVALID');
    await expectOTPError(() => formatSecretForDisplay(''), 'ERR_SECRET_INVALID');
  });
});
