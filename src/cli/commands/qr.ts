/** `otpkit qr TEXT`: a QR code of any text, in the terminal or as SVG. */
import { writeFileSync } from 'node:fs';
import { qrSVG, qrTerminal, type QRErrorCorrection } from '../../qr/index.js';
import { CliError, EXIT } from '../io.js';
import { parse, type Command } from './command.js';

export const qr: Command = {
  name: 'qr',
  summary: 'draw a QR code of TEXT in the terminal, or write it as SVG',
  usage: `otpkit qr TEXT [--svg FILE] [--ecc L|M|Q|H]

TEXT may be - (standard input) or @FILE, so an otpauth:// URI need not be on the command line.

  --svg FILE   write an SVG file instead of drawing in the terminal
  --ecc LEVEL  error correction: L, M (default), Q or H`,
  async run(args, { out, read }) {
    const { values, positionals } = parse(args, { svg: { type: 'string' }, ecc: { type: 'string' } }, 1);
    if (positionals.length === 0) throw new CliError('TEXT: missing');
    const text = read(positionals[0]!);
    const ecc = (values.ecc as string | undefined)?.toUpperCase() as QRErrorCorrection | undefined;
    if (values.svg === undefined) out(qrTerminal(text, { ecc }));
    else writeFileSync(values.svg as string, qrSVG(text, { ecc, title: 'QR code' }));
    return EXIT.ok;
  },
};
