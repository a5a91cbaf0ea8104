/** `otpkit enroll`: a new secret, its otpauth URI, and the QR code to scan, in the terminal or as SVG. */
import { writeFileSync } from 'node:fs';
import { buildOTPAuthURI, formatSecretForDisplay, generateSecret, type HashAlgorithm } from '../../index.js';
import { qrSVG, qrTerminal } from '../../qr/index.js';
import { CliError, EXIT } from '../io.js';
import { json, parse, type Command } from './command.js';

export const enroll: Command = {
  name: 'enroll',
  summary: 'enrol an account: a new secret, its URI and the QR code to scan',
  usage: `otpkit enroll --issuer ISSUER --account ACCOUNT [options]

Prints the setup key (for typing), the otpauth:// URI, and the QR code drawn in the terminal.
Keep the secret (from the URI or --json) where the verifying side can read it.

  --svg FILE          write the QR code as SVG instead of drawing it
  --algorithm, --digits, --period   as in the URI (defaults SHA1, 6, 30)
  --json              print { secret, uri } (and no QR code unless --svg)`,
  async run(args, { out }) {
    const { values } = parse(args, { issuer: { type: 'string' }, account: { type: 'string' }, svg: { type: 'string' }, algorithm: { type: 'string' }, digits: { type: 'string' }, period: { type: 'string' } }, 0);
    if (values.issuer === undefined || values.account === undefined) throw new CliError('--issuer and --account are required');
    const secret = generateSecret();
    const uri = buildOTPAuthURI({
      secret,
      issuer: values.issuer as string,
      account: values.account as string,
      algorithm: (values.algorithm as string | undefined)?.toUpperCase() as HashAlgorithm | undefined,
      digits: values.digits === undefined ? undefined : Number(values.digits),
      period: values.period === undefined ? undefined : Number(values.period),
    });
    if (values.svg !== undefined) writeFileSync(values.svg as string, qrSVG(uri, { title: 'QR code' }));
    if (values.json) out(json({ secret, uri }));
    else {
      out(`Setup key: ${formatSecretForDisplay(secret)}`);
      out(`URI: ${uri}`);
      if (values.svg === undefined) out(qrTerminal(uri));
      else out(`QR code: written to ${values.svg}`);
    }
    return EXIT.ok;
  },
};
