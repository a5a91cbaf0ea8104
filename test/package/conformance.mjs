// The conformance suite run against the built package in every runtime (Node ESM and CommonJS,
// Bun, Deno, a browser). Plain JavaScript with no imports, so that any runtime can load it;
// each entry point imports otpkit its own way and passes in the module and the vectors.

const hex = (text) => Uint8Array.from(text.match(/../g) ?? [], (b) => parseInt(b, 16));

export async function run(otpkit, vectors, qr, flow) {
  const results = { passed: 0, failed: 0, failures: [] };
  const check = async (name, fn) => {
    try {
      const outcome = await fn();
      if (outcome === true) results.passed++;
      else throw new Error(`got ${JSON.stringify(outcome)}`);
    } catch (error) {
      results.failed++;
      results.failures.push(`${name}: ${error && error.message}`);
    }
  };
  const expectCode = (fn, code) => async () => {
    try {
      await fn();
      return 'no error';
    } catch (error) {
      return error instanceof otpkit.OTPError && error instanceof Error && error.code === code ? true : `${error && error.code}`;
    }
  };

  const { rfc4226, rfc6238, rfc4648, derived } = vectors;
  const rfcKey = hex(rfc4226.secret_hex);
  for (const v of rfc4226.vectors) {
    await check(`RFC 4226 counter ${v.counter}`, async () => (await otpkit.generateHOTP({ secret: rfcKey, counter: v.counter })) === v.hotp);
  }
  for (const v of rfc6238.vectors) {
    await check(`RFC 6238 ${v.mode} ${v.time}`, async () =>
      (await otpkit.generateTOTP({ secret: hex(rfc6238.secrets[v.mode].hex), now: v.time * 1000, algorithm: v.mode, digits: 8 })) === v.totp);
  }
  for (const v of rfc4648.vectors) {
    const bytes = new TextEncoder().encode(v.input_ascii);
    await check(`RFC 4648 ${v.base32}`, () =>
      otpkit.encodeBase32(bytes) === v.base32 && otpkit.decodeBase32(v.base32).join() === bytes.join());
  }
  for (const v of derived.hotp) {
    await check(`derived HOTP ${v.why} ${v.algorithm} ${v.counter}`, async () =>
      (await otpkit.generateHOTP({ secret: hex(v.secret_hex), counter: BigInt(v.counter), algorithm: v.algorithm, digits: v.digits })) === v.hotp);
  }
  for (const v of derived.totp) {
    await check(`derived TOTP ${v.why} ${v.algorithm}`, async () =>
      (await otpkit.generateTOTP({ secret: hex(v.secret_hex), now: v.now, t0: v.t0, period: v.period, algorithm: v.algorithm, digits: v.digits })) === v.totp);
  }

  await check('generate, verify and refuse a replay', async () => {
    const secret = otpkit.generateSecret();
    const now = Date.now();
    const token = await otpkit.generateTOTP({ secret, now });
    const first = await otpkit.verifyTOTP({ secret, token, now, lastUsedStep: null });
    const again = await otpkit.verifyTOTP({ secret, token, now, lastUsedStep: first.step });
    return first.valid === true && first.delta === 0 && first.step === otpkit.timeStep({ now }) && again.valid === false && Object.keys(again).length === 1;
  });
  await check('HOTP look-ahead', async () => {
    const r = await otpkit.verifyHOTP({ secret: rfcKey, token: '969429', counter: 1n, lookAhead: 5 });
    return r.valid === true && r.counter === 3n && r.delta === 2;
  });
  await check('otpauth URI build and parse', async () => {
    const uri = otpkit.buildOTPAuthURI({ secret: rfcKey, issuer: 'ACME Co', account: 'jane+2fa@example.com' });
    const parsed = otpkit.parseOTPAuthURI(uri);
    return uri === 'otpauth://totp/ACME%20Co:jane%2B2fa%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME%20Co' &&
      parsed.issuer === 'ACME Co' && parsed.account === 'jane+2fa@example.com' &&
      (await otpkit.generateTOTP({ ...parsed, now: 59000 })) === '287082' &&
      otpkit.formatSecretForDisplay(parsed.secret) === 'GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ';
  });
  await check('ERR_URI_INVALID', expectCode(() => otpkit.parseOTPAuthURI('otpauth://totp/x?issuer=y'), 'ERR_URI_INVALID'));
  await check('backup codes round trip', async () => {
    const { codes, hashes } = await otpkit.generateBackupCodes({ count: 2 });
    const used = await otpkit.verifyBackupCode({ code: codes[1].toLowerCase(), hashes });
    return used.valid === true && used.index === 1 && used.remaining.length === 1 &&
      (await otpkit.verifyBackupCode({ code: codes[1], hashes: used.remaining })).valid === false;
  });
  await check('ERR_BACKUP_HASH_INVALID', expectCode(() => otpkit.verifyBackupCode({ code: '0123-4567-89AB-CDEF', hashes: ['nope'] }), 'ERR_BACKUP_HASH_INVALID'));
  await check('otpkit/qr draws a QR code of an otpauth URI', () => {
    const uri = otpkit.buildOTPAuthURI({ secret: rfcKey, issuer: 'ACME', account: 'jane' });
    const { size, modules } = qr.qrMatrix(uri, { ecc: 'M' });
    const svg = qr.qrSVG(uri);
    return size === 37 && modules.length === size * size && svg.startsWith('<svg') && qr.qrTerminal(uri).split('\n').length === 23;
  });
  await check('ERR_QR_TOO_LONG, an instance of the main entry’s OTPError', expectCode(() => qr.qrMatrix('x'.repeat(3000)), 'ERR_QR_TOO_LONG'));
  await check('a malformed token is { valid: false }', async () => (await otpkit.verifyTOTP({ secret: rfcKey, token: '12a456' })).valid === false);
  await check('a missing token is ERR_OPTION_TYPE', expectCode(() => otpkit.verifyTOTP({ secret: rfcKey, code: '123456' }), 'ERR_OPTION_TYPE'));
  await check('resyncHOTP finds two consecutive codes', async () => {
    const r = await otpkit.resyncHOTP({ secret: rfcKey, tokens: ['399871', '520489'], counter: 0 });
    return r.valid === true && r.counter === 9 && r.delta === 9;
  });
  await check('ERR_BASE32_INVALID', expectCode(() => otpkit.decodeBase32('MZXW6YT1'), 'ERR_BASE32_INVALID'));
  await check('ERR_OPTION_RANGE', expectCode(() => otpkit.generateTOTP({ secret: rfcKey, digits: 11 }), 'ERR_OPTION_RANGE'));
  await check('ERR_OPTION_TYPE', expectCode(() => otpkit.generateHOTP({ secret: rfcKey, counter: '1' }), 'ERR_OPTION_TYPE'));
  await check('ERR_SECRET_INVALID (empty key, refused alike on both backends)', expectCode(() => otpkit.generateHOTP({ secret: new Uint8Array(0), counter: 0 }), 'ERR_SECRET_INVALID'));

  // otpkit/flow: the lifecycle, sealed, against the same main entry.
  const keys = { current: 'k1', keys: { k1: new Uint8Array(32).fill(1) } };
  const now = 1_700_000_010_000;
  let enrolled;
  await check('otpkit/flow enrols, confirms, logs in once and refuses the replay', async () => {
    const started = await flow.startEnrollment(flow.createState(), { issuer: 'ACME', account: 'jane', keys, now });
    const confirmed = await flow.confirmEnrollment(started.state, { token: await otpkit.generateTOTP({ secret: started.secret, now }), keys, now });
    const later = now + 30_000;
    const token = await otpkit.generateTOTP({ secret: started.secret, now: later });
    const login = await flow.verifyLogin(confirmed.state, { token, keys, now: later });
    const replay = await flow.verifyLogin(login.state, { token, keys, now: later });
    enrolled = confirmed.state;
    return confirmed.ok && confirmed.backupCodes.length === 10 && !JSON.stringify(confirmed.state).includes(started.secret) &&
      login.ok && login.state.version === confirmed.state.version + 1 && replay.outcome === 'replay' && replay.ok === false;
  });
  await check('otpkit/flow opens what it sealed', async () => (await flow.openSecret(await flow.sealSecret('JBSWY3DPEHPK3PXP', { keys }), { keys })) === 'JBSWY3DPEHPK3PXP');
  await check('otpkit/flow ERR_STATE_INVALID, an instance of the main entry’s OTPError', expectCode(() => flow.verifyLogin({ schema: 2 }, { token: '123456', keys }), 'ERR_STATE_INVALID'));
  await check('otpkit/flow ERR_SEALED_INVALID for a tampered secret', expectCode(() =>
    flow.verifyLogin({ ...enrolled, active: { ...enrolled.active, secret: enrolled.active.secret.slice(0, -4) + 'AAAA' } }, { token: '123456', keys, now }), 'ERR_SEALED_INVALID'));
  await check('otpkit/flow status', () => {
    const s = flow.status(enrolled, { now });
    return s.enabled === true && s.backupCodesRemaining === 10 && s.locked === false && s.retryAfter === 0;
  });
  return results;
}
