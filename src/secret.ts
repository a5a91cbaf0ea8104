/** Shared secrets for HOTP and TOTP, drawn from the platform's CSPRNG (RFC 4226 §4 R6, §7.5). */
import { encodeBase32 } from './base32.js';
import { random } from './crypto/backend.js';
import { integer, optionsObject } from './internal/guards.js';
import { MAX_SECRET_BYTES } from './internal/otp.js';

/** Options of {@link generateSecret}. */
export interface GenerateSecretOptions {
  /** Key length in bytes, 16 (128 bits, the RFC 4226 R6 minimum) to 1024. Default 20 (160 bits, as RFC 4226 recommends). */
  bytes?: number;
}

/**
 * A new random secret as unpadded upper-case base32, ready for `buildOTPAuthURI` and for
 * storing (encrypted) on the server.
 *
 * @example
 * ```ts
 * const secret = generateSecret(); // 32 characters, e.g. 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
 * ```
 */
export function generateSecret(options?: GenerateSecretOptions): string {
  const o = optionsObject(options, false, 'generateSecret');
  const bytes = integer('bytes', o.bytes, 16, MAX_SECRET_BYTES, 20);
  const key = random.randomBytes(bytes);
  const text = encodeBase32(key, { padding: false });
  key.fill(0);
  return text;
}
