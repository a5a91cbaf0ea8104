import { generateTOTP } from '../src/index.js';
import { confirmEnrollment, createState, startEnrollment, type FlowKeys, type TwoFactorState } from '../src/flow/index.js';

/** A fixed instant far from any step boundary: steps are 30 s, and this is 10 s into one. */
export const T0 = 1_700_000_010_000;
export const STEP = 30_000;

export const keys: FlowKeys = { current: 'k2', keys: { k1: new Uint8Array(32).fill(1), k2: new Uint8Array(32).fill(2) } };

/** The code the user's app shows at `now` for an enrolled secret (base32). */
export const codeAt = (secret: string, now: number) => generateTOTP({ secret, now });

/** An account with 2FA on: enrolled and confirmed at T0. Returns the state, the secret and the backup codes. */
export async function enrolled(options: { keys?: FlowKeys | null; now?: number } = {}): Promise<{ state: TwoFactorState; secret: string; codes: string[] }> {
  const k = options.keys === undefined ? keys : options.keys;
  const now = options.now ?? T0;
  const started = await startEnrollment(createState(), { issuer: 'ACME', account: 'jane@example.com', keys: k, now });
  const confirmed = await confirmEnrollment(started.state, { token: await codeAt(started.secret!, now), keys: k, now });
  if (!confirmed.ok) throw new Error(`enrolment failed: ${confirmed.outcome}`);
  return { state: confirmed.state, secret: started.secret!, codes: confirmed.backupCodes! };
}

/** Deep-freezes a value, so a test fails if a transition mutates its input. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
