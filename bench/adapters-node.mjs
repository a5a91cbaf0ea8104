// Each library verifies the workload's tokens through its own documented API, configured for
// SHA1, 6 digits, 30-second steps and a window of one step either side. Libraries that read the
// clock themselves get it pinned (see pinClock); the others are given the instant.
import { fileURLToPath } from 'node:url';
import * as otpkit from 'otpkit';
import { verify as otplibVerify } from 'otplib';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import * as OTPAuth from 'otpauth';
import speakeasy from 'speakeasy';
import { verifyTOTP as epicVerifyTOTP } from '@epic-web/totp';
import { verifyTOTPWithGracePeriod } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import notp from 'notp';
import { pinAt, pinClock } from './clock.mjs';

/** The web build of the same package, loaded from its file (conditions are per process). */
const otpkitWeb = await import(fileURLToPath(new URL('./node_modules/otpkit/dist/web/index.js', import.meta.url)));

const otplibNode = new NodeCryptoPlugin();

export const adapters = [
  {
    name: 'otpkit (node build)',
    verify: async ({ secret, token, now }) => (await otpkit.verifyTOTP({ secret, token, now, window: 1 })).valid,
  },
  {
    name: 'otpkit (web build, WebCrypto)',
    verify: async ({ secret, token, now }) => (await otpkitWeb.verifyTOTP({ secret, token, now, window: 1 })).valid,
  },
  {
    name: 'otplib 13 (default: noble)',
    verify: async ({ secret, token, now }) => (await otplibVerify({ secret, token, epoch: now / 1000, epochTolerance: 30 })).valid,
  },
  {
    name: 'otplib 13 (node:crypto plugin)',
    verify: async ({ secret, token, now }) =>
      (await otplibVerify({ secret, token, epoch: now / 1000, epochTolerance: 30, crypto: otplibNode })).valid,
  },
  {
    name: 'otpauth (node build)',
    sync: true,
    verify: ({ secret, token, now }) =>
      new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).validate({ token, timestamp: now, window: 1 }) !== null,
  },
  {
    name: 'speakeasy',
    sync: true,
    verify: ({ secret, token, now }) =>
      speakeasy.totp.verifyDelta({ secret, encoding: 'base32', token, window: 1, step: 30, time: Math.floor(now / 1000) }) !== undefined,
  },
  {
    name: '@epic-web/totp',
    verify: async ({ secret, token, now }) => {
      pinAt(now);
      return (await epicVerifyTOTP({ otp: token, secret, period: 30, digits: 6, algorithm: 'SHA-1', window: 1 })) !== null;
    },
  },
  {
    name: '@oslojs/otp',
    sync: true,
    verify: ({ secret, token, now }) => {
      pinAt(now);
      return verifyTOTPWithGracePeriod(decodeBase32IgnorePadding(secret), 30, 6, token, 30);
    },
  },
  {
    // notp has no base32 decoder: it gets the key bytes (decoded once, outside the timing),
    // which flatters it slightly against the others, which decode per verification.
    name: 'notp',
    sync: true,
    verify: ({ keyBuffer, token, now }) => {
      pinAt(now);
      return notp.totp.verify(token, keyBuffer, { window: 1, time: 30 }) !== null;
    },
  },
];

export { otpkit, otpkitWeb, pinClock };
