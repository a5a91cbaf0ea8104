/** `otpkit secret`: a new secret, unpadded upper-case base32 as generateSecret returns it. */
import { generateSecret } from '../../index.js';
import { EXIT } from '../io.js';
import { json, parse, type Command } from './command.js';

export const secret: Command = {
  name: 'secret',
  summary: 'a new random secret (base32)',
  usage: `otpkit secret [--bytes N] [--json]

  --bytes N   16 to 1024 (default 20, 160 bits)
  --json      print { secret }`,
  async run(args, { out }) {
    const { values } = parse(args, { bytes: { type: 'string' } }, 0);
    const made = generateSecret(values.bytes === undefined ? undefined : { bytes: Number(values.bytes) });
    out(values.json ? json({ secret: made }) : made);
    return EXIT.ok;
  },
};
