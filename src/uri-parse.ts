/**
 * Parsing otpauth:// URIs in Google Authenticator's Key Uri Format, as issuers write them, by the
 * same label rules as the builder in uri.ts: whatever parses, builds again. A `+` in a query
 * value is a space, as HTML forms, WHATWG `URLSearchParams`, Android's `Uri` and pyotp read it;
 * in the label it is a literal plus.
 */
import { encodeBase32 } from './base32.js';
import type { HashAlgorithm } from './crypto/contract.js';
import { decode } from './internal/base32-codec.js';
import { ALGORITHMS, MAX_COUNTER, MAX_PERIOD, MAX_SECRET_BYTES } from './internal/otp.js';
import { checkLabelPart, httpsURL, MAX_URI_LENGTH, uriError } from './uri.js';

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
