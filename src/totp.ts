/**
 * TOTP, RFC 6238: TOTP = HOTP(K, T) with T = floor((now − T0) / X) (§4.2), X = 30 seconds and
 * T0 = the Unix epoch by default (§4.1).
 */
import type { HashAlgorithm } from './crypto/contract.js';
import { instant, integer, optionsObject, ownRecord, rangeError, type Own } from './internal/guards.js';
import {
  algorithmOption,
  digitsOption,
  hotpCode,
  periodOption,
  matchCounters,
  secretBytes,
  tokenValue,
  type SecretInput,
} from './internal/otp.js';

/** Options of {@link timeStep}. */
export interface TimeStepOptions {
  /** The instant: milliseconds since the epoch, or a `Date`. Default `Date.now()`. */
  now?: number | Date;
  /** The time step X in seconds, an integer from 1 to 3600. Default 30. */
  period?: number;
  /** The instant steps are counted from (T0), in milliseconds or a `Date`. Default 0, the Unix epoch. */
  t0?: number | Date;
}

/** Options of {@link generateTOTP}. */
export interface GenerateTOTPOptions extends TimeStepOptions {
  /** The shared key: bytes, or base32 text (decoded loosely: case, spaces, `-` and padding don't matter). */
  secret: SecretInput;
  /** HMAC hash. Default `'SHA1'`. */
  algorithm?: HashAlgorithm;
  /** Code length, 6 to 10. Default 6. */
  digits?: number;
}

/** Steps accepted either side of the current one. */
export interface TOTPWindow {
  /** Earlier steps to accept (codes the user's clock or typing made late), 0 to 10. */
  past: number;
  /** Later steps to accept (a user's clock running fast), 0 to 10. */
  future: number;
}

/** Options of {@link verifyTOTP}. */
export interface VerifyTOTPOptions extends GenerateTOTPOptions {
  /** The code the user typed. ASCII spaces are ignored; anything else but `digits` digits is a miss. */
  token: string;
  /** Steps accepted around the current one; a number n means `{ past: n, future: n }`. Default 1. */
  window?: number | TOTPWindow;
  /**
   * The `step` of the last accepted code for this secret. Steps at or before it are never
   * accepted, so a code works once (RFC 6238 §5.2). Store the returned `step` after a success.
   * `null` or absent: no code used yet (a database column before the first log-in).
   */
  lastUsedStep?: number | null;
}

/**
 * What {@link verifyTOTP} resolves to. It fails closed: read `.valid`, and code that forgets
 * `await` reads `.valid` of a Promise, `undefined`, and refuses the user.
 */
export type VerifyTOTPResult =
  | {
      valid: true;
      /** The time step that matched. Store it and pass it back as `lastUsedStep`. */
      step: number;
      /** Matched step − current step: 0 now, −1 the previous code, +1 the next. */
      delta: number;
    }
  | { valid: false };

/** Each side of the window is capped (RFC 4226 §7.4 bound, RFC 6238 §6 "specific limit"). */
export const MAX_WINDOW = 10;

/** T = floor((now − T0) / X), with every input checked (standards T-11). */
function currentStep(o: Own<TimeStepOptions>, period: number): number {
  const now = instant('now', o.now, Date.now);
  const t0 = instant('t0', o.t0, () => 0);
  const elapsed = now - t0;
  // RFC 6238 §4.2 defines T only from T0 on; a negative T is not a step.
  if (elapsed < 0 || !Number.isSafeInteger(elapsed)) throw rangeError('now', 'an instant from t0 on', now);
  // Never `| 0` or `>>> 0`: T passes 2^31 in the year 4010 only for X = 30, but far sooner for X = 1.
  return Math.floor(elapsed / (period * 1000));
}

function windowOption(value: unknown): TOTPWindow {
  if (value === undefined || typeof value === 'number') {
    const n = integer('window', value, 0, MAX_WINDOW, 1);
    return { past: n, future: n };
  }
  const { past, future } = ownRecord<TOTPWindow>(value, 'window');
  return {
    past: integer('window.past', past, 0, MAX_WINDOW),
    future: integer('window.future', future, 0, MAX_WINDOW),
  };
}

/**
 * The RFC 6238 time step T for an instant, synchronously.
 *
 * @example
 * ```ts
 * timeStep({ now: 59_000 });                 // 1
 * timeStep({ now: new Date(), period: 60 }); // the current 60-second step
 * ```
 */
export function timeStep(options?: TimeStepOptions): number {
  const o = optionsObject(options, false, 'timeStep');
  return currentStep(o, periodOption(o.period));
}

/**
 * Generates the TOTP code for an instant (default now).
 *
 * @example
 * ```ts
 * const secret = generateSecret();
 * const code = await generateTOTP({ secret }); // e.g. '492039'
 * ```
 */
export async function generateTOTP(options: GenerateTOTPOptions): Promise<string> {
  const o = optionsObject(options, true, 'generateTOTP');
  const algorithm = algorithmOption(o.algorithm);
  const digits = digitsOption(o.digits);
  const step = currentStep(o, periodOption(o.period));
  const key = secretBytes(o.secret);
  return hotpCode(algorithm, key, step, digits);
}

/**
 * Checks a TOTP code against the steps of the window around now. Resolves to
 * `{ valid: true, step, delta }` or `{ valid: false }`: a wrong or malformed code is a value,
 * never an error, while bad options (and a missing `token`) throw `OTPError` before any HMAC is
 * computed. Steps at or before `lastUsedStep` are never accepted. Every candidate step is
 * computed and compared, so timing does not reveal which one matched; if two steps in the
 * window share the code, the latest is returned, so that storing it spends both.
 *
 * @example
 * ```ts
 * const result = await verifyTOTP({ secret, token: '492 039', lastUsedStep: user.lastStep });
 * if (result.valid) user.lastStep = result.step; // store it before answering: the code is now spent
 * ```
 */
export async function verifyTOTP(options: VerifyTOTPOptions): Promise<VerifyTOTPResult> {
  const o = optionsObject(options, true, 'verifyTOTP');
  const algorithm = algorithmOption(o.algorithm);
  const digits = digitsOption(o.digits);
  const current = currentStep(o, periodOption(o.period));
  const { past, future } = windowOption(o.window);
  // null (a database column before the first log-in) or absent: no code used yet.
  const lastUsedStep = integer('lastUsedStep', o.lastUsedStep ?? -1, -1, 2 ** 53 - 1);
  const key = secretBytes(o.secret);
  const token = tokenValue('token', o.token, digits);
  // Candidates in ascending order, so the last match is the latest step. Steps before 0 or
  // already used are not candidates. No overflow: the elapsed time is a safe integer of
  // milliseconds and a period is at least a second.
  const steps: number[] = [];
  for (let step = Math.max(current - past, lastUsedStep + 1, 0); step <= current + future; step++) steps.push(step);
  // A token that cannot be a code is refused without computing any HMAC.
  const found = token < 0 ? -1 : matchCounters(algorithm, key, steps, token, digits);
  const index = typeof found === 'number' ? found : await found;
  if (index < 0) return { valid: false };
  const step = steps[index] as number;
  return { valid: true, step, delta: step - current };
}
