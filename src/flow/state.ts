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
  return new OTPError('ERR_STATE_INVALID', `${field ? `state.${field}` : 'state'}: expected ${expected}`);
}

/** A plain object with exactly these fields: a hand-edited or foreign state is refused, not guessed at. */
function record(value: unknown, field: string, fields: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(field, 'an object');
  for (const key of fields) if (!Object.hasOwn(value, key)) throw invalid(`${field}.${key}`.replace(/^\./, ''), 'a value (missing)');
  for (const key of Object.keys(value)) if (!fields.includes(key)) throw invalid(`${field}.${key}`.replace(/^\./, ''), 'no such field');
  return value as Record<string, unknown>;
}

function int(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `an integer from ${min} to ${max}`);
  }
  return value;
}

function instantOrNull(value: unknown, field: string): void {
  if (value !== null) int(value, field, 0);
}

function sealedText(value: unknown, field: string): void {
  // Whether it opens is the sealing code's question (ERR_SEALED_INVALID); here only its shape.
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096) throw invalid(field, 'a non-empty string');
}

function factor(value: Record<string, unknown>, field: string): void {
  sealedText(value.secret, `${field}.secret`);
  if (!['SHA1', 'SHA256', 'SHA512'].includes(value.algorithm as string)) throw invalid(`${field}.algorithm`, "'SHA1', 'SHA256' or 'SHA512'");
  int(value.digits, `${field}.digits`, 6, 10);
  int(value.period, `${field}.period`, 1, 3600);
}

const TOP = ['schema', 'version', 'active', 'pending', 'backupCodes', 'throttle'] as const;
const ACTIVE = ['secret', 'algorithm', 'digits', 'period', 'lastUsedStep', 'drift', 'enabledAt'] as const;
const PENDING = ['secret', 'algorithm', 'digits', 'period', 'createdAt', 'expiresAt'] as const;
const BACKUP = ['hashes', 'issued', 'generatedAt'] as const;
const THROTTLE = ['failures', 'lastFailureAt', 'locked'] as const;

/** The largest drift a stored state may carry, whatever the policy (which bounds it further). */
export const MAX_STORED_DRIFT = 10;

/**
 * Checks that `value` is a state otpkit wrote, field by field, and returns it typed. Throws
 * `ERR_STATE_INVALID` naming the first field that is not (flow.md, Bad state).
 */
export function checkState(value: unknown): TwoFactorState {
  const state = record(value, '', TOP);
  if (state.schema !== 1) throw invalid('schema', '1 (a state written by this version of otpkit/flow)');
  int(state.version, 'version', 0);
  if (state.active !== null) {
    const active = record(state.active, 'active', ACTIVE);
    factor(active, 'active');
    int(active.lastUsedStep, 'active.lastUsedStep', -1);
    int(active.drift, 'active.drift', -MAX_STORED_DRIFT, MAX_STORED_DRIFT);
    int(active.enabledAt, 'active.enabledAt', 0);
  }
  if (state.pending !== null) {
    const pending = record(state.pending, 'pending', PENDING);
    factor(pending, 'pending');
    int(pending.createdAt, 'pending.createdAt', 0);
    int(pending.expiresAt, 'pending.expiresAt', 0);
  }
  if (state.backupCodes !== null) {
    const backup = record(state.backupCodes, 'backupCodes', BACKUP);
    const hashes = backup.hashes;
    if (!Array.isArray(hashes) || hashes.length > 100) throw invalid('backupCodes.hashes', 'an array of at most 100 hash strings');
    for (let i = 0; i < hashes.length; i++) sealedText(hashes[i], `backupCodes.hashes[${i}]`);
    int(backup.issued, 'backupCodes.issued', 0, 100);
    int(backup.generatedAt, 'backupCodes.generatedAt', 0);
  }
  const throttle = record(state.throttle, 'throttle', THROTTLE);
  int(throttle.failures, 'throttle.failures', 0);
  instantOrNull(throttle.lastFailureAt, 'throttle.lastFailureAt');
  if (typeof throttle.locked !== 'boolean') throw invalid('throttle.locked', 'a boolean');
  return value as TwoFactorState;
}
