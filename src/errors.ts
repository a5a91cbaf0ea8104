/**
 * The one error type otpkit throws. Every thrown error is an `OTPError` with a stable
 * string `code`; messages name the option and what was expected, and never contain a
 * secret, a key, a URI's secret or a code.
 */

/** Marks OTPErrors across copies of this module; `Symbol.for` gives every copy the same symbol. */
const BRAND = Symbol.for('otpkit.OTPError');

/** Every `code` an {@link OTPError} can carry. Stable across releases. */
export type OTPErrorCode =
  /** A string given as base32 is not valid RFC 4648 §6 base32 (character, length, padding or trailing bits). */
  | 'ERR_BASE32_INVALID'
  /** An option has the wrong JavaScript type (a string where a number belongs, an object that is not one). */
  | 'ERR_OPTION_TYPE'
  /** An option has the right type but a value outside what is allowed (digits 11, period 0, window 1e6, 'MD5'). */
  | 'ERR_OPTION_RANGE'
  /** A secret is empty, too long, or neither a `Uint8Array` nor a base32 string. */
  | 'ERR_SECRET_INVALID'
  /** An `otpauth://` URI could not be built or parsed; the message names the part. */
  | 'ERR_URI_INVALID'
  /** A stored backup-code hash is not a hash string this library made. */
  | 'ERR_BACKUP_HASH_INVALID'
  /** The platform's random source returned repeated values (a broken `getRandomValues` polyfill). */
  | 'ERR_RANDOM_FAILED'
  /** Text does not fit in a version-40 QR code at the chosen error-correction level. */
  | 'ERR_QR_TOO_LONG'
  /** The web build found no `crypto.subtle`: the page is not a secure context (HTTPS or localhost). */
  | 'ERR_CRYPTO_UNAVAILABLE'
  /** `otpkit/flow`: a state that otpkit did not write (a field missing, of the wrong type or out of range). */
  | 'ERR_STATE_INVALID'
  /** `otpkit/flow`: a sealed secret that does not open (malformed, tampered with, wrong or unknown key). */
  | 'ERR_SEALED_INVALID'
  /** `otpkit/flow`: `transact` lost the compare-and-swap three times in a row; nothing was decided. */
  | 'ERR_STATE_CONFLICT';

/**
 * Thrown for malformed secrets, options, URIs and stored hashes. A wrong code is never an
 * error: the verify functions resolve to `{ valid: false }` for it.
 *
 * @example
 * ```ts
 * try {
 *   await generateTOTP({ secret, digits: 11 });
 * } catch (error) {
 *   if (error instanceof OTPError && error.code === 'ERR_OPTION_RANGE') {
 *     console.error(error.message); // "digits: expected an integer from 6 to 10, got 11"
 *   }
 * }
 * ```
 */
export class OTPError extends Error {
  /** A stable, machine-readable reason; see {@link OTPErrorCode}. */
  readonly code: OTPErrorCode;

  constructor(code: OTPErrorCode, message: string) {
    super(message);
    this.name = 'OTPError';
    this.code = code;
    (this as unknown as Record<symbol, boolean>)[BRAND] = true;
  }

  /**
   * `instanceof OTPError` holds for an OTPError from any copy of otpkit: the `otpkit/qr` entry
   * carries its own copy of this class, and an application can load both the ESM and the
   * CommonJS build (the dual-package hazard). A class check alone would fail across copies.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (value as Record<symbol, unknown> | null | undefined)?.[BRAND] === true;
  }
}
