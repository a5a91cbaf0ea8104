import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  buildOTPAuthURI,
  encodeBase32,
  generateBackupCodes,
  generateHOTP,
  generateSecret,
  generateTOTP,
  OTPError,
  timeStep,
  verifyBackupCode,
  verifyHOTP,
  verifyTOTP,
} from '../src/index.js';
import { qrMatrix } from '../src/qr/index.js';
import { backend, backendName, expectOTPError, hex, kdf } from './helpers.js';

const RFC_KEY = hex('3132333435363738393031323334353637383930');
const NOW = 59_000; // RFC 6238 Appendix B: SHA-1 code 94287082 (287082 in 6 digits)

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** Objects that pass `instanceof Uint8Array` without being one, and Proxies of real ones. */
function fakeBytes(): [string, unknown][] {
  const revocable = Proxy.revocable(new Uint8Array(RFC_KEY), {});
  revocable.revoke();
  return [
    ['Object.create(Uint8Array.prototype)', Object.create(Uint8Array.prototype)],
    ['a class whose Symbol.hasInstance says yes', new (class { static [Symbol.hasInstance]() { return true; } })()],
    ['a Proxy of a real Uint8Array', new Proxy(new Uint8Array(RFC_KEY), {})],
    ['a revoked Proxy of a Uint8Array', revocable.proxy],
    ['a Proxy whose every trap throws', new Proxy(new Uint8Array(RFC_KEY), { get() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); } })],
  ];
}

function fakeDates(): [string, unknown][] {
  return [
    ['Object.create(Date.prototype)', Object.create(Date.prototype)],
    ['a Proxy of a real Date', new Proxy(new Date(NOW), {})],
    ['an object with a getTime method', { getTime: () => NOW }],
  ];
}

