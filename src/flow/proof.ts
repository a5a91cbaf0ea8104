/**
 * Checking what a user offers: a TOTP code against the active factor (with drift and replay
 * refusal), a backup code against the stored hashes, or, for step-up actions, a `Proof`. Every
 * code check goes through the same throttle (flow.md, Policy: one counter for every proof).
 */
import { verifyBackupCode, verifyTOTP } from '../index.js';
import { oneOf, ownRecord, typeError } from '../internal/guards.js';
import type { Failed, FlowEvent, ProofKind, Refusal } from './events.js';
import { boundedDrift, type FlowPolicy } from './policy.js';
import { readSecret, type KeyRing } from './sealing.js';
import type { ActiveFactor, TwoFactorState } from './state.js';
import { CLEAR, failure, refusal } from './throttle.js';

/** What a step-up action (re-enrolment, new backup codes, disabling) asks for. */
export type Proof = { token: string } | { backupCode: string } | { trusted: 'session' | 'api-token' | 'admin' };

export type ProofFailure = 'invalid' | 'replay' | Refusal;

/** Reads a required `proof` option: its absence is a programming error, not a failed proof. */
export function requiredProof(value: unknown): unknown {
  if (value === undefined) throw typeError('proof', PROOFS, value);
  return value;
}

const PROOFS = '{ token }, { backupCode } or { trusted }';

/** A proof that held: what it changes in the state (spent code, reset counter) and its events. */
export interface Proven {
  ok: true;
  by: ProofKind;
  change: Partial<TwoFactorState>;
  events: FlowEvent[];
  /** For a code: how far the phone's step was from the server's. */
  delta?: number;
  /** For a backup code: how many remain. */
  remaining?: number;
}

/**
 * A TOTP code against the active factor. The window is ±`window` around the current step united
 * with ±`window` around the current step plus the learnt drift (RFC 6238 §6), so a phone whose
 * clock is corrected still logs in. A code whose latest matching step is at or before
 * `lastUsedStep` is a replay.
 */
async function checkCode(state: TwoFactorState, active: ActiveFactor, token: unknown, ring: KeyRing, now: number, policy: FlowPolicy): Promise<Proven | Failed<ProofFailure>> {
  const { base32, stored: secret, events } = await readSecret(active.secret, ring, now);
  // A policy with a smaller maxDrift than the one the state was written under bounds it again.
  const drift = boundedDrift(active.drift, policy);
  const window = { past: policy.window + Math.max(0, -drift), future: policy.window + Math.max(0, drift) };
  const { algorithm, digits, period } = active;
  const result = await verifyTOTP({ secret: base32, token: token as string, now, algorithm, digits, period, window });
  if (!result.valid || result.step <= active.lastUsedStep) {
    const outcome = result.valid ? 'replay' : 'invalid';
    return failure(state, outcome, now, policy, secret === active.secret ? {} : { active: { ...active, secret } }, events);
  }
  const next: ActiveFactor = { ...active, secret, lastUsedStep: result.step, drift: boundedDrift(result.delta, policy) };
  return { ok: true, by: 'token', change: { active: next, throttle: CLEAR }, events, delta: result.delta };
}

/** A backup code against the stored hashes; a used one's hash is removed. */
async function checkBackupCode(state: TwoFactorState, code: unknown, now: number, policy: FlowPolicy): Promise<Proven | Failed<ProofFailure>> {
  const set = state.backupCodes;
  const result = await verifyBackupCode({ code: code as string, hashes: set?.hashes ?? [] });
  if (!result.valid || !set) return failure(state, 'invalid', now, policy);
  const remaining = result.remaining.length;
  const events: FlowEvent[] = [{ type: 'backup_code_used', at: now, remaining }];
  if (remaining <= policy.backupCodesLow) events.push({ type: 'backup_codes_low', at: now, remaining });
  return { ok: true, by: 'backup-code', change: { backupCodes: { ...set, hashes: result.remaining }, throttle: CLEAR }, events, remaining };
}

/**
 * Checks a proof in the policy's order: a trusted proof (the application's own authentication)
 * is never throttled and leaves the failure count as it is; a code or a backup code is refused
 * unread while locked or throttled, and counted when wrong.
 */
export async function prove(state: TwoFactorState, proof: unknown, ring: KeyRing, now: number, policy: FlowPolicy): Promise<Proven | Failed<ProofFailure>> {
  const p = ownRecord<{ token: string; backupCode: string; trusted: string }>(proof, 'proof');
  if (p.trusted !== undefined) {
    return { ok: true, by: oneOf('proof.trusted', p.trusted, ['session', 'api-token', 'admin'] as const), change: {}, events: [] };
  }
  if (p.token === undefined && p.backupCode === undefined) throw typeError('proof', PROOFS, proof);
  const refused = refusal(state, now, policy);
  if (refused) return refused;
  if (p.token !== undefined) {
    if (!state.active) throw typeError('proof', '{ backupCode } or { trusted } (no active factor to check a token against)', proof);
    return checkCode(state, state.active, p.token, ring, now, policy);
  }
  return checkBackupCode(state, p.backupCode, now, policy);
}
