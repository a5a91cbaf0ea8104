/**
 * otpauth:// URIs in Google Authenticator's Key Uri Format:
 * `otpauth://TYPE/LABEL?PARAMETERS`, label `issuer:account`, secret as unpadded base32.
 * The builder percent-encodes as RFC 3986 does: a space is `%20`, a plus `%2B`, never `+`, so its
 * URIs read the same to every parser. The parser is in uri-parse.ts; the label rules here serve both.
 */
import { encodeBase32 } from './base32.js';
import type { HashAlgorithm } from './crypto/contract.js';
import { OTPError } from './errors.js';
import { oneOf, optionsObject, typeError } from './internal/guards.js';
import { algorithmOption, counterOption, digitsOption, periodOption, secretBytes, type SecretInput } from './internal/otp.js';

/** URIs longer than this are refused unread, and never built: a version-40 QR code holds 2,953 bytes. */
export const MAX_URI_LENGTH = 2048;

/** Options of {@link buildOTPAuthURI}. */
export interface BuildOTPAuthURIOptions {
  /** `'totp'` (default) or `'hotp'`. */
  type?: 'totp' | 'hotp';
  /** The shared key, as bytes or base32; written as upper-case base32 without padding. */
  secret: SecretInput;
  /** The user's account name, shown in the app (an e-mail address, say). Not empty; no `:`. */
  account: string;
  /** The service, shown in the app; written as the label prefix and the `issuer` parameter. No `:`. */
  issuer?: string;
  /** Default `'SHA1'`; written only when different. */
  algorithm?: HashAlgorithm;
  /** Default 6; written only when different. */
  digits?: number;
  /** TOTP only: seconds per step. Default 30; written only when different. */
  period?: number;
  /** HOTP only, and required there: the next counter. */
  counter?: number | bigint;
  /** An https URL of a logo for the app to show (a FreeOTP extension). */
  image?: string;
}

export function uriError(message: string): OTPError {
  return new OTPError('ERR_URI_INVALID', message);
}

/** RFC 3986 percent-encoding of UTF-8; `encodeURIComponent` already gives `%20` and `%2B`. */
function encodeComponent(name: string, value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    throw uriError(`${name}: expected well-formed Unicode text, got a lone surrogate`);
  }
}

/**
 * The rules of a label part, for the builder and the parser alike, so that `parse` never
 * returns what `build` refuses: not empty, no `:`, no leading space.
 */
export function checkLabelPart(name: string, value: string): string {
  if (value.length === 0) throw uriError(`${name}: expected a non-empty string`);
  // The Key Uri Format: "Neither issuer nor account name may themselves contain a colon".
  if (value.includes(':')) throw uriError(`${name}: must not contain ':' (the Key Uri Format forbids it)`);
  // The parser drops spaces after the separator (the format allows "Issuer: account"), so a
  // leading space could not survive the round trip.
  if (value.startsWith(' ')) throw uriError(`${name}: must not start with a space`);
  return value;
}

/** A label part for the builder, percent-encoded. */
function labelPart(name: string, value: unknown): string {
  if (typeof value !== 'string') throw typeError(name, 'a string', value);
  return encodeComponent(name, checkLabelPart(name, value));
}

/** An https URL, or undefined: the app fetches the image, so it must be neither readable nor changeable on the way. */
export function httpsURL(value: string): string | undefined {
  try {
    return new URL(value).protocol === 'https:' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Builds an `otpauth://` URI for an authenticator app (show it as a QR code, or as a link for
 * same-device set-up). Throws `OTPError` naming the field for a `:` in the issuer or account,
 * an empty account, an invalid secret or an option out of range.
 *
 * @example
 * ```ts
 * buildOTPAuthURI({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'ACME Co', account: 'jane@example.com' });
 * // 'otpauth://totp/ACME%20Co:jane%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co'
 * ```
 */
export function buildOTPAuthURI(options: BuildOTPAuthURIOptions): string {
  const o = optionsObject(options, true, 'buildOTPAuthURI');
  const type = oneOf('type', o.type, ['totp', 'hotp'] as const, 'totp');
  const algorithm = algorithmOption(o.algorithm);
  const digits = digitsOption(o.digits);
  const account = labelPart('account', o.account);
  const issuer = o.issuer === undefined ? undefined : labelPart('issuer', o.issuer);
  const label = issuer === undefined ? account : `${issuer}:${account}`;
  let query = `secret=${encodeBase32(secretBytes(o.secret), { padding: false })}`;
  // The Key Uri Format recommends both the label prefix and the parameter, for old and new apps.
  if (issuer !== undefined) query += `&issuer=${issuer}`;
  // Only non-defaults are written: several apps ignore these parameters and would show wrong
  // codes for a non-default value anyway; the default profile stays readable everywhere.
  if (algorithm !== 'SHA1') query += `&algorithm=${algorithm}`;
  if (digits !== 6) query += `&digits=${digits}`;
  if (type === 'totp') {
    if (o.counter !== undefined) throw uriError("counter: only for type 'hotp'");
    const period = periodOption(o.period);
    if (period !== 30) query += `&period=${period}`;
  } else {
    if (o.period !== undefined) throw uriError("period: only for type 'totp'");
    if (o.counter === undefined) throw typeError('counter', "a counter (required for type 'hotp')", o.counter);
    query += `&counter=${counterOption('counter', o.counter).toString()}`;
  }
  if (o.image !== undefined) {
    if (typeof o.image !== 'string') throw typeError('image', 'an https URL', o.image);
    if (httpsURL(o.image) === undefined) throw uriError('image: expected an https URL');
    query += `&image=${encodeComponent('image', o.image)}`;
  }
  const uri = `otpauth://${type}/${label}?${query}`;
  if (uri.length > MAX_URI_LENGTH) throw uriError(`uri: expected at most ${MAX_URI_LENGTH} characters, got ${uri.length}`);
  return uri;
}

/**
 * The secret as upper-case base32 in groups of four, for people who type the key into their
 * app instead of scanning the QR code.
 *
 * @example
 * ```ts
 * formatSecretForDisplay('jbswy3dpehpk3pxp'); // 'JBSW Y3DP EHPK 3PXP'
 * ```
 */
export function formatSecretForDisplay(secret: SecretInput): string {
  const text = encodeBase32(secretBytes(secret), { padding: false });
  return text.replace(/(.{4})(?=.)/g, '$1 ');
}
