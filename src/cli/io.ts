/**
 * What every command shares: reading a secret without it being on the command line, the exit
 * statuses of cli.md (0 success, 1 usage or input error, 2 code not valid), and one-line errors.
 */
import { readFileSync } from 'node:fs';
import { OTPError } from '../index.js';

/** Exit statuses, as oathtool's. */
export const EXIT = { ok: 0, usage: 1, invalid: 2 } as const;

/** An error that ends the command with a status and one line on stderr; never a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly status: number = EXIT.usage,
  ) {
    super(message);
  }
}

/** `-`: a line of standard input; `@FILE`: a line of the file (successive lines for repeated use); else the text itself. */
export function inputReader(): (given: string) => string {
  const lines = new Map<string, string[]>();
  return (given) => {
    if (given !== '-' && !given.startsWith('@')) return given;
    const source = given === '-' ? '/dev/stdin' : given.slice(1);
    let pending = lines.get(source);
    if (!pending) {
      try {
        pending = readFileSync(given === '-' ? 0 : source, 'utf8').split('\n');
      } catch (error) {
        // Names the file the user gave, never its content.
        throw new CliError(`cannot read ${given === '-' ? 'standard input' : `'${source}'`}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      }
      lines.set(source, pending);
    }
    const line = pending.shift();
    if (line === undefined) throw new CliError(`nothing left to read in ${given === '-' ? 'standard input' : `'${source}'`}`);
    return line.replace(/\r$/, '');
  };
}

/** The one line a failure prints: the OTPError's code, the message, no secret (the library's messages never hold one). */
export function errorLine(error: unknown): { line: string; status: number } {
  if (error instanceof CliError) return { line: error.message, status: error.status };
  if (error instanceof OTPError) return { line: `${error.code}: ${error.message}`, status: EXIT.usage };
  const code = (error as { code?: string })?.code;
  // node:util parseArgs: an unknown option, a missing value.
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return { line: /^[^.]*\.?/.exec((error as Error).message)![0], status: EXIT.usage };
  return { line: `unexpected error: ${(error as Error)?.name ?? 'unknown'}`, status: EXIT.usage };
}
