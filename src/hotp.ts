/**
 * HOTP, RFC 4226: HOTP(K, C) = Truncate(HMAC-SHA-1(K, C)) (§5.2), with SHA-256 and SHA-512
 * allowed as in RFC 6238, and 6 to 10 digits.
 */
import type { HashAlgorithm } from './crypto/contract.js';
import { integer, optionsObject } from './internal/guards.js';
import {
  algorithmOption,
  MAX_COUNTER,
  counterOption,
  digitsOption,
  hotpCode,
  matchCounters,
  secretBytes,
  tokenValue,
  type SecretInput,
} from './internal/otp.js';

/** Options of {@link generateHOTP}. */
export interface GenerateHOTPOptions {
  /** The shared key: bytes, or base32 text (decoded loosely: case, spaces, `-` and padding don't matter). */
  secret: SecretInput;
  /** The moving factor: a non-negative safe integer, or a bigint up to 2^64 − 1. */
  counter: number | bigint;
  /** HMAC hash. Default `'SHA1'`. */
  algorithm?: HashAlgorithm;
  /** Code length, 6 to 10. Default 6. */
  digits?: number;
}

/** Options of {@link verifyHOTP}. */
export interface VerifyHOTPOptions<C extends number | bigint = number | bigint> {
  secret: SecretInput;
  /** The code the user typed. ASCII spaces are ignored; anything else but `digits` digits is a miss. */
  token: string;
  /** The next counter you expect (the one stored after the last success). */
  counter: C;
  /** How many counters past `counter` to also accept, for a device pressed without logging in (RFC 4226 §7.4). 0 to 100, default 0. */
  lookAhead?: number;
  algorithm?: HashAlgorithm;
  digits?: number;
}

/** A successful HOTP verification. Store `counter + 1` as the next expected counter. */
export interface VerifyHOTPResult<C extends number | bigint = number | bigint> {
  /** The counter that matched, of the same type as the one given. */
  counter: C;
  /** How far past the expected counter it was: `counter - options.counter`. */
  delta: number;
}

/** RFC 4226 §7.4 wants the look-ahead bounded ("s SHOULD be set as low as possible"). */
export const MAX_LOOK_AHEAD = 100;

/**
 * Generates the HOTP code for one counter value (RFC 4226 §5.3).
 *
 * @example
 * ```ts
 * const secret = new TextEncoder().encode('12345678901234567890'); // RFC 4226 Appendix D
 * await generateHOTP({ secret, counter: 0 }); // '755224'
 * ```
 */
export async function generateHOTP(options: GenerateHOTPOptions): Promise<string> {
  const o = optionsObject(options, true, 'generateHOTP');
  const algorithm = algorithmOption(o.algorithm);
  const digits = digitsOption(o.digits);
  const counter = counterOption('counter', o.counter);
  const key = secretBytes(o.secret);
  return hotpCode(algorithm, key, counter, digits);
}

/**
 * Checks an HOTP code against `counter … counter + lookAhead` (RFC 4226 §7.2) and returns the
 * counter that matched, or `null`. A wrong or malformed code is `null`, never an error; bad
 * options throw `OTPError` before any HMAC is computed. Every candidate is computed and compared,
 * so the time taken does not reveal which matched.
 *
 * @example
 * ```ts
 * const result = await verifyHOTP({ secret, token: '287082', counter: stored.counter, lookAhead: 3 });
 * if (result) stored.counter = result.counter + 1; // RFC 4226 §7.2: advance only after a success
 * ```
 */
export async function verifyHOTP<C extends number | bigint>(
  options: VerifyHOTPOptions<C>,
): Promise<VerifyHOTPResult<C> | null> {
  const o = optionsObject(options, true, 'verifyHOTP');
  const algorithm = algorithmOption(o.algorithm);
  const digits = digitsOption(o.digits);
  const counter = counterOption('counter', o.counter);
  const lookAhead = integer('lookAhead', o.lookAhead, 0, MAX_LOOK_AHEAD, 0);
  const key = secretBytes(o.secret);
  const token = tokenValue(o.token, digits);
  if (token < 0) return null;
  // Counters past the largest one of the counter's type do not exist; they are not candidates.
  const room = typeof counter === 'bigint' ? Number(MAX_COUNTER - counter) : Number.MAX_SAFE_INTEGER - counter;
  const count = 1 + Math.min(lookAhead, room);
  const counters: (number | bigint)[] = [];
  for (let i = 0; i < count; i++) counters.push(typeof counter === 'bigint' ? counter + BigInt(i) : counter + i);
  const index = await matchCounters(algorithm, key, counters, token, digits);
  if (index < 0) return null;
  return { counter: counters[index] as C, delta: index };
}
