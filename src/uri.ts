/**
 * otpauth:// URIs in Google Authenticator's Key Uri Format:
 * `otpauth://TYPE/LABEL?PARAMETERS`, label `issuer:account`, secret as unpadded base32.
 * The builder percent-encodes as RFC 3986 does: a space is `%20`, a plus `%2B`, never `+`. The
 * parser reads `+` in a query value as a space, as HTML forms, WHATWG `URLSearchParams`,
 * Android's `Uri` and pyotp do, and as a literal plus in the label.
 */
import { encodeBase32 } from './base32.js';
import { decode } from './internal/base32-codec.js';
import { OTPError } from './errors.js';
import type { HashAlgorithm } from './crypto/contract.js';
import { oneOf, optionsObject, typeError } from './internal/guards.js';
import {
  ALGORITHMS,
  algorithmOption,
  counterOption,
  digitsOption,
  MAX_COUNTER,
  MAX_PERIOD,
  MAX_SECRET_BYTES,
  periodOption,
  secretBytes,
  type SecretInput,
} from './internal/otp.js';

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

interface ParsedCommon {
  /** The key as canonical base32: upper case, no padding. */
  secret: string;
  /** The account name, from the label. */
  account: string;
  /** The `issuer` parameter, or else the label prefix; absent when neither exists. */
  issuer?: string;
  algorithm: HashAlgorithm;
  digits: number;
  image?: string;
}

/** A parsed `otpauth://totp/…` URI. */
export interface ParsedTOTPURI extends ParsedCommon {
  type: 'totp';
  period: number;
}

/** A parsed `otpauth://hotp/…` URI. */
export interface ParsedHOTPURI extends ParsedCommon {
  type: 'hotp';
  /** A number when it is a safe integer, else a bigint. */
  counter: number | bigint;
}

/** What {@link parseOTPAuthURI} returns: narrow on `type` before spreading it into HOTP calls. */
export type ParsedOTPAuthURI = ParsedTOTPURI | ParsedHOTPURI;

