/**
 * The KEY argument of the subcommands: an `otpauth://` URI, base32 (the default), or hex with
 * `--hex`, given as text, `-` (standard input), `@FILE`, or left out for `OTPKIT_SECRET`.
 */
import { parseOTPAuthURI, type HashAlgorithm, type ParsedOTPAuthURI } from '../index.js';
import { CliError } from './io.js';

/** What a code is made from: the key and its parameters, from the URI or the options. */
export interface KeySpec {
  secret: Uint8Array | string;
  algorithm?: HashAlgorithm;
  digits?: number;
  period?: number;
  counter?: number | bigint;
  type: 'totp' | 'hotp';
}

export function hexKey(text: string): Uint8Array {
  const compact = text.replace(/\s/g, '');
  if (!/^([0-9a-fA-F]{2})+$/.test(compact)) throw new CliError('KEY: expected hex (an even number of 0-9 a-f)');
  return Uint8Array.from(compact.match(/../g)!, (byte) => parseInt(byte, 16));
}

/** Reads KEY (or OTPKIT_SECRET when it is missing) and detects its form. */
export function readKey(given: string | undefined, hex: boolean, read: (given: string) => string): KeySpec {
  const text = given === undefined ? process.env.OTPKIT_SECRET : read(given);
  if (text === undefined || text.trim() === '') throw new CliError('KEY: missing (give it as an argument, - for standard input, @FILE, or OTPKIT_SECRET)');
  if (/^otpauth:/i.test(text.trim())) {
    const parsed: ParsedOTPAuthURI = parseOTPAuthURI(text.trim());
    return parsed.type === 'totp'
      ? { type: 'totp', secret: parsed.secret, algorithm: parsed.algorithm, digits: parsed.digits, period: parsed.period }
      : { type: 'hotp', secret: parsed.secret, algorithm: parsed.algorithm, digits: parsed.digits, counter: parsed.counter };
  }
  return { type: 'totp', secret: hex ? hexKey(text) : text };
}
