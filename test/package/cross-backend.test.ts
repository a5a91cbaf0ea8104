import { describe, expect, it } from 'vitest';
// Both builds in one process: what one backend stores, the other must verify.
import * as nodeBuild from '../../dist/node/index.js';
import * as webBuild from '../../dist/web/index.js';

describe('the node and web builds together', () => {
  it('share instanceof OTPError across copies: ESM and CommonJS, main entry and otpkit/qr', async () => {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const cjs = require('../../dist/node/index.cjs') as typeof nodeBuild;
    const qr = await import('../../dist/node/qr.js');
    const errors = [new cjs.OTPError('ERR_OPTION_RANGE', 'x'), new webBuild.OTPError('ERR_OPTION_RANGE', 'x')];
    try {
      qr.qrMatrix('x'.repeat(3000));
    } catch (error) {
      errors.push(error as InstanceType<typeof nodeBuild.OTPError>);
    }
    expect(errors).toHaveLength(3);
    for (const error of errors) {
      expect(error).toBeInstanceOf(nodeBuild.OTPError);
      expect(error).toBeInstanceOf(Error);
    }
    expect(new Error('plain')).not.toBeInstanceOf(nodeBuild.OTPError);
    expect(null).not.toBeInstanceOf(nodeBuild.OTPError);
  });

  it('verify each other’s backup-code hashes', async () => {
    const fromNode = await nodeBuild.generateBackupCodes({ count: 3 });
    const fromWeb = await webBuild.generateBackupCodes({ count: 3 });
    for (const [i, code] of fromNode.codes.entries()) expect(await webBuild.verifyBackupCode({ code, hashes: fromNode.hashes })).toMatchObject({ valid: true, index: i });
    for (const [i, code] of fromWeb.codes.entries()) expect(await nodeBuild.verifyBackupCode({ code, hashes: fromWeb.hashes })).toMatchObject({ valid: true, index: i });
    expect(await nodeBuild.verifyBackupCode({ code: fromNode.codes[0]!, hashes: fromWeb.hashes })).toEqual({ valid: false });
  });

  it('give the same HOTP codes for random keys, counters, algorithms and digits (property)', async () => {
    const fc = (await import('fast-check')).default;
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.constantFrom('SHA1', 'SHA256', 'SHA512' as const),
        fc.integer({ min: 6, max: 10 }),
        async (secret, counter, algorithm, digits) => {
          const options = { secret, counter, algorithm, digits };
          expect(await webBuild.generateHOTP(options)).toBe(await nodeBuild.generateHOTP(options));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('give the same codes and the same errors for the same input', async () => {
    const secret = nodeBuild.generateSecret();
    for (const now of [0, 59_000, Date.now(), 2 ** 45]) {
      expect(await webBuild.generateTOTP({ secret, now })).toBe(await nodeBuild.generateTOTP({ secret, now }));
    }
    for (const bad of [{ secret: new Uint8Array(0), counter: 0 }, { secret, counter: -1 }, { secret: 'AB1', counter: 0 }]) {
      const errors = await Promise.all([nodeBuild, webBuild].map((m) => m.generateHOTP(bad).then(() => undefined, (e: { code: string; message: string }) => [e.code, e.message])));
      expect(errors[0]).toBeDefined();
      expect(errors[1]).toEqual(errors[0]);
    }
  });

  it('open each other’s sealed flow secrets, and log in from a state the other build wrote', async () => {
    const nodeFlow = await import('../../dist/node/flow.js');
    const webFlow = await import('../../dist/web/flow.js');
    const keys = { current: 'k1', keys: { k1: new Uint8Array(32).fill(3), k0: new Uint8Array(32).fill(4) } };
    const secret = nodeBuild.generateSecret();
    expect(await webFlow.openSecret(await nodeFlow.sealSecret(secret, { keys }), { keys })).toBe(secret);
    expect(await nodeFlow.openSecret(await webFlow.sealSecret(secret, { keys }), { keys })).toBe(secret);
    const now = 1_700_000_010_000;
    const started = await webFlow.startEnrollment(webFlow.createState(), { issuer: 'ACME', account: 'jane', keys, now });
    const confirmed = await webFlow.confirmEnrollment(started.state, { token: await webBuild.generateTOTP({ secret: started.secret!, now }), keys, now });
    const later = now + 30_000;
    const login = await nodeFlow.verifyLogin(JSON.parse(JSON.stringify(confirmed.state)), { token: await nodeBuild.generateTOTP({ secret: started.secret!, now: later }), keys, now: later });
    expect(login.ok).toBe(true);
  });
});
