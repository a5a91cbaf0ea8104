/** `otpkit uri parse URI` and `otpkit uri build …`: the otpauth URI functions. */
import { buildOTPAuthURI, parseOTPAuthURI, type BuildOTPAuthURIOptions, type HashAlgorithm } from '../../index.js';
import { CliError, EXIT } from '../io.js';
import { json, parse, type Command } from './command.js';

const BUILD = {
  secret: { type: 'string' },
  account: { type: 'string' },
  issuer: { type: 'string' },
  type: { type: 'string' },
  algorithm: { type: 'string' },
  digits: { type: 'string' },
  period: { type: 'string' },
  counter: { type: 'string' },
  image: { type: 'string' },
} as const;

export const uri: Command = {
  name: 'uri',
  summary: 'parse or build otpauth:// URIs',
  usage: `otpkit uri parse URI [--json]
otpkit uri build --secret KEY --account ACCOUNT [--issuer I] [--type totp|hotp] [--algorithm A]
                 [--digits N] [--period S] [--counter N] [--image URL]

parse prints one "field: value" a line (with --json, the parsed object); URI may be - or @FILE.
build prints the URI; --secret may be - or @FILE too, and defaults to OTPKIT_SECRET.`,
  async run(args, { out, read }) {
    const [action, ...rest] = args;
    if (action === 'parse') {
      const { values, positionals } = parse(rest, {}, 1);
      if (positionals.length === 0) throw new CliError('URI: missing');
      const parsed = parseOTPAuthURI(read(positionals[0]!).trim());
      out(values.json ? json(parsed) : Object.entries(parsed).map(([k, v]) => `${k}: ${v}`).join('\n'));
      return EXIT.ok;
    }
    if (action === 'build') {
      const { values } = parse(rest, BUILD, 0);
      const secret = values.secret === undefined ? process.env.OTPKIT_SECRET : read(values.secret as string);
      if (secret === undefined) throw new CliError('--secret: missing (or set OTPKIT_SECRET)');
      const number = (name: string) => (values[name] === undefined ? undefined : Number(values[name]));
      const counter = values.counter as string | undefined;
      const options: BuildOTPAuthURIOptions = {
        secret,
        account: values.account as string,
        issuer: values.issuer as string | undefined,
        type: values.type as 'totp' | 'hotp' | undefined,
        algorithm: (values.algorithm as string | undefined)?.toUpperCase() as HashAlgorithm | undefined,
        digits: number('digits'),
        period: number('period'),
        counter: counter === undefined ? undefined : /^\d+$/.test(counter) ? BigInt(counter) : Number(counter),
        image: values.image as string | undefined,
      };
      out(buildOTPAuthURI(options));
      return EXIT.ok;
    }
    throw new CliError("uri: expected 'parse' or 'build'");
  },
};