describe(`hostile input over the ${backendName} backend: an OTPError, never a plain TypeError`, () => {
  it('copies a secret that lives on a SharedArrayBuffer, which WebCrypto refuses, and gives the RFC code', async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(20));
    shared.set(RFC_KEY);
    expect(await generateTOTP({ secret: shared, now: NOW, digits: 8 })).toBe('94287082');
    expect(await verifyTOTP({ secret: shared, token: '94287082', now: NOW, digits: 8 })).toEqual({ valid: true, step: 1, delta: 0 });
    expect(await generateHOTP({ secret: shared, counter: 0 })).toBe('755224');
  });

  it('hashes a copy of the key: changing the caller’s array while a call is pending changes nothing', async () => {
    const key = new Uint8Array(RFC_KEY);
    const pending = generateHOTP({ secret: key, counter: 0 });
    key.fill(0);
    expect(await pending).toBe('755224');
  });

  for (const [title, value] of fakeBytes()) {
    it(`refuses ${title} as a secret or base32 data with an OTPError`, async () => {
      await expectOTPError(() => generateTOTP({ secret: value as Uint8Array, now: NOW }), 'ERR_SECRET_INVALID');
      await expectOTPError(() => verifyTOTP({ secret: value as Uint8Array, token: '287082', now: NOW }), 'ERR_SECRET_INVALID');
      await expectOTPError(() => encodeBase32(value as Uint8Array), 'ERR_OPTION_TYPE');
      await expectOTPError(() => buildOTPAuthURI({ secret: value as Uint8Array, account: 'a' }), 'ERR_SECRET_INVALID');
    });
  }

  for (const [title, value] of fakeDates()) {
    it(`refuses ${title} as now or t0 with ERR_OPTION_TYPE`, async () => {
      await expectOTPError(() => timeStep({ now: value as Date }), 'ERR_OPTION_TYPE');
      await expectOTPError(() => generateTOTP({ secret: RFC_KEY, now: value as Date }), 'ERR_OPTION_TYPE');
      await expectOTPError(() => verifyTOTP({ secret: RFC_KEY, token: '287082', t0: value as Date, now: NOW }), 'ERR_OPTION_TYPE');
    });
  }

  it('reads options from the object’s own properties: a polluted Object.prototype changes nothing', async () => {
    const token = await generateTOTP({ secret: RFC_KEY, now: NOW + 5 * 30_000 }); // five steps ahead
    const planted = { window: 10, lookAhead: 10, now: NOW + 5 * 30_000, past: 10, future: 10, lastUsedStep: null, digits: 8 };
    const proto = Object.prototype as Record<string, unknown>;
    try {
      Object.assign(proto, planted);
      expect(await verifyTOTP({ secret: RFC_KEY, token, now: NOW })).toEqual({ valid: false });
      expect(await verifyTOTP({ secret: RFC_KEY, token, now: NOW, window: {} as never }).catch((e: unknown) => e)).toBeInstanceOf(OTPError);
      expect(await generateTOTP({ secret: RFC_KEY, now: NOW })).toBe('287082');
      const hotp = await generateHOTP({ secret: RFC_KEY, counter: 5 });
      expect(await verifyHOTP({ secret: RFC_KEY, token: hotp, counter: 0 })).toEqual({ valid: false });
    } finally {
      for (const key of Object.keys(planted)) delete proto[key];
    }
  });

  it('refuses an options object whose properties cannot be read (a revoked Proxy, a throwing getter)', async () => {
    const revocable = Proxy.revocable({ secret: RFC_KEY, now: NOW }, {});
    revocable.revoke();
    await expectOTPError(() => generateTOTP(revocable.proxy), 'ERR_OPTION_TYPE');
    const throwing = { secret: RFC_KEY, get now(): number { throw new Error('getter'); } };
    await expectOTPError(() => generateTOTP(throwing), 'ERR_OPTION_TYPE');
  });

  it('treats a hole in a sparse hashes array as an invalid hash, not a skipped one', async () => {
    const { codes, hashes } = await generateBackupCodes({ count: 2 });
    const sparse = [hashes[0]!, , hashes[1]!] as string[]; // eslint-disable-line no-sparse-arrays
    const error = await expectOTPError(() => verifyBackupCode({ code: codes[0]!, hashes: sparse }), 'ERR_BACKUP_HASH_INVALID');
    expect(error.message).toMatch(/^hashes\[1\]/);
  });

  it('caps the PBKDF2 work of one verification: planted hashes at 1,000,000 iterations are refused before any hashing', async () => {
    const spy = vi.spyOn(kdf, 'pbkdf2Sha256');
    const planted = Array.from({ length: 3 }, () => `$pbkdf2-sha256$i=1000000$AAECAwQFBgcICQoLDA0ODw$${'A'.repeat(43)}`);
    const error = await expectOTPError(() => verifyBackupCode({ code: '0123-4567-89AB-CDEF', hashes: planted }), 'ERR_BACKUP_HASH_INVALID');
    expect(error.message).toBe('hashes: expected at most 2000000 PBKDF2 iterations in all, got 3000000');
    expect(spy).not.toHaveBeenCalled();
    // Two of them (2,000,000 in all) are within the cap, as is the largest set generateBackupCodes makes.
    expect(await verifyBackupCode({ code: '0123-4567-89AB-CDEF', hashes: planted.slice(0, 1) })).toEqual({ valid: false });
  });

  it('verifies the largest set generateBackupCodes makes (100 codes) within the cap', async () => {
    const { codes, hashes } = await generateBackupCodes({ count: 100 });
    expect(await verifyBackupCode({ code: codes[99]!, hashes })).toMatchObject({ valid: true, index: 99 });
  });

  it('refuses text longer than any QR symbol holds before scanning it', () => {
    const huge = 'A'.repeat(20_000_000);
    const started = performance.now();
    const error = (() => {
      try {
        qrMatrix(huge);
      } catch (e) {
        return e as OTPError;
      }
    })();
    expect(error?.code).toBe('ERR_QR_TOO_LONG');
    expect(error?.message).toBe('text: too long for any QR code (20000000 characters; at most 7089)');
    // Not a timing assertion on the machine: the refusal must not depend on the text's content.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('never echoes a string value in an error message, describing it by type and length', async () => {
    const typed = '492039';
    const cases: (() => unknown)[] = [
      () => generateTOTP({ secret: RFC_KEY, algorithm: typed as never }),
      () => generateTOTP({ secret: RFC_KEY, digits: typed as never }),
      () => generateTOTP({ secret: RFC_KEY, now: typed as never }),
      () => verifyTOTP({ secret: RFC_KEY, token: '287082', window: typed as never }),
      () => verifyTOTP({ secret: RFC_KEY, token: '287082', lastUsedStep: typed as never }),
      () => verifyHOTP({ secret: RFC_KEY, token: '287082', counter: typed as never }),
      () => generateSecret({ bytes: typed as never }),
      () => generateBackupCodes({ count: typed as never }),
      () => buildOTPAuthURI({ secret: RFC_KEY, account: 'a', type: typed as never }),
    ];
    for (const run of cases) {
      const error = await Promise.resolve().then(run).then(() => undefined, (e: unknown) => e as OTPError);
      expect(error).toBeInstanceOf(OTPError);
      expect(error!.message).not.toContain(typed);
      expect(error!.message).toContain('a string of 6 characters');
    }
  });
});

