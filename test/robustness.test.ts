import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as otpkit from '../src/index.js';
import * as qr from '../src/qr/index.js';
import { backendName } from './helpers.js';

/** Runs `fn`; anything thrown must be an OTPError with a code and a message. */
async function onlyOTPErrors(fn: () => unknown): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (!(error instanceof otpkit.OTPError)) throw new Error(`threw a ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`);
    expect(error.code).toMatch(/^ERR_[A-Z0-9_]+$/);
    expect(error.message).toMatch(/^[\w.[\]]+( options)?: /);
  }
}

const anyOptions = fc.oneof(
  fc.anything(),
  fc.record(
    {
      secret: fc.oneof(fc.string(), fc.uint8Array({ maxLength: 40 }), fc.anything()),
      token: fc.oneof(fc.string(), fc.anything()),
      counter: fc.oneof(fc.bigInt(), fc.double(), fc.integer(), fc.anything()),
      now: fc.oneof(fc.double(), fc.date({ noInvalidDate: false }), fc.anything()),
      t0: fc.oneof(fc.double(), fc.anything()),
      period: fc.oneof(fc.double(), fc.integer({ min: -5, max: 4000 })),
      digits: fc.oneof(fc.double(), fc.integer({ min: 0, max: 12 })),
      window: fc.oneof(fc.integer({ min: -2, max: 12 }), fc.record({ past: fc.anything(), future: fc.anything() }), fc.anything()),
      lookAhead: fc.oneof(fc.integer({ min: -2, max: 120 }), fc.anything()),
      lastUsedStep: fc.oneof(fc.double(), fc.anything()),
      algorithm: fc.oneof(fc.constantFrom('SHA1', 'SHA256', 'SHA512', 'sha1', 'MD5'), fc.anything()),
      account: fc.oneof(fc.string(), fc.anything()),
      issuer: fc.oneof(fc.string(), fc.anything()),
      type: fc.oneof(fc.constantFrom('totp', 'hotp'), fc.anything()),
      image: fc.oneof(fc.webUrl(), fc.string()),
      code: fc.oneof(fc.string(), fc.anything()),
      hashes: fc.oneof(fc.array(fc.string(), { maxLength: 3 }), fc.anything()),
      count: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.anything()),
      length: fc.oneof(fc.integer({ min: 0, max: 70 }), fc.anything()),
      groupSize: fc.oneof(fc.integer({ min: -1, max: 70 }), fc.anything()),
      bytes: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.anything()),
      padding: fc.anything(),
      loose: fc.anything(),
    },
    { requiredKeys: [] },
  ),
);

describe(`robustness over the ${backendName} backend: any input gives a value or an OTPError, never another error`, () => {
  it('holds for the OTP, secret and base32 functions (property)', async () => {
    await fc.assert(
      fc.asyncProperty(anyOptions, fc.string({ unit: 'binary' }), async (options, text) => {
        const o = options as never;
        await onlyOTPErrors(() => otpkit.generateHOTP(o));
        await onlyOTPErrors(() => otpkit.verifyHOTP(o));
        await onlyOTPErrors(() => otpkit.generateTOTP(o));
        await onlyOTPErrors(() => otpkit.verifyTOTP(o));
        await onlyOTPErrors(() => otpkit.timeStep(o));
        await onlyOTPErrors(() => otpkit.generateSecret(o));
        await onlyOTPErrors(() => otpkit.decodeBase32(text, o));
        await onlyOTPErrors(() => otpkit.decodeBase32(o));
        await onlyOTPErrors(() => otpkit.encodeBase32(o, o));
        await onlyOTPErrors(() => otpkit.formatSecretForDisplay(o));
      }),
      { numRuns: 400 },
    );
  });

  it('holds for the otpauth URI functions, on arbitrary text and on near-valid URIs (property)', async () => {
    const nearValid = fc
      .tuple(fc.constantFrom('otpauth://totp/', 'otpauth://hotp/', 'OTPAUTH://TOTP/', 'otpauth://'), fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 60 }))
      .map(([scheme, label, query]) => `${scheme}${label}?secret=GEZDGNBV&${query}`);
    await fc.assert(
      fc.asyncProperty(anyOptions, fc.oneof(fc.string({ unit: 'binary' }), nearValid, fc.anything()), async (options, uri) => {
        await onlyOTPErrors(() => otpkit.buildOTPAuthURI(options as never));
        await onlyOTPErrors(() => otpkit.parseOTPAuthURI(uri as never));
      }),
      { numRuns: 1000 },
    );
  });

  it('holds for backup codes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(anyOptions, async (options) => {
        await onlyOTPErrors(() => otpkit.verifyBackupCode(options as never));
        await onlyOTPErrors(() => otpkit.generateBackupCodes({ ...(typeof options === 'object' && options ? options : {}), count: 1 } as never));
      }),
      { numRuns: 60 },
    );
  });

  it('holds for the QR functions, and refuses text with a lone surrogate rather than change it (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 3 }), fc.anything()), anyOptions, async (text, options) => {
        await onlyOTPErrors(() => qr.qrMatrix(text as never, options as never));
        await onlyOTPErrors(() => qr.qrSVG(text as never, options as never));
        await onlyOTPErrors(() => qr.qrTerminal(text as never, options as never));
      }),
      { numRuns: 150 },
    );
    const error = await (async () => {
      try {
        qr.qrMatrix('a\uD800b');
      } catch (e) {
        return e as otpkit.OTPError;
      }
    })();
    expect(error?.code).toBe('ERR_OPTION_RANGE');
    expect(qr.qrMatrix('😀').size).toBe(21);
  });
});
