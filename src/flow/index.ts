/**
 * `otpkit/flow`: the whole 2FA lifecycle (enrol, confirm, log in, recover, regenerate, disable)
 * as pure transitions over a JSON state, with replay refusal, one throttle for every proof,
 * sealed secrets and compare-and-swap writes (flow.md).
 */
export { createState, checkState } from './state.js';
export type { TwoFactorState, ActiveFactor, PendingFactor, BackupCodeSet, ThrottleState } from './state.js';
export type { FlowEvent, FlowResult, ProofKind } from './events.js';
export { DEFAULT_POLICY } from './policy.js';
export type { FlowPolicy } from './policy.js';
export type { TransitionOptions } from './inputs.js';
export type { Proof } from './proof.js';
export { startEnrollment, confirmEnrollment } from './enrollment.js';
export type { StartEnrollmentOptions, StartEnrollmentResult, ConfirmEnrollmentOptions, ConfirmEnrollmentResult } from './enrollment.js';
export { verifyLogin } from './login.js';
export type { VerifyLoginOptions, VerifyLoginOutcome } from './login.js';
export { useBackupCode, regenerateBackupCodes } from './backup-codes.js';
export type { UseBackupCodeOptions, UseBackupCodeResult, RegenerateBackupCodesOptions, RegenerateBackupCodesResult } from './backup-codes.js';
export { disable, unlock } from './disable.js';
export type { DisableOptions } from './disable.js';
export { status } from './status.js';
export type { TwoFactorStatus } from './status.js';
export { sealSecret, openSecret } from './sealing.js';
export type { FlowKeys } from './sealing.js';
export { transact } from './transact.js';
export type { StateStore } from './transact.js';