function uriError(message: string): OTPError {
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
function checkLabelPart(name: string, value: string): string {
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
function httpsURL(value: string): string | undefined {
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

/** Strict percent-decoding: a `%` not followed by two hex digits, or bytes that are not UTF-8, throw. */
function decodeComponent(name: string, value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw uriError(`${name}: malformed percent-encoding`);
  }
}

/** A decimal parameter: ASCII digits only (no sign, exponent, space or hex). */
function decimal(name: string, value: string): bigint {
  if (!/^[0-9]{1,20}$/.test(value)) throw uriError(`${name}: expected a decimal integer`);
  return BigInt(value);
}

const KNOWN = ['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter', 'image'] as const;
type Known = (typeof KNOWN)[number];

/**
 * Parses an `otpauth://` URI as issuers write them: parameters in any order, lower-case
 * algorithm names, `:` or `%3A` between issuer and account, the issuer in the label, the
 * parameter or both (the parameter wins), a padded or lower-case secret, unknown parameters
 * (ignored). Throws `ERR_URI_INVALID` naming the part that is wrong. The result spreads
 * straight into the OTP functions.
 *
 * @example
 * ```ts
 * const parsed = parseOTPAuthURI('otpauth://totp/ACME%20Co:jane?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co');
 * if (parsed.type === 'totp') await generateTOTP({ ...parsed, now: Date.now() });
 * ```
 */
export function parseOTPAuthURI(uri: string): ParsedOTPAuthURI {
  if (typeof uri !== 'string') throw uriError(`uri: expected a string, got ${uri === null ? 'null' : typeof uri}`);
  if (uri.length > MAX_URI_LENGTH) throw uriError(`uri: expected at most ${MAX_URI_LENGTH} characters, got ${uri.length}`);
  // RFC 3986 §3.1: the scheme is case-insensitive.
  const scheme = 'otpauth://';
  if (uri.slice(0, scheme.length).toLowerCase() !== scheme) throw uriError("scheme: expected 'otpauth://'");
  const fragment = uri.indexOf('#');
  const rest = uri.slice(scheme.length, fragment < 0 ? uri.length : fragment);
  const slash = rest.indexOf('/');
  if (slash < 0) throw uriError('label: missing (expected otpauth://TYPE/LABEL?…)');
  const type = rest.slice(0, slash).toLowerCase();
  if (type !== 'totp' && type !== 'hotp') throw uriError("type: expected 'totp' or 'hotp'");
  const questionMark = rest.indexOf('?', slash);
  const rawLabel = rest.slice(slash + 1, questionMark < 0 ? rest.length : questionMark);
  const rawQuery = questionMark < 0 ? '' : rest.slice(questionMark + 1);

  // The label splits at its first ':' or '%3A'; spaces may follow the separator.
  const separator = /:|%3A/i.exec(rawLabel);
  const labelIssuer = separator ? decodeComponent('label', rawLabel.slice(0, separator.index)) : undefined;
  const account = checkLabelPart(
    'account',
    decodeComponent('label', separator ? rawLabel.slice(separator.index + separator[0].length) : rawLabel).replace(/^ +/, ''),
  );

  const params = new Map<Known, string>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = decodeComponent('parameter name', equals < 0 ? pair : pair.slice(0, equals)).toLowerCase();
    if (!(KNOWN as readonly string[]).includes(key)) continue;
    if (params.has(key as Known)) throw uriError(`${key}: given more than once`);
    // A '+' in a value is a space, as every reader of these URIs decodes it (the builder never writes one).
    params.set(key as Known, decodeComponent(key, equals < 0 ? '' : pair.slice(equals + 1).replace(/\+/g, ' ')));
  }

  const rawSecret = params.get('secret');
  if (rawSecret === undefined || rawSecret === '') throw uriError('secret: missing');
  let key: Uint8Array;
  try {
    key = decode(rawSecret, true, 'secret');
  } catch (error) {
    throw uriError((error as Error).message);
  }
  if (key.length === 0) throw uriError('secret: missing');
  if (key.length > MAX_SECRET_BYTES) throw uriError(`secret: expected at most ${MAX_SECRET_BYTES} bytes, got ${key.length}`);

  const algorithmText = params.get('algorithm')?.toUpperCase() ?? 'SHA1';
  if (!(ALGORITHMS as readonly string[]).includes(algorithmText)) throw uriError(`algorithm: expected one of ${ALGORITHMS.join(', ')}`);
  const digitsText = params.get('digits');
  const digits = digitsText === undefined ? 6 : Number(decimal('digits', digitsText));
  if (digits < 6 || digits > 10) throw uriError('digits: expected an integer from 6 to 10');

  const common: ParsedCommon = { secret: encodeBase32(key, { padding: false }), account, algorithm: algorithmText as HashAlgorithm, digits };
  // An empty `issuer=` is no issuer: the label's prefix, if any, stands.
  const issuer = params.get('issuer') || labelIssuer;
  if (issuer !== undefined) common.issuer = checkLabelPart('issuer', issuer);
  // An image that is not https is dropped, not refused: the code itself is still good.
  const image = params.get('image');
  if (image !== undefined && httpsURL(image) !== undefined) common.image = image;

  if (type === 'totp') {
    const periodText = params.get('period');
    const period = periodText === undefined ? 30 : Number(decimal('period', periodText));
    if (period < 1 || period > MAX_PERIOD) throw uriError(`period: expected an integer from 1 to ${MAX_PERIOD}`);
    return { type, ...common, period };
  }
  const counterText = params.get('counter');
  if (counterText === undefined) throw uriError("counter: required for type 'hotp'");
  const counter = decimal('counter', counterText);
  if (counter > MAX_COUNTER) throw uriError('counter: expected at most 2^64 − 1');
  return { type, ...common, counter: counter <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(counter) : counter };
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
