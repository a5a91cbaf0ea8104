/**
 * HOTP, RFC 4226: HOTP(K, C) = Truncate(HMAC-SHA-1(K, C)) (§5.2), with SHA-256 and SHA-512
 * allowed as in RFC 6238, and 6 to 10 digits.
 */
import { backend } from './crypto/backend.js';
import type { HashAlgorithm } from './crypto/contract.js';
import { lastMatch } from './internal/bytes.js';
import { integer, optionsObject, typeError } from './internal/guards.js';
import {
  algorithmOption,
  MAX_COUNTER,
  codeIs,
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

/**
 * What {@link verifyHOTP} and {@link resyncHOTP} resolve to. It fails closed: read `.valid`.
 * On success store `counter + 1` as the next expected counter.
 */
export type VerifyHOTPResult<C extends number | bigint = number | bigint> =
  | {
      valid: true;
      /** The counter that matched, of the same type as the one given. */
      counter: C;
      /** How far past the expected counter it was: `counter - options.counter`. */
      delta: number;
    }
  | { valid: false };

/** Options of {@link resyncHOTP}. */
export interface ResyncHOTPOptions<C extends number | bigint = number | bigint> {
  secret: SecretInput;
  /** Two codes the user pressed one after the other, oldest first. */
  tokens: readonly [string, string];
  /** The next counter you expect. */
  counter: C;
  /** How far past `counter` to search, 1 to 1000. Default 100. */
  lookAhead?: number;
  algorithm?: HashAlgorithm;
  digits?: number;
}

/** RFC 4226 §7.4 wants the look-ahead bounded ("s SHOULD be set as low as possible"). */
export const MAX_LOOK_AHEAD = 100;

/** Resynchronisation asks for two codes, so it may search further (RFC 4226 §7.4): up to 1000. */
export const MAX_RESYNC_LOOK_AHEAD = 1000;

/**
 * `counter, counter + 1, …`, up to `1 + lookAhead` of them in ascending order, stopping at the
 * largest counter of the counter's type: counters past it do not exist.
 */
function counterRange(counter: number | bigint, lookAhead: number): (number | bigint)[] {
  const room = typeof counter === 'bigint' ? Number(MAX_COUNTER - counter) : Number.MAX_SAFE_INTEGER - counter;
  const count = 1 + Math.min(lookAhead, room);
  const counters: (number | bigint)[] = [];
  for (let i = 0; i < count; i++) counters.push(typeof counter === 'bigint' ? counter + BigInt(i) : counter + i);
  return counters;
}

/** The delta of a counter in a range made by counterRange: its index. */
function matched<C extends number | bigint>(counters: readonly (number | bigint)[], index: number): VerifyHOTPResult<C> {
  return index < 0 ? { valid: false } : { valid: true, counter: counters[index] as C, delta: index };
}

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
 * Checks an HOTP code against `counter … counter + lookAhead` (RFC 4226 §7.2). Resolves to
 * `{ valid: true, counter, delta }` or `{ valid: false }`: a wrong or malformed code is a value,
 * never an error, while bad options (and a missing `token`) throw `OTPError` before any HMAC is
 * computed. Every candidate is computed and compared, so the time taken does not reveal which
 * matched; if several share the code, the highest counter is returned, so storing it spends all.
 *
 * @example
 * ```ts
 * const result = await verifyHOTP({ secret, token: '287082', counter: stored.counter, lookAhead: 3 });
 * if (result.valid) stored.counter = result.counter + 1; // RFC 4226 §7.2: advance only after a success
 * ```
 */
export async function verifyHOTP<C extends number | bigint>(options: VerifyHOTPOptions<C>): Promise<VerifyHOTPResult<C>> {
  const o = optionsObject(options, true, 'verifyHOTP');
  const algorithm = algorithmOption(o.algorithm);
  const digits = digitsOption(o.digits);
  const counter = counterOption('counter', o.counter);
  const lookAhead = integer('lookAhead', o.lookAhead, 0, MAX_LOOK_AHEAD, 0);
  const key = secretBytes(o.secret);
  const token = tokenValue('token', o.token, digits);
  if (token < 0) return { valid: false };
  const counters = counterRange(counter, lookAhead);
  return matched(counters, await matchCounters(algorithm, key, counters, token, digits));
}

/**
 * RFC 4226 §7.4 resynchronisation, for a token that was pressed many times without logging in:
 * finds two consecutive codes, at `c` and `c + 1`, anywhere in `counter … counter + lookAhead`,
 * and resolves to the counter of the second (store `counter + 1`). Two codes in a row are about
 * a million times harder to hit by chance than one, which is what allows the wider search.
 *
 * @example
 * ```ts
 * const result = await resyncHOTP({ secret, tokens: ['520489', '403154'], counter: stored.counter });
 * if (result.valid) stored.counter = result.counter + 1;
 * ```
 */
export async function resyncHOTP<C extends number | bigint>(options: ResyncHOTPOptions<C>): Promise<VerifyHOTPResult<C>> {
  const o = optionsObject(options, true, 'resyncHOTP');
  const algorithm = algorithmOption(o.algorithm);
  const digits = digitsOption(o.digits);
  const counter = counterOption('counter', o.counter);
  const lookAhead = integer('lookAhead', o.lookAhead, 1, MAX_RESYNC_LOOK_AHEAD, MAX_LOOK_AHEAD);
  const pair = Array.isArray(o.tokens) ? Array.from(o.tokens as unknown[]) : [];
  if (pair.length !== 2) throw typeError('tokens', 'two consecutive codes, [first, second]', o.tokens);
  const key = secretBytes(o.secret);
  const first = tokenValue('tokens[0]', pair[0], digits);
  const second = tokenValue('tokens[1]', pair[1], digits);
  if (first < 0 || second < 0) return { valid: false };
  const counters = counterRange(counter, lookAhead);
  const values = await backend.truncatedMacs(algorithm, key, counters);
  // Every (c, c + 1) pair is compared; the index is that of the second code.
  const modulus = 10 ** digits;
  const index = lastMatch(values.length, (i) => (i === 0 ? 0 : codeIs(values[i - 1] as number, first, modulus) & codeIs(values[i] as number, second, modulus)));
  return matched(counters, index);
}
