/**
 * Enrolment: a new secret and its otpauth URI (`startEnrollment`), then the first code from the
 * app (`confirmEnrollment`), which switches 2FA on. An active factor stays active until a new one
 * is confirmed; replacing it is a step-up action that needs a proof.
 */
import { buildOTPAuthURI, generateBackupCodes, generateSecret, verifyTOTP, type HashAlgorithm } from '../index.js';
import { integer, typeError } from '../internal/guards.js';
import { unchanged, type FlowEvent, type FlowResult, type ProofKind, type Refusal } from './events.js';
import { readInput, type TransitionOptions } from './inputs.js';
import { boundedDrift } from './policy.js';
import { prove, type Proof, type ProofFailure } from './proof.js';
import { keysOption, readSecret, storeSecret, type FlowKeys } from './sealing.js';
import { changed, type ActiveFactor, type PendingFactor, type TwoFactorState } from './state.js';
import { CLEAR, failure, refusal } from './throttle.js';

export interface StartEnrollmentOptions extends TransitionOptions {
  /** The service, shown in the app. */
  issuer: string;
  /** The user's account name, shown in the app. */
  account: string;
  keys: FlowKeys | null;
  /** Required when a factor is already active. */
  proof?: Proof;
  algorithm?: HashAlgorithm;
  digits?: number;
  period?: number;
  /** Milliseconds the enrolment waits for its first code. Default: the policy's, 10 minutes. */
  ttl?: number;
}

export interface StartEnrollmentResult extends FlowResult<'ok' | 'proof-required' | ProofFailure> {
  /** On `ok`: the new secret as base32, for the setup key. */
  secret?: string;
  /** On `ok`: the otpauth URI to show as a QR code. */
  uri?: string;
}

export interface ConfirmEnrollmentOptions extends TransitionOptions {
  token: string;
  keys: FlowKeys | null;
}

export interface ConfirmEnrollmentResult extends FlowResult<'ok' | 'invalid' | 'expired' | 'no-pending' | Refusal> {
  /** On `ok`, when the account had none: the new backup codes, shown once. */
  backupCodes?: string[];
}

/**
 * Starts an enrolment: a new 160-bit secret, its otpauth URI, and a pending factor that expires.
 *
 * @example
 * ```ts
 * const started = await startEnrollment(state, { issuer: 'ACME', account: 'jane@example.com', keys });
 * if (started.ok) showQR(started.uri!, started.secret!);
 * ```
 */
export async function startEnrollment(state: TwoFactorState, options: StartEnrollmentOptions): Promise<StartEnrollmentResult> {
  const { state: s, o, now, policy } = readInput(state, options, 'startEnrollment');
  const ring = keysOption(o.keys);
  if (typeof o.issuer !== 'string') throw typeError('issuer', 'a string', o.issuer);
  const ttl = integer('ttl', o.ttl, 1_000, 86_400_000, policy.enrollmentTtl);
  const secret = generateSecret();
  // Building the URI checks issuer, account, algorithm, digits and period.
  const uri = buildOTPAuthURI({ secret, issuer: o.issuer, account: o.account as string, algorithm: o.algorithm as HashAlgorithm, digits: o.digits as number, period: o.period as number });
  const events: FlowEvent[] = [];
  let change: Partial<TwoFactorState> = {};
  let by: ProofKind | undefined;
  if (s.active) {
    // Step-up: otherwise a session that passed only the password could swap in its own authenticator.
    if (o.proof === undefined) return unchanged(s, 'proof-required');
    const proven = await prove(s, o.proof, ring, now, policy);
    if (!proven.ok) return proven;
    ({ change, by } = proven);
    events.push(...proven.events);
  } else if (s.throttle.locked) {
    return refusal(s, now, policy)!;
  }
  const pending: PendingFactor = {
    secret: await storeSecret(secret, ring),
    algorithm: (o.algorithm as HashAlgorithm | undefined) ?? 'SHA1',
    digits: (o.digits as number | undefined) ?? 6,
    period: (o.period as number | undefined) ?? 30,
    createdAt: now,
    expiresAt: now + ttl,
  };
  events.push({ type: 'enrollment_started', at: now, expiresAt: pending.expiresAt, ...(by && { by }) });
  return { ok: true, outcome: 'ok', state: changed(s, { ...change, pending }), events, secret, uri };
}

/**
 * Confirms an enrolment with the first code from the app. On `ok` the pending factor becomes
 * active with the confirming step spent (that code cannot log in), and a first set of backup
 * codes is returned once when the account has none.
 *
 * @example
 * ```ts
 * const confirmed = await confirmEnrollment(state, { token: '492039', keys });
 * if (confirmed.ok && confirmed.backupCodes) offerDownload(confirmed.backupCodes);
 * ```
 */
export async function confirmEnrollment(state: TwoFactorState, options: ConfirmEnrollmentOptions): Promise<ConfirmEnrollmentResult> {
  const { state: s, o, now, policy } = readInput(state, options, 'confirmEnrollment');
  const ring = keysOption(o.keys);
  const pending = s.pending;
  if (!pending) return unchanged(s, 'no-pending');
  const refused = refusal(s, now, policy);
  if (refused) return refused;
  // Not counted: the pending factor is dropped and the code not looked at.
  if (now >= pending.expiresAt) return { ok: false, outcome: 'expired', state: changed(s, { pending: null }), events: [] };
  const { base32, stored: secret, events } = await readSecret(pending.secret, ring, now);
  const { algorithm, digits, period } = pending;
  const result = await verifyTOTP({ secret: base32, token: o.token as string, now, algorithm, digits, period, window: policy.window });
  if (!result.valid) return failure(s, 'invalid', now, policy, secret === pending.secret ? {} : { pending: { ...pending, secret } }, events);
  const active: ActiveFactor = { secret, algorithm, digits, period, lastUsedStep: result.step, drift: boundedDrift(result.delta, policy), enabledAt: now };
  let backupCodes = s.backupCodes;
  let shown: string[] | undefined;
  if (!backupCodes) {
    const made = await generateBackupCodes({ count: policy.backupCodeCount });
    shown = made.codes;
    backupCodes = { hashes: made.hashes, issued: made.hashes.length, generatedAt: now };
  }
  events.push({ type: 'enabled', at: now, backupCodes: backupCodes.hashes.length });
  return { ok: true, outcome: 'ok', state: changed(s, { active, pending: null, backupCodes, throttle: CLEAR }), events, ...(shown && { backupCodes: shown }) };
}