describe(`fail-closed results over the ${backendName} backend`, () => {
  it('resolves every verifier to { valid: false } for a wrong code, so a forgotten await reads undefined', async () => {
    const { hashes } = await generateBackupCodes({ count: 1 });
    const pending = [
      verifyTOTP({ secret: RFC_KEY, token: '000000', now: NOW }),
      verifyHOTP({ secret: RFC_KEY, token: '000000', counter: 0 }),
      verifyBackupCode({ code: '0123-4567-89AB-CDEF', hashes }),
    ];
    for (const promise of pending) expect((promise as unknown as { valid?: boolean }).valid).toBeUndefined();
    for (const result of await Promise.all(pending)) expect(result).toEqual({ valid: false });
  });

  it('throws ERR_OPTION_TYPE for a missing token or code (a misspelled option), and stays { valid: false } for user input', async () => {
    const wrongName = { secret: RFC_KEY, code: '287082', now: NOW } as never;
    await expectOTPError(() => verifyTOTP(wrongName), 'ERR_OPTION_TYPE');
    await expectOTPError(() => verifyHOTP({ secret: RFC_KEY, counter: 0 } as never), 'ERR_OPTION_TYPE');
    await expectOTPError(() => verifyBackupCode({ token: 'x', hashes: [] } as never), 'ERR_OPTION_TYPE');
    for (const token of [287082, '28a082', '287082\n', null]) {
      expect(await verifyTOTP({ secret: RFC_KEY, token: token as string, now: NOW })).toEqual({ valid: false });
    }
  });

  it('reads lastUsedStep: null as no code used yet', async () => {
    expect(await verifyTOTP({ secret: RFC_KEY, token: '287082', now: NOW, lastUsedStep: null })).toEqual({ valid: true, step: 1, delta: 0 });
    expect(await verifyTOTP({ secret: RFC_KEY, token: '287082', now: NOW, lastUsedStep: 1 })).toEqual({ valid: false });
  });
});

describe.runIf(backend.name === 'web')('the web build without crypto.subtle (a page over plain HTTP)', () => {
  it('throws ERR_CRYPTO_UNAVAILABLE naming HTTPS or localhost, for HMAC and PBKDF2 alike', async () => {
    vi.stubGlobal('crypto', { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) });
    const error = await expectOTPError(() => generateTOTP({ secret: RFC_KEY, now: NOW }), 'ERR_CRYPTO_UNAVAILABLE');
    expect(error.message).toMatch(/HTTPS.*localhost/);
    await expectOTPError(() => generateBackupCodes({ count: 1 }), 'ERR_CRYPTO_UNAVAILABLE');
    // Secrets need only getRandomValues, which insecure contexts keep.
    expect(generateSecret()).toMatch(/^[A-Z2-7]{32}$/);
  });
});
