// The browser benchmark's libraries, bundled by esbuild for the browser platform (so `otpkit`
// resolves to its web build through the package's `browser` export condition, and otpauth to its
// browser build): otpkit's web build, otpauth and @epic-web/totp, configured as in adapters-node.mjs.
import * as otpkit from 'otpkit';
import * as OTPAuth from 'otpauth';
import { verifyTOTP as epicVerifyTOTP } from '@epic-web/totp';
import { pinAt, pinClock } from './clock.mjs';


export const adapters = [
  {
    name: 'otpkit (web build, WebCrypto)',
    verify: async ({ secret, token, now }) => (await otpkit.verifyTOTP({ secret, token, now, window: 1 })).valid,
  },
  {
    name: 'otpauth (browser build)',
    sync: true,
    verify: ({ secret, token, now }) =>
      new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).validate({ token, timestamp: now, window: 1 }) !== null,
  },
  {
    name: '@epic-web/totp',
    verify: async ({ secret, token, now }) => {
      pinAt(now);
      return (await epicVerifyTOTP({ otp: token, secret, period: 30, digits: 6, algorithm: 'SHA-1', window: 1 })) !== null;
    },
  },
];

export { otpkit, pinClock };
