/** `otpkit backup-codes`: codes to show the user once, and the hashes to store. */
import { generateBackupCodes } from '../../index.js';
import { EXIT } from '../io.js';
import { json, parse, type Command } from './command.js';

export const backupCodes: Command = {
  name: 'backup-codes',
  summary: 'backup codes to show, and their hashes to store',
  usage: `otpkit backup-codes [--count N] [--json]

Prints the codes, one a line, then an empty line, then the hashes to store, one a line.

  --count N   1 to 100 (default 10)
  --json      print { codes, hashes }`,
  async run(args, { out }) {
    const { values } = parse(args, { count: { type: 'string' } }, 0);
    const made = await generateBackupCodes(values.count === undefined ? undefined : { count: Number(values.count) });
    if (values.json) out(json(made));
    else out([...made.codes, '', ...made.hashes].join('\n'));
    return EXIT.ok;
  },
};
