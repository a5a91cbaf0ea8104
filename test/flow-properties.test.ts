import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useBackupCode, verifyLogin, type FlowPolicy, type FlowResult, type TwoFactorState } from '../src/flow/index.js';
import { backendName } from './helpers.js';
import { codeAt, enrolled, keys, STEP, T0 } from './flow-helpers.js';

type Action =
  | { kind: 'wait'; ms: number }
  | { kind: 'code'; offset: number } // the code the phone shows `offset` steps from now
  | { kind: 'old-code'; back: number } // a code the user already typed (or saw) earlier
  | { kind: 'wrong'; token: string }
  | { kind: 'backup'; index: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 5 * 60_000 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('code' as const), offset: fc.integer({ min: -2, max: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('old-code' as const), back: fc.integer({ min: 0, max: 5 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('wrong' as const), token: fc.stringMatching(/^[0-9]{6}$/) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('backup' as const), index: fc.integer({ min: 0, max: 3 }) }) },
);

const policies: Partial<FlowPolicy>[] = [{}, { freeFailures: 2, baseDelay: 1_000, maxDelay: 4_000, lockAfter: 7 }, { freeFailures: 0, baseDelay: 0, lockAfter: 4 }];

describe(`otpkit/flow properties over random sequences, over the ${backendName} backend`, () => {
  it('never accepts a code twice, locks at the threshold, changes nothing when refusing, and bumps version by one per change', { timeout: 120_000 }, async () => {
    const base = await enrolled();
    // Three backup codes (two stored hashes and one already spent): every backup attempt hashes them all.
    const start: TwoFactorState = { ...base.state, backupCodes: { ...base.state.backupCodes!, hashes: base.state.backupCodes!.hashes.slice(0, 2) } };
    const backupCodes = [base.codes[0]!, base.codes[1]!, base.codes[5]!, 'ABCD-EFGH-JKMN-PQRS'];
    const seen = new Set<string>(); // which outcomes the runs reached, so the properties are exercised
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...policies), fc.array(action, { minLength: 1, maxLength: 40 }), async (policy, actions) => {
        let state = start;
        let now = T0 + STEP;
        const typed: string[] = [];
        const acceptedSteps: number[] = [];
        const acceptedBackup = new Set<string>();
        for (const a of actions) {
          if (a.kind === 'wait') {
            now += a.ms;
            continue;
          }
          let result: FlowResult<string>;
          if (a.kind === 'backup') {
            result = await useBackupCode(state, { code: backupCodes[a.index]!, now, policy });
            if (result.ok) {
              expect(acceptedBackup.has(backupCodes[a.index]!)).toBe(false); // a backup code works once
              acceptedBackup.add(backupCodes[a.index]!);
            }
          } else {
            const token = a.kind === 'code' ? await codeAt(base.secret, now + a.offset * STEP) : a.kind === 'wrong' ? a.token : typed.at(-1 - a.back) ?? '000000';
            typed.push(token);
            result = await verifyLogin(state, { token, keys, now, policy });
            if (result.ok) {
              // Each accepted code's step is later than every earlier one: no code logs in twice.
              const step = result.state.active!.lastUsedStep;
              expect(step).toBeGreaterThan(Math.max(state.active!.lastUsedStep, ...acceptedSteps));
              acceptedSteps.push(step);
            }
          }
          if (result.outcome === 'throttled' || result.outcome === 'locked') expect(result.state).toBe(state);
          if (result.state === state) expect(['throttled', 'locked']).toContain(result.outcome);
          else expect(result.state.version).toBe(state.version + 1);
          const lockAfter = policy.lockAfter ?? 100;
          expect(result.state.throttle.failures).toBeLessThanOrEqual(lockAfter);
          expect(result.state.throttle.locked).toBe(result.state.throttle.failures >= lockAfter);
          seen.add(result.outcome);
          state = result.state;
        }
      }),
      { numRuns: 100 },
    );
    expect([...seen].sort()).toEqual(['invalid', 'locked', 'ok', 'replay', 'throttled']);
  });
});
