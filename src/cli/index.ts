/**
 * The `otpkit` command line (cli.md), on the node build: subcommands for codes, URIs, QR codes
 * and backup codes, and, for anything else, oathtool mode. Only the first argument selects a
 * subcommand. Exit status: 0 success, 1 usage or input error, 2 code not valid.
 */
import { backupCodes } from './commands/backup-codes.js';
import { code } from './commands/code.js';
import type { Command } from './commands/command.js';
import { enroll } from './commands/enroll.js';
import { qr } from './commands/qr.js';
import { secret } from './commands/secret.js';
import { uri } from './commands/uri.js';
import { verify } from './commands/verify.js';
import { errorLine, EXIT, inputReader } from './io.js';
import { oathtool } from './oathtool.js';

declare const OTPKIT_VERSION: string; // set by the build (tsup's define)

const COMMANDS: readonly Command[] = [code, verify, secret, enroll, uri, qr, backupCodes];

const HELP = `otpkit: HOTP and TOTP codes (RFC 4226, RFC 6238), otpauth URIs, QR codes and backup codes.

Usage: otpkit COMMAND [options]     (otpkit COMMAND --help for each)
       otpkit [oathtool options] KEY [OTP]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(13)} ${c.summary}`).join('\n')}

oathtool mode, for scripts written against OATH Toolkit's oathtool (same output and exit status):
  otpkit [--hotp | --totp[=SHA1|SHA256|SHA512]] [-b|--base32] [-c N] [-s DURATION] [-S TIME]
         [-N TIME] [-d DIGITS] [-w N] [-v] KEY [OTP]
  KEY is hex unless -b; KEY and OTP may be - (standard input) or @FILE.

Keep secrets off the command line, where other users can read them (ps) and shells keep them
(history): pass - or @FILE, or set OTPKIT_SECRET for the subcommands.

Exit status: 0 success, 1 usage or input error, 2 code not valid.`;

export async function main(args: string[]): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const [first, ...rest] = args;
    if (first === undefined || first === '--help' || first === '-h') {
      out(HELP);
      return EXIT.ok;
    }
    if (first === '--version' || first === '-V') {
      out(`otpkit ${OTPKIT_VERSION}`);
      return EXIT.ok;
    }
    const command = COMMANDS.find((c) => c.name === first);
    if (!command) return await oathtool(args, out);
    if (rest.includes('--help') || rest.includes('-h')) {
      out(command.usage);
      return EXIT.ok;
    }
    return await command.run(rest, { out, read: inputReader() });
  } catch (error) {
    const { line, status } = errorLine(error);
    process.stderr.write(`otpkit: ${line}\n`);
    return status;
  }
}

process.exitCode = await main(process.argv.slice(2));
