/** `otpkit code KEY|URI`: the current code (TOTP), or the code of `--counter N` (HOTP). */
import { generateHOTP, generateTOTP, type HashAlgorithm } from '../../index.js';
import { EXIT } from '../io.js';
import { readKey } from '../key.js';
import { parseTime } from '../oath-time.js';
import { parse, type Command } from './command.js';

export const OTP_OPTIONS = {
  hex: { type: 'boolean' },
  algorithm: { type: 'string' },
  digits: { type: 'string' },
  period: { type: 'string' },
  counter: { type: 'string' },
  now: { type: 'string' },
} as const;

export const KEY_HELP = `KEY is base32 (as authenticator apps show it) or an otpauth:// URI; --hex reads hex.
Give it as - (standard input), @FILE, or leave it out and set OTPKIT_SECRET:
a secret typed on the command line is visible to other users (ps) and kept in shell history.

  --algorithm SHA1|SHA256|SHA512   (default SHA1, or the URI's)
  --digits N                       6 to 10 (default 6, or the URI's)
  --period SECONDS                 (default 30, or the URI's)
  --counter N                      HOTP: the counter (a URI of type hotp gives its own)
  --now TIME                       now, @SECONDS or an ISO 8601 date with a zone (default: the clock)`;

/** The options a code is made with: the URI's, overridden by the command line's. */
export function otpOptions(values: Record<string, string | boolean | undefined>, positional: string | undefined, read: (given: string) => string) {
  const spec = readKey(positional, values.hex === true, read);
  const number = (name: string) => (values[name] === undefined ? undefined : Number(values[name]));
  const counterText = values.counter as string | undefined;
  const counter = counterText === undefined ? spec.counter : /^\d+$/.test(counterText) ? BigInt(counterText) : NaN;
  return {
    secret: spec.secret,
    algorithm: ((values.algorithm as string | undefined)?.toUpperCase() ?? spec.algorithm) as HashAlgorithm | undefined,
    digits: number('digits') ?? spec.digits,
    period: number('period') ?? spec.period,
    counter: typeof counter === 'bigint' && counter <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(counter) : counter,
    now: values.now === undefined ? undefined : parseTime(values.now as string, '--now') * 1000,
  };
}

export const code: Command = {
  name: 'code',
  summary: 'the current code of a key (TOTP), or of --counter N (HOTP)',
  usage: `otpkit code [KEY|URI] [options]\n\nPrints the code alone on one line.\n\n${KEY_HELP}`,
  async run(args, { out, read }) {
    const { values, positionals } = parse(args, OTP_OPTIONS, 1);
    const o = otpOptions(values, positionals[0], read);
    const { secret, algorithm, digits } = o;
    out(
      o.counter !== undefined
        ? await generateHOTP({ secret, algorithm, digits, counter: o.counter })
        : await generateTOTP({ secret, algorithm, digits, period: o.period, now: o.now }),
    );
    return EXIT.ok;
  },
};
