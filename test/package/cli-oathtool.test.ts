// oathtool mode, differentially: the same arguments to Debian's oathtool (OATH Toolkit, C) and
// to the packed package's `otpkit` binary must give the same stdout and exit status.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { hasTool } from '../tools.js';

const { dir } = inject('packed');
const bin = join(dir, 'node_modules/.bin/otpkit');
const run = promisify(execFile);

const oathtoolAvailable = hasTool('oathtool');

/** Runs a command; its stdout and exit status, whatever the status. */
async function outcome(command: string, args: string[]): Promise<{ stdout: string; status: number }> {
  try {
    const { stdout } = await run(command, args, { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    return { stdout, status: 0 };
  } catch (error) {
    const e = error as { stdout: string; code: number };
    return { stdout: e.stdout, status: e.code };
  }
}

/** A small seeded generator (mulberry32), so every run tries the same invocations. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  return { next, int, pick };
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** One random invocation of what both support: HOTP and TOTP, hashes, digits, steps, start times, windows, hits and misses. */
async function invocation(r: ReturnType<typeof random>): Promise<{ args: string[]; kind: string }> {
  const keyBytes = Array.from({ length: r.pick([10, 16, 20, 32, 64]) }, () => r.int(0, 255));
  const base32 = r.next() < 0.4;
  const key = base32
    ? (() => {
        const bits = keyBytes.map((b) => b.toString(2).padStart(8, '0')).join('');
        let text = '';
        for (let i = 0; i < bits.length; i += 5) text += BASE32[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
        return r.next() < 0.3 ? text.toLowerCase() : text;
      })()
    : keyBytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  const args: string[] = base32 ? ['-b'] : [];
  const totp = r.next() < 0.6;
  const digits = r.pick([6, 7, 8]);
  const window = r.pick([0, 0, 1, 2, 3, 5]);
  if (r.next() < 0.5) args.push('-d', String(digits));
  if (window > 0 || r.next() < 0.2) args.push('-w', String(window));
  if (r.next() < 0.15) args.push('-v');
  let kind: string;
  if (totp) {
    const mode = r.pick(['', '=SHA1', '=SHA256', '=SHA512', '=sha256']);
    args.push(`--totp${mode}`);
    const step = r.pick([30, 30, 60, 1, 3600]);
    if (step !== 30 || r.next() < 0.2) args.push('-s', r.pick([`${step}`, `${step}s`, step % 60 === 0 ? `${step / 60}m` : `${step}`]));
    const start = r.next() < 0.3 ? r.int(0, 2_000_000_000) : 0;
    if (start) args.push('-S', `@${start}`);
    const now = r.int(0, 4_000_000_000);
    args.push('-N', r.next() < 0.8 ? `@${now}` : new Date(now * 1000).toISOString().replace('.000', ''));
    kind = `totp${start > now ? ' before -S' : ''}`;
  } else {
    const counter = r.pick([0, r.int(0, 1000), r.int(0, 2 ** 32), 2 ** 53 + r.int(0, 1000)]);
    args.push('-c', String(counter));
    kind = 'hotp';
  }
  args.push(key);
  const validate = r.next() < 0.5;
  if (validate) {
    // A hit: a code from inside the window as oathtool itself generates it; or a miss.
    const generateArgs = args.filter((a, i) => a !== '-v' && args[i - 1] !== '-w' && a !== '-w');
    if (r.next() < 0.7) {
      const codes = (await outcome('oathtool', ['-w', String(window + 1), ...generateArgs])).stdout.trim().split('\n');
      args.push(r.pick(codes));
      kind += ' validate';
    } else {
      args.push('0'.repeat(args.includes('-d') ? digits : 6).replace(/0$/, String(r.int(0, 9))));
      kind += ' validate (likely miss)';
    }
  } else kind += ' generate';
  return { args, kind };
}

/** The verbose lines otpkit leaves out on purpose: the two that show the secret (cli.md). */
const withoutSecretLines = (stdout: string) => stdout.split('\n').filter((l) => !/^(Hex|Base32) secret: /.test(l)).join('\n');

describe.runIf(oathtoolAvailable)('otpkit in oathtool mode against oathtool', () => {
  it('gives the same stdout and exit status on 600 random invocations', { timeout: 300_000 }, async () => {
    const r = random(6238);
    const cases = [];
    for (let i = 0; i < 600; i++) cases.push(await invocation(r));
    const results: { kind: string; same: boolean; args: string[]; theirs: unknown; ours: unknown }[] = [];
    // Two at a time: one per core.
    for (let i = 0; i < cases.length; i += 4) {
      await Promise.all(
        cases.slice(i, i + 4).map(async ({ args, kind }) => {
          const theirs = await outcome('oathtool', args);
          const ours = await outcome(bin, args);
          theirs.stdout = withoutSecretLines(theirs.stdout);
          results.push({ kind, args, theirs, ours, same: theirs.stdout === ours.stdout && theirs.status === ours.status });
        }),
      );
    }
    const byKind = new Map<string, { total: number; same: number; statuses: Set<number> }>();
    for (const { kind, same, theirs } of results) {
      const entry = byKind.get(kind) ?? { total: 0, same: 0, statuses: new Set() };
      entry.total++;
      entry.same += Number(same);
      entry.statuses.add((theirs as { status: number }).status);
      byKind.set(kind, entry);
    }
    console.log([...byKind].map(([kind, e]) => `${kind}: ${e.same}/${e.total} the same (oathtool exit ${[...e.statuses].sort().join('/')})`).join('\n'));
    expect(results.filter((x) => !x.same).slice(0, 5)).toEqual([]);
    // The run covered hits and misses, both modes and both key encodings.
    expect(results.filter((x) => (x.theirs as { status: number }).status === 2).length).toBeGreaterThan(30);
    expect(results.filter((x) => x.kind.includes('validate') && (x.theirs as { status: number }).status === 0).length).toBeGreaterThan(100);
    expect(results.filter((x) => x.args.includes('-b')).length).toBeGreaterThan(150);
  });

  it('refuses with exit 1, never another code, what oathtool accepts and otpkit does not', async () => {
    const key = '3132333435363738393031323334353637383930';
    const refused = [
      ['--totp=MD5', '-N', '@59', key], // oathtool silently uses SHA1
      ['--totp', '-N', 'tomorrow', key], // a phrase of gnulib's parse_datetime
      ['-b', ''], // an empty key
      ['-c', '18446744073709551616', key], // oathtool saturates to 2^64 - 1
      ['-s', 'PT30S', '--totp', key],
      ['--totp', '-N', '2009-02-13 23:31:30', key], // no zone: oathtool would use the machine's
    ];
    for (const args of refused) {
      const ours = await outcome(bin, args);
      expect({ args, status: ours.status, stdout: ours.stdout }).toEqual({ args, status: 1, stdout: '' });
    }
  });

  it('agrees on oathtool’s own errors: bad digits, hex, base32 padding, too many arguments', async () => {
    const key = '3132333435363738393031323334353637383930';
    const cases = [['-d', '9', key], ['-d', '5', key], ['313', '123456'], ['-b', 'GEZDGNBVGY3TQOJQ===='], ['-b', 'GEZD-GNBV'], [key, '287082', 'x'], ['-d', '8', '-c', '1', key, '287082'], [key, '12345'], ['-x', key]];
    for (const args of cases) {
      const [theirs, ours] = [await outcome('oathtool', args), await outcome(bin, args)];
      expect({ args, ...ours }).toEqual({ args, ...theirs });
    }
  });
});
