/** The shape of a subcommand, and option parsing with uniform usage errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from '../io.js';

export interface CommandIO {
  out: (line: string) => void;
  read: (given: string) => string;
}

export interface Command {
  name: string;
  /** One line for the list of commands. */
  summary: string;
  /** The text of `otpkit NAME --help`. */
  usage: string;
  run(args: string[], io: CommandIO): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's arguments: unknown options and extra positionals are usage errors (exit 1). */
export function parse<O extends Options>(args: string[], options: O, maxPositionals: number) {
  const parsed = parseArgs({ args, options: { ...options, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  // Not echoed: a stray argument may be a secret or a code.
  if (parsed.positionals.length > maxPositionals) throw new CliError(`too many arguments (at most ${maxPositionals})`);
  return parsed as unknown as { values: Record<string, string | boolean | undefined>; positionals: string[] };
}

/** Prints data as JSON (bigints as strings) or as lines. */
export function json(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
