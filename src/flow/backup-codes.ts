/** Backup codes in the lifecycle: log-in with one when the phone is lost, and a new set on demand. */
import { generateBackupCodes } from '../index.js';
import { typeError } from '../internal/guards.js';
import { unchanged, type FlowResult } from './events.js';
import { readInput, type TransitionOptions } from './inputs.js';
import { prove, requiredProof, type Proof, type ProofFailure } from './proof.js';
import { keysOption, type FlowKeys } from './sealing.js';
import { changed, type TwoFactorState } from './state.js';

export interface UseBackupCodeOptions extends TransitionOptions {
  /** What the user typed. */
  code: string;
}

export interface UseBackupCodeResult extends FlowResult<'ok' | 'invalid' | 'throttled' | 'locked' | 'not-enabled'> {
  /** On `ok`: how many unused codes are left. */
  remaining?: number;
}

export interface RegenerateBackupCodesOptions extends TransitionOptions {
  proof: Proof;
  keys: FlowKeys | null;
}

export interface RegenerateBackupCodesResult extends FlowResult<'ok' | ProofFailure | 'not-enabled'> {
  /** On `ok`: the new codes, shown once. The old ones stop working. */
  codes?: string[];
}

/**
 * Logs in with a backup code instead of a TOTP code. The used code's hash is removed from the
 * returned state; `backup_codes_low` comes with every use that leaves 3 or fewer.
 *
 * @example
 * ```ts
 * const result = await useBackupCode(state, { code: '7G2K-XM4P-QH9T-3VBN' });
 * if (result.ok) notify(user, `${result.remaining} backup codes left`);
 * ```
 */
export async function useBackupCode(state: TwoFactorState, options: UseBackupCodeOptions): Promise<UseBackupCodeResult> {
  const { state: s, o, now, policy } = readInput(state, options, 'useBackupCode');
  if (o.code === undefined) throw typeError('code', 'a string', o.code);
  if (!s.active) return unchanged(s, 'not-enabled');
  const proven = await prove(s, { backupCode: o.code }, null, now, policy);
  // A backup-code proof fails only as invalid, throttled or locked, never as a replay.
  if (!proven.ok) return proven as UseBackupCodeResult;
  return { ok: true, outcome: 'ok', state: changed(s, proven.change), events: proven.events, remaining: proven.remaining! };
}

/**
 * Replaces the backup codes with a new set, after a proof (a current code, a backup code, or
 * the application's own authentication).
 *
 * @example
 * ```ts
 * const result = await regenerateBackupCodes(state, { proof: { token: '492039' }, keys });
 * if (result.ok) offerDownload(result.codes!);
 * ```
 */
export async function regenerateBackupCodes(state: TwoFactorState, options: RegenerateBackupCodesOptions): Promise<RegenerateBackupCodesResult> {
  const { state: s, o, now, policy } = readInput(state, options, 'regenerateBackupCodes');
  const ring = keysOption(o.keys);
  const proof = requiredProof(o.proof);
  if (!s.active) return unchanged(s, 'not-enabled');
  const proven = await prove(s, proof, ring, now, policy);
  if (!proven.ok) return proven;
  const { codes, hashes } = await generateBackupCodes({ count: policy.backupCodeCount });
  return {
    ok: true,
    outcome: 'ok',
    state: changed(s, { ...proven.change, backupCodes: { hashes, issued: hashes.length, generatedAt: now } }),
    events: [...proven.events, { type: 'backup_codes_regenerated', at: now, count: hashes.length, by: proven.by }],
    codes,
  };
}
