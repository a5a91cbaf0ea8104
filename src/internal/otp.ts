/** What HOTP and TOTP share: option guards, code formatting, token parsing and matching. */
import { OTPError } from '../errors.js';
import type { HashAlgorithm } from '../crypto/contract.js';
import { backend } from '../crypto/backend.js';
import { decode } from './base32-codec.js';
import { lastMatch } from './bytes.js';
import { describe, integer, isBytes, oneOf, rangeError, typeError } from './guards.js';

export const ALGORITHMS: readonly HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/** Secrets are capped so that a hostile input cannot make us allocate or hash megabytes. */
export const MAX_SECRET_BYTES = 1024;

/** A secret: raw bytes, or base32 decoded loosely (what people paste from a setup page). */
export type SecretInput = Uint8Array | string;

/**
 * The key bytes of a secret, always a fresh copy on a plain ArrayBuffer: WebCrypto refuses
 * views of a SharedArrayBuffer, and a caller's array could change while a Promise is pending.
 * Any non-empty key is accepted (secrets enrolled elsewhere are often 10 bytes); an empty one is
 * refused here, before either backend sees it, because WebCrypto refuses it and node:crypto
 * would not.
 */
export function secretBytes(secret: unknown): Uint8Array {
  // Base32 spends 8 characters on 5 bytes, and bytes are measured before they are copied: nothing
  // large is allocated for a hostile input.
  let bytes: Uint8Array | undefined;
  if (typeof secret === 'string' && secret.length <= MAX_SECRET_BYTES * 2) bytes = decode(secret, true, 'secret');
  else if (isBytes(secret)) bytes = secret.length <= MAX_SECRET_BYTES ? new Uint8Array(secret) : secret;
  if (!bytes || bytes.length === 0 || bytes.length > MAX_SECRET_BYTES) {
    // Described by size or type only: whatever was passed as a secret may be one, a number too.
    const got = bytes ? `${bytes.length} bytes` : typeof secret === 'number' || typeof secret === 'bigint' ? `a ${typeof secret}` : describe(secret);
    throw new OTPError('ERR_SECRET_INVALID', `secret: expected 1 to ${MAX_SECRET_BYTES} bytes, as a Uint8Array or base32, got ${got}`);
  }
  return bytes;
}

export function algorithmOption(value: unknown): HashAlgorithm {
  return oneOf('algorithm', value, ALGORITHMS, 'SHA1');
}

/**
 * RFC 4226 §5.3 requires 6 digits at least. 10 is the ceiling: the truncated value is below
 * 2^31 = 2147483648, so an 11th digit would always be a leading zero (standards H-05).
 */
export function digitsOption(value: unknown): number {
  return integer('digits', value, 6, 10, 6);
}

/** TOTP periods (the time step X of RFC 6238 §4.1), in seconds, for the OTP functions and URIs alike. */
export const MAX_PERIOD = 3600;

export function periodOption(value: unknown): number {
  return integer('period', value, 1, MAX_PERIOD, 30);
}

/** 2^64 − 1, the largest 8-byte counter. */
export const MAX_COUNTER = 0xffff_ffff_ffff_ffffn;

/** A counter: a non-negative safe integer, or a bigint up to 2^64 − 1 (RFC 4226 §5.1: 8 bytes). */
export function counterOption(name: string, value: unknown): number | bigint {
  const expected = 'a non-negative safe integer, or a bigint from 0n to 2n ** 64n - 1n';
  if (typeof value === 'bigint') {
    if (value < 0n || value > MAX_COUNTER) throw rangeError(name, expected, value);
    return value;
  }
  if (typeof value !== 'number') throw typeError(name, expected, value);
  // 2^53 and above are refused rather than rounded: 2 ** 53 + 1 === 2 ** 53 in a double.
  if (!Number.isSafeInteger(value) || value < 0) throw rangeError(name, expected, value);
  return value;
}

/** RFC 4226 §5.3 step 3: Snum mod 10^Digit, as a string zero-padded to `digits` characters. */
export function formatCode(snum: number, digits: number): string {
  return String(snum % 10 ** digits).padStart(digits, '0');
}

/** Longer tokens are refused unread: a code is at most 10 digits and a few spaces. */
const MAX_TOKEN_LENGTH = 64;

/**
 * The numeric value of a token of exactly `digits` ASCII digits (ASCII spaces anywhere ignored),
 * or -1 when it is anything else. `Number()` and `parseInt` are not used: they accept `''`,
 * `' 1e5'`, `'0x1E240'` and `'12ab'`. A 10-digit token of 2^31 or more can never equal a
 * truncated value, so it is -1 as well.
 *
 * `undefined` throws instead: it is a missing or misspelled option (`code:` for `token:`), a
 * programming error, while anything else came from a user and is simply not a code.
 */
export function tokenValue(name: string, token: unknown, digits: number): number {
  if (token === undefined) throw typeError(name, 'a string', token);
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return -1;
  let value = 0;
  let count = 0;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if (code === 32) continue;
    const digit = code - 48;
    if (digit < 0 || digit > 9 || ++count > digits) return -1;
    value = value * 10 + digit;
  }
  return count === digits && value < 0x8000_0000 ? value : -1;
}

/**
 * The index of the last of `values` (truncated MACs, see the backend contract) whose code is
 * `token`, or -1. Callers list counters in ascending order, so when two candidates share a code
 * (about 1 in 10^6 per pair) the latest wins, and storing it spends both. Every candidate is
 * compared, with no branch on the result, so the time taken does not tell which step matched or
 * whether one did (standards S-01).
 */
export function findMatch(values: readonly number[], token: number, digits: number): number {
  // 10^digits by multiplication: `10 ** digits` is a Math.pow call, about 40 ns a verification.
  let modulus = 1;
  for (let d = 0; d < digits; d++) modulus *= 10;
  return lastMatch(values.length, (i) => codeIs(values[i] as number, token, modulus));
}

/** 1 when `value`'s code is `token`, else 0, without a branch on the result. `modulus` is 10^digits. */
export function codeIs(value: number, token: number, modulus: number): number {
  // The difference is below 2^31, so bit 31 of difference − 1 is set only when it is 0.
  return (((value % modulus) ^ token) - 1) >>> 31;
}

/**
 * `findMatch` over the backend's values for `counters`: at once when the backend returns them
 * (node:crypto), once they resolve when it cannot (WebCrypto). Callers await only a Promise:
 * awaiting a value that is already there costs a promise and a turn of the microtask queue.
 */
export function matchCounters(
  algorithm: HashAlgorithm,
  key: Uint8Array,
  counters: readonly (number | bigint)[],
  token: number,
  digits: number,
): number | Promise<number> {
  const values = backend.truncatedMacs(algorithm, key, counters);
  return Array.isArray(values) ? findMatch(values, token, digits) : values.then((resolved) => findMatch(resolved, token, digits));
}

/** The HOTP code of one counter (RFC 4226 §5.2, §5.3), as generateHOTP and generateTOTP give it. */
export async function hotpCode(algorithm: HashAlgorithm, key: Uint8Array, counter: number | bigint, digits: number): Promise<string> {
  const [value] = await backend.truncatedMacs(algorithm, key, [counter]);
  return formatCode(value as number, digits);
}
