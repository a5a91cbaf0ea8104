/**
 * oathtool mode: `otpkit [--hotp | --totp[=MODE]] [-b] [-c N] [-s DURATION] [-S TIME] [-N TIME]
 * [-d DIGITS] [-w N] [-v] KEY [OTP]`, with the output and exit status of OATH Toolkit's
 * `oathtool` 2.6 for the same arguments (cli.md), so scripts written against it keep working.
 * What oathtool accepts and otpkit does not (an empty key, `--totp=MD5`, which oathtool reads as
 * SHA1, times such as `tomorrow`) is refused with exit 1, never answered with another code.
 */
import { parseArgs } from 'node:util';
import { generateHOTP, type HashAlgorithm } from '../index.js';
import { CliError, EXIT, inputReader } from './io.js';
import { hexKey } from './key.js';
import { formatTime, parseDuration, parseTime } from './oath-time.js';

const OPTIONS = {
  hotp: { type: 'boolean' },
  totp: { type: 'string' },
  base32: { type: 'boolean', short: 'b' },
  counter: { type: 'string', short: 'c' },
  'time-step-size': { type: 'string', short: 's' },
  'start-time': { type: 'string', short: 'S' },
  now: { type: 'string', short: 'N' },
  digits: { type: 'string', short: 'd' },
  window: { type: 'string', short: 'w' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

const TWO_64 = 2n ** 64n;
/** A signed step as the 64-bit counter oathtool hashes: −1 is 2^64 − 1 (time_t arithmetic in C). */
const wrap = (n: bigint) => ((n % TWO_64) + TWO_64) % TWO_64;

function decimal(text: string, option: string, max: bigint): bigint {
  if (!/^\d{1,20}$/.test(text) || BigInt(text) > max) throw new CliError(`${option}: expected a whole number from 0 to ${max}`);
  return BigInt(text);
}

/** oathtool's `-b` key: base32 in either case, spaces allowed; padding and `-` are refused, as oathtool refuses them. */
function base32Key(text: string): string {
  const compact = text.replace(/ /g, '');
  if (!/^[A-Za-z2-7]*$/.test(compact) || [1, 3, 6].includes(compact.length % 8)) throw new CliError('KEY: base32 decoding failed (oathtool takes A-Z and 2-7, no padding)');
  return compact;
}

export async function oathtool(args: string[], out: (line: string) => void): Promise<number> {
  // `--totp` takes an optional value, which parseArgs cannot express: alone, it means SHA1.
  const normalised = args.map((a) => (a === '--totp' ? '--totp=SHA1' : a));
  const { values: o, positionals } = parseArgs({ args: normalised, options: OPTIONS, allowPositionals: true, strict: true });
  if (positionals.length > 2) throw new CliError('too many parameters');
  const read = inputReader();
  const [keyText, otp] = positionals.map(read) as [string, string | undefined];
  const secret = o.base32 ? base32Key(keyText) : hexKey(keyText);
  if (secret.length === 0) throw new CliError('KEY: empty (oathtool would use an empty key; otpkit refuses one)');
  const window = Number(decimal(o.window ?? '0', '-w', 100_000n));
  const counter = decimal(o.counter ?? '0', '-c', TWO_64 - 1n);
  let digits = o.digits === undefined ? 6 : Number(decimal(o.digits, '-d', 99n));
  if (digits < 6 || digits > 8) throw new CliError('-d: only digits 6, 7 and 8 are supported (as in oathtool)');
  if (otp !== undefined) {
    if (o.digits !== undefined && otp.length !== digits) throw new CliError(`OTP: bad length ${digits} != ${otp.length}`);
    digits = otp.length;
    if (digits < 6 || digits > 8) throw new CliError(`OTP: expected 6, 7 or 8 characters, got ${digits}`);
  }
  const totp = o.totp?.toUpperCase();
  if (totp !== undefined && !['SHA1', 'SHA256', 'SHA512'].includes(totp)) throw new CliError('--totp: expected SHA1, SHA256 or SHA512 (oathtool would silently use SHA1)');
  const algorithm = (totp ?? 'SHA1') as HashAlgorithm;

  if (o.verbose) {
    // oathtool's verbose lines, without the two that show the secret.
    if (otp !== undefined) out(`OTP: ${otp}`);
    out(`Digits: ${digits}`);
    out(`Window size: ${window}`);
  }
  /** Counters to try, in oathtool's order, with the number it prints for each. */
  let candidates: { counter: bigint; position: number }[];
  if (totp !== undefined) {
    const step = BigInt(parseDuration(o['time-step-size'] ?? '30', '-s'));
    const start = BigInt(parseTime(o['start-time'] ?? '@0', '-S'));
    const now = BigInt(parseTime(o.now ?? 'now', '-N'));
    const t = (now - start) / step; // BigInt division truncates toward zero, as C's does
    if (o.verbose) {
      out(`TOTP mode: ${algorithm}`);
      out(`Step size (seconds): ${step}`);
      out(`Start time: ${formatTime(Number(start))} (${start})`);
      out(`Current time: ${formatTime(Number(now))} (${now})`);
      out(`Counter: 0x${wrap(t).toString(16).toUpperCase()} (${t})`);
      out('');
    }
    candidates = otp === undefined
      ? Array.from({ length: window + 1 }, (_, i) => ({ counter: wrap((now + BigInt(i) * step - start) / step), position: i }))
      : Array.from({ length: window + 1 }, (_, i) => [{ counter: wrap(t + BigInt(i)), position: i }, { counter: wrap(t - BigInt(i)), position: i }]).flat();
  } else {
    if (o.verbose) {
      out(`Start counter: 0x${counter.toString(16).toUpperCase()} (${counter})`);
      out('');
    }
    candidates = Array.from({ length: window + 1 }, (_, i) => ({ counter: wrap(counter + BigInt(i)), position: i }));
  }
  const codeOf = (c: bigint) => generateHOTP({ secret, counter: c, algorithm, digits });
  if (otp === undefined) {
    for (const { counter: c } of candidates) out(await codeOf(c));
    return EXIT.ok;
  }
  // oathtool answers with the first position whose code matches.
  for (const { counter: c, position } of candidates) {
    if ((await codeOf(c)) === otp) {
      out(String(position));
      return EXIT.ok;
    }
  }
  throw new CliError(`password not found in the window of ${window}`, EXIT.invalid);
}
