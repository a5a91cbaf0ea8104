/**
 * The 2FA state of one account: a plain JSON-serialisable object the application stores in one
 * column or document and writes back with a compare-and-swap on `version` (flow.md, Shape).
 * Every transition checks it here first: a state otpkit did not write never reaches a decision.
 */
import { OTPError, type HashAlgorithm } from '../index.js';

/** The confirmed authenticator: 2FA is on while this is not null. */
export interface ActiveFactor {
  /** Sealed (see `sealSecret`), or base32 when the flow runs with `keys: null`. */
  secret: string;
  algorithm: HashAlgorithm;
  digits: number;
  /** Seconds per step. */
  period: number;
  /** The step of the last accepted code; −1 before any use. */
  lastUsedStep: number;
  /** The phone's clock offset in steps, learnt from successes (RFC 6238 §6), −2 to 2. */
  drift: number;
  /** When it was confirmed, in milliseconds. */
  enabledAt: number;
}

/** An enrolment waiting for its first code. */
export interface PendingFactor {
  secret: string;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  createdAt: number;
  expiresAt: number;
}

export interface BackupCodeSet {
  /** Hashes of the unused codes (`generateBackupCodes`). */
  hashes: string[];
  /** How many codes the set had when it was made. */
  issued: number;
  generatedAt: number;
}

export interface ThrottleState {
  /** Consecutive failures of any proof since the last success. */
  failures: number;
  lastFailureAt: number | null;
  /** Set at the policy's lock threshold; only `unlock` clears it. */
  locked: boolean;
}

export interface TwoFactorState {
  schema: 1;
  /** +1 on every change; write back only if the stored version is unchanged. */
  version: number;
  active: ActiveFactor | null;
  pending: PendingFactor | null;
  backupCodes: BackupCodeSet | null;
  throttle: ThrottleState;
}

/**
 * A new account's state: 2FA off, version 0.
 *
 * @example
 * ```ts
 * await db.insert({ userId, twoFactor: JSON.stringify(createState()) });
 * ```
 */
export function createState(): TwoFactorState {
  return { schema: 1, version: 0, active: null, pending: null, backupCodes: null, throttle: { failures: 0, lastFailureAt: null, locked: false } };
}

/** The state after a change: a new object with `version` + 1; the input is never touched. */
export function changed(state: TwoFactorState, change: Partial<Omit<TwoFactorState, 'schema' | 'version'>>): TwoFactorState {
  return { ...state, ...change, version: state.version + 1 };
}

function invalid(field: string, expected: string): OTPError {
  return new OTPError('ERR_STATE_INVALID', `${field}: expected ${expected}`);
}

/** A check of one field's value; `field` is its path for the message (`state.active.secret`). */
type Check = (value: unknown, field: string) => void;

const int =
  (min: number, max = Number.MAX_SAFE_INTEGER): Check =>
  (value, field) => {
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) throw invalid(field, `an integer from ${min} to ${max}`);
  };

/** A sealed secret or a stored hash: whether it opens is the sealing code's question (ERR_SEALED_INVALID); here only its shape. */
const text: Check = (value, field) => {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096) throw invalid(field, 'a non-empty string');
};

const nullable =
  (check: Check): Check =>
  (value, field) =>
    value === null || check(value, field);

/** A plain object with exactly these fields: a hand-edited or foreign state is refused, not guessed at. */
const shape =
  (fields: Record<string, Check>): Check =>
  (value, field) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(field, 'an object');
    for (const key of Object.keys(value)) if (!Object.hasOwn(fields, key)) throw invalid(`${field}.${key}`, 'no such field');
    for (const [key, check] of Object.entries(fields)) {
      if (!Object.hasOwn(value, key)) throw invalid(`${field}.${key}`, 'a value (missing)');
      check((value as Record<string, unknown>)[key], `${field}.${key}`);
    }
  };

const FACTOR: Record<string, Check> = {
  secret: text,
  algorithm: (value, field) => {
    if (value !== 'SHA1' && value !== 'SHA256' && value !== 'SHA512') throw invalid(field, "'SHA1', 'SHA256' or 'SHA512'");
  },
  digits: int(6, 10),
  period: int(1, 3600),
};

/** The largest drift a stored state may carry, whatever the policy (which bounds it further). */
export const MAX_STORED_DRIFT = 10;

const STATE = shape({
  schema: (value, field) => {
    if (value !== 1) throw invalid(field, '1 (a state written by this version of otpkit/flow)');
  },
  version: int(0),
  active: nullable(shape({ ...FACTOR, lastUsedStep: int(-1), drift: int(-MAX_STORED_DRIFT, MAX_STORED_DRIFT), enabledAt: int(0) })),
  pending: nullable(shape({ ...FACTOR, createdAt: int(0), expiresAt: int(0) })),
  backupCodes: nullable(
    shape({
      hashes: (value, field) => {
        if (!Array.isArray(value) || value.length > 100) throw invalid(field, 'an array of at most 100 hash strings');
        for (let i = 0; i < value.length; i++) text(value[i], `${field}[${i}]`);
      },
      issued: int(0, 100),
      generatedAt: int(0),
    }),
  ),
  throttle: shape({
    failures: int(0),
    lastFailureAt: nullable(int(0)),
    locked: (value, field) => {
      if (typeof value !== 'boolean') throw invalid(field, 'a boolean');
    },
  }),
});

/**
 * Checks that `value` is a state otpkit wrote, field by field, and returns it typed. Throws
 * `ERR_STATE_INVALID` naming the first field that is not (flow.md, Bad state).
 *
 * @example
 * ```ts
 * const state = checkState(JSON.parse(row.two_factor)); // throws for a hand-edited row
 * ```
 */
export function checkState(value: unknown): TwoFactorState {
  STATE(value, 'state');
  return value as TwoFactorState;
}
