/** `otpkit verify KEY|URI OTP`: exit 0 with the step and delta when valid, 2 when not. */
import { verifyHOTP, verifyTOTP } from '../../index.js';
import { CliError, EXIT } from '../io.js';
import { json, parse, type Command } from './command.js';
import { KEY_HELP, OTP_OPTIONS, otpOptions } from './code.js';

function windowOption(text: string | undefined): { past: number; future: number } {
  if (text === undefined) return { past: 1, future: 1 };
  const match = /^(\d{1,2})(?:,(\d{1,2}))?$/.exec(text);
  if (!match) throw new CliError('--window: expected N or PAST,FUTURE (steps), such as 1 or 1,0');
  return { past: Number(match[1]), future: Number(match[2] ?? match[1]) };
}

export const verify: Command = {
  name: 'verify',
  summary: 'check a code: exit 0 with its step and delta, exit 2 when not valid',
  usage: `otpkit verify [KEY|URI] OTP [options]

Exit 0 and "step=S delta=D" when OTP is valid (HOTP: "counter=C delta=D"); exit 2 when not,
with the reason on stderr (not found, or already used).

  --window N|PAST,FUTURE   steps accepted around now (default 1, one either side);
                           HOTP: counters after --counter to try (FUTURE)
  --after-step N           steps up to N are used already (the stored lastUsedStep)
  --json                   print { valid, step, delta } (HOTP: { valid, counter, delta })

${KEY_HELP}`,
  async run(args, { out, read }) {
    const { values, positionals } = parse(args, { ...OTP_OPTIONS, window: { type: 'string' }, 'after-step': { type: 'string' } }, 2);
    if (positionals.length === 0) throw new CliError('OTP: missing');
    const token = read(positionals.at(-1)!);
    const o = otpOptions(values, positionals.length === 2 ? positionals[0] : undefined, read);
    const window = windowOption(values.window as string | undefined);
    const afterText = values['after-step'] as string | undefined;
    if (afterText !== undefined && !/^-?\d{1,16}$/.test(afterText)) throw new CliError('--after-step: expected a step number');
    const lastUsedStep = afterText === undefined ? null : Number(afterText);
    const { secret, algorithm, digits } = o;
    let result: { valid: boolean } & Record<string, unknown>;
    let used = false;
    if (o.counter !== undefined) {
      result = await verifyHOTP({ secret, algorithm, digits, token, counter: o.counter as number | bigint, lookAhead: window.future });
    } else {
      const options = { secret, algorithm, digits, token, period: o.period, now: o.now, window };
      result = await verifyTOTP({ ...options, lastUsedStep });
      // A code of a used step: say so, it means someone has seen it.
      used = !result.valid && lastUsedStep !== null && (await verifyTOTP(options)).valid;
    }
    if (values.json) out(json(result));
    else if (result.valid) out(Object.entries(result).filter(([k]) => k !== 'valid').map(([k, v]) => `${k}=${v}`).join(' '));
    if (!result.valid) throw new CliError(used ? 'not valid: already used (at or before --after-step)' : 'not valid: not found in the window', EXIT.invalid);
    return EXIT.ok;
  },
};
