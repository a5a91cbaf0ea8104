/** What HOTP and TOTP share: option guards, RFC 4226 truncation, token parsing and matching. */
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
    // Described by size or type only: whatever was passed as a secret may be one.
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

/**
 * RFC 4226 §5.3 dynamic truncation: 31 bits at the offset named by the low nibble of the last
 * byte, of the MAC at `start … start + size` in `macs` (the backend returns them in one array).
 */
export function truncate(macs: Uint8Array, start = 0, size = macs.length): number {
  // RFC 6238 App. A: the offset comes from the digest's own last byte (19, 31 or 63), not byte 19.
  const offset = start + ((macs[start + size - 1] as number) & 0x0f);
  return (
    (((macs[offset] as number) & 0x7f) << 24) |
    ((macs[offset + 1] as number) << 16) |
    ((macs[offset + 2] as number) << 8) |
    (macs[offset + 3] as number)
  );
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
 * Compares the token with every candidate's code and returns the index of the last candidate
 * that matches, or -1. Every candidate is compared, with no branch on the result, so the time
 * taken does not tell which step matched or whether one did (standards S-01).
 */
export function findMatch(macs: Uint8Array, count: number, token: number, digits: number): number {
  const size = macs.length / count; // unused (NaN) when there are no candidates
  const modulus = 10 ** digits;
  return lastMatch(count, (i) => codeIs(macs, i, size, token, modulus));
}

/**
 * 1 when the code of MAC number `index` (of `size` bytes) in `macs` is `token`, else 0, without
 * a branch on the result. `modulus` is 10^digits.
 */
export function codeIs(macs: Uint8Array, index: number, size: number, token: number, modulus: number): number {
  // The difference is below 2^31, so bit 31 of difference − 1 is set only when it is 0.
  return (((truncate(macs, index * size, size) % modulus) ^ token) - 1) >>> 31;
}

/** The HOTP code of one counter (RFC 4226 §5.2, §5.3), as generateHOTP and generateTOTP give it. */
export function hotpCode(algorithm: HashAlgorithm, key: Uint8Array, counter: number | bigint, digits: number): Promise<string> {
  return backend.hmacCounters(algorithm, key, [counter]).then((mac) => formatCode(truncate(mac), digits));
}

/**
 * The index of the last of `counters` whose code is `token`, or -1, as verifyHOTP and verifyTOTP
 * need it: one HMAC call for all candidates, every one compared (see findMatch). Callers list
 * counters in ascending order, so when two candidates share a code (about 1 in 10^6 per pair)
 * the latest wins, and storing it spends both.
 */
export function matchCounters(
  algorithm: HashAlgorithm,
  key: Uint8Array,
  counters: readonly (number | bigint)[],
  token: number,
  digits: number,
): Promise<number> {
  // A then, not an async function: one promise and one microtask less on the hot path.
  return backend.hmacCounters(algorithm, key, counters).then((macs) => findMatch(macs, counters.length, token, digits));
}
