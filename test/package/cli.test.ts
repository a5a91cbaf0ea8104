// The subcommands, run as users run them: the packed package's `otpkit` binary in subprocesses.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { hasTool } from '../tools.js';

const { dir } = inject('packed');
const bin = join(dir, 'node_modules/.bin/otpkit');
const work = mkdtempSync(join(tmpdir(), 'otpkit-cli-'));
const RFC_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 4226's "12345678901234567890"

/** Runs `otpkit …`; stdout, stderr and the exit status. */
function otpkit(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(bin, args, { encoding: 'utf8', input: options.input ?? '', env: { ...process.env, OTPKIT_SECRET: '', ...options.env } });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

const zbarAvailable = hasTool('zbarimg');

/** A binary PGM of a module grid (1 = dark), 4 pixels a module, with a quiet zone, for zbarimg. */
function pgm(rows: number[][]): Buffer {
  const scale = 4;
  const quiet = 4;
  const size = rows.length + 2 * quiet;
  const side = size * scale;
  const pixels = Buffer.alloc(side * side, 255);
  rows.forEach((row, y) => row.forEach((dark, x) => {
    if (!dark) return;
    for (let dy = 0; dy < scale; dy++) pixels.fill(0, ((y + quiet) * scale + dy) * side + (x + quiet) * scale, ((y + quiet) * scale + dy) * side + (x + quiet + 1) * scale);
  }));
  return Buffer.concat([Buffer.from(`P5 ${side} ${side} 255\n`), pixels]);
}

function zbar(image: Buffer): string {
  const file = join(work, `qr-${Math.random().toString(36).slice(2)}.pgm`);
  writeFileSync(file, image);
  return execFileSync('zbarimg', ['--raw', '-q', file], { encoding: 'utf8' }).replace(/\n$/, '');
}

/** The modules of a terminal QR code: each character is two modules stacked (▀ top, ▄ bottom, █ both). */
function terminalModules(lines: string[]): number[][] {
  const rows: number[][] = [];
  for (const line of lines) {
    const chars = [...line.replace(/\u001b\[[0-9;]*m/g, '')];
    rows.push(chars.map((c) => Number(c === '█' || c === '▀')), chars.map((c) => Number(c === '█' || c === '▄')));
  }
  return rows;
}

/** The modules of an SVG made by qrSVG: one path of `M x y h n v1 h-n z` runs. */
function svgModules(svg: string): number[][] {
  const extent = Number(/viewBox="0 0 (\d+) /.exec(svg)![1]);
  const rows = Array.from({ length: extent }, () => new Array<number>(extent).fill(0));
  for (const [, x, y, n] of svg.matchAll(/M(\d+) (\d+)h(\d+)/g)) for (let i = 0; i < Number(n); i++) rows[Number(y)]![Number(x) + i] = 1;
  return rows;
}

describe('the otpkit command line, from the packed package', () => {
  it('prints help for the program and for every command, and its version', () => {
    const help = otpkit(['--help']);
    expect(help.status).toBe(0);
    for (const command of ['code', 'verify', 'secret', 'enroll', 'uri', 'qr', 'backup-codes']) {
      expect(help.stdout).toContain(`  ${command} `);
      const own = otpkit([command, '--help']);
      expect(own.status).toBe(0);
      expect(own.stdout).toMatch(new RegExp(`^otpkit ${command}`));
    }
    expect(help.stdout).toContain('OTPKIT_SECRET');
    expect(otpkit([]).stdout).toBe(help.stdout); // as oathtool: no arguments prints the help
    expect(otpkit(['--version']).stdout).toMatch(/^otpkit \d+\.\d+\.\d+\n$/);
  });

  it('code: the TOTP code alone on one line, from base32, a URI, hex, stdin, a file or OTPKIT_SECRET', () => {
    writeFileSync(join(work, 'key'), `${RFC_BASE32}\n`);
    const uri = `otpauth://totp/ACME:jane?secret=${RFC_BASE32}&issuer=ACME&digits=8`;
    expect(otpkit(['code', RFC_BASE32, '--now', '@59'])).toEqual({ stdout: '287082\n', stderr: '', status: 0 });
    expect(otpkit(['code', uri, '--now', '@59']).stdout).toBe('94287082\n');
    expect(otpkit(['code', '--hex', '3132333435363738393031323334353637383930', '--now', '@59']).stdout).toBe('287082\n');
    expect(otpkit(['code', '-', '--now', '@59'], { input: `${RFC_BASE32}\n` }).stdout).toBe('287082\n');
    expect(otpkit(['code', `@${join(work, 'key')}`, '--now', '1970-01-01T00:00:59Z']).stdout).toBe('287082\n');
    expect(otpkit(['code', '--now', '@59'], { env: { OTPKIT_SECRET: RFC_BASE32 } }).stdout).toBe('287082\n');
    expect(otpkit(['code', RFC_BASE32, '--counter', '3']).stdout).toBe('969429\n');
    expect(otpkit(['code', RFC_BASE32, '--algorithm', 'sha256', '--digits', '8', '--now', '@59']).stdout).toBe('32247374\n');
    expect(otpkit(['code', RFC_BASE32]).stdout).toMatch(/^\d{6}\n$/);
  });

  it('verify: exit 0 with the step and delta, exit 2 with the reason, --json as the library’s result', () => {
    expect(otpkit(['verify', RFC_BASE32, '287082', '--now', '@59'])).toEqual({ stdout: 'step=1 delta=0\n', stderr: '', status: 0 });
    expect(otpkit(['verify', RFC_BASE32, '359152', '--now', '@59', '--json']).stdout).toBe('{"valid":true,"step":2,"delta":1}\n');
    const missing = otpkit(['verify', RFC_BASE32, '359152', '--now', '@59', '--window', '1,0']);
    expect(missing).toEqual({ stdout: '', stderr: 'otpkit: not valid: not found in the window\n', status: 2 });
    const used = otpkit(['verify', RFC_BASE32, '287082', '--now', '@59', '--after-step', '1', '--json']);
    expect(used).toEqual({ stdout: '{"valid":false}\n', stderr: 'otpkit: not valid: already used (at or before --after-step)\n', status: 2 });
    expect(otpkit(['verify', '287082', '--now', '@59'], { env: { OTPKIT_SECRET: RFC_BASE32 } }).status).toBe(0);
    expect(otpkit(['verify', RFC_BASE32, '969429', '--counter', '1', '--window', '0,5', '--json']).stdout).toBe('{"valid":true,"counter":3,"delta":2}\n');
    expect(otpkit(['verify', RFC_BASE32, '12a456']).status).toBe(2);
  });

  it('secret, uri parse and build, backup-codes: values and JSON of the library’s shapes', () => {
    expect(otpkit(['secret']).stdout).toMatch(/^[A-Z2-7]{32}\n$/);
    expect(otpkit(['secret', '--bytes', '32', '--json']).stdout).toMatch(/^\{"secret":"[A-Z2-7]{52}"\}\n$/);
    const built = otpkit(['uri', 'build', '--secret', '-', '--account', 'jane@example.com', '--issuer', 'ACME Co'], { input: RFC_BASE32 });
    expect(built.stdout).toBe(`otpauth://totp/ACME%20Co:jane%40example.com?secret=${RFC_BASE32}&issuer=ACME%20Co\n`);
    expect(JSON.parse(otpkit(['uri', 'parse', built.stdout.trim(), '--json']).stdout)).toEqual({ type: 'totp', secret: RFC_BASE32, account: 'jane@example.com', issuer: 'ACME Co', algorithm: 'SHA1', digits: 6, period: 30 });
    expect(otpkit(['uri', 'parse', built.stdout.trim()]).stdout).toContain('account: jane@example.com\n');
    const codes = JSON.parse(otpkit(['backup-codes', '--count', '3', '--json']).stdout) as { codes: string[]; hashes: string[] };
    expect(codes.codes).toHaveLength(3);
    expect(codes.hashes[0]).toMatch(/^\$pbkdf2-sha256\$i=20000\$/);
    const plain = otpkit(['backup-codes']).stdout.trimEnd().split('\n');
    expect(plain).toHaveLength(21);
    expect(plain[10]).toBe('');
  });

  it('refuses bad input with one line on stderr naming the problem, exit 1, and no stack or secret', () => {
    const secretish = 'ZZZ1ZZZZZZZZZZZZ';
    const cases: [string[], RegExp][] = [
      [['code', secretish], /^otpkit: ERR_BASE32_INVALID: secret: invalid base32 character at position 3\n$/],
      [['code', 'otpauth://totp/x?issuer=y'], /^otpkit: ERR_URI_INVALID: secret: missing\n$/],
      [['code', RFC_BASE32, '--frobnicate'], /^otpkit: Unknown option '--frobnicate'\.\n$/],
      [['verify', RFC_BASE32], /^otpkit: KEY: missing/],
      [['code'], /^otpkit: KEY: missing/],
      [['code', '@/nonexistent/key'], /^otpkit: cannot read '\/nonexistent\/key': ENOENT\n$/],
      [['uri', 'parse'], /^otpkit: URI: missing\n$/],
      [['uri', 'frob'], /^otpkit: uri: expected 'parse' or 'build'\n$/],
      [['secret', '--bytes', '8'], /^otpkit: ERR_OPTION_RANGE: bytes: expected an integer from 16 to 1024, got 8\n$/],
      [['enroll', '--issuer', 'ACME'], /^otpkit: --issuer and --account are required\n$/],
      [['qr', 'x'.repeat(8000)], /^otpkit: ERR_QR_TOO_LONG: /],
      [['code', RFC_BASE32, '--now', 'yesterday'], /^otpkit: --now: cannot read the time 'yesterday'/],
      [['code', RFC_BASE32, 'extra'], /^otpkit: too many arguments \(at most 1\)\n$/],
    ];
    for (const [args, stderr] of cases) {
      const result = otpkit(args);
      expect({ args, status: result.status, stdout: result.stdout }).toEqual({ args, status: 1, stdout: '' });
      expect(result.stderr).toMatch(stderr);
      expect(result.stderr.split('\n')).toHaveLength(2);
      expect(result.stderr).not.toContain('    at ');
      if (args[1] !== secretish) expect(result.stderr).not.toContain(RFC_BASE32);
    }
  });

  it.runIf(zbarAvailable)('enroll draws a terminal QR code that zbarimg decodes to the printed URI', () => {
    const result = otpkit(['enroll', '--issuer', 'Müller & Söhne', '--account', 'jürgen@example.de']);
    expect(result.status).toBe(0);
    const [keyLine, uriLine, ...qrLines] = result.stdout.trimEnd().split('\n');
    const uri = uriLine!.replace(/^URI: /, '');
    expect(keyLine!.replace(/^Setup key: /, '').replaceAll(' ', '')).toBe(/secret=([A-Z2-7]+)/.exec(uri)![1]);
    expect(zbar(pgm(terminalModules(qrLines)))).toBe(uri);
  });

  it.runIf(zbarAvailable)('qr --svg and enroll --svg write SVG files that zbarimg decodes to the text', () => {
    const file = join(work, 'qr.svg');
    expect(otpkit(['qr', '-', '--svg', file, '--ecc', 'q'], { input: 'otpauth://totp/ACME:jane?secret=JBSWY3DPEHPK3PXP&issuer=ACME\n' }).status).toBe(0);
    expect(zbar(pgm(svgModules(readFileSync(file, 'utf8'))))).toBe('otpauth://totp/ACME:jane?secret=JBSWY3DPEHPK3PXP&issuer=ACME');
    const enrolled = JSON.parse(otpkit(['enroll', '--issuer', 'ACME', '--account', 'deploy-bot', '--svg', file, '--json']).stdout) as { uri: string };
    expect(zbar(pgm(svgModules(readFileSync(file, 'utf8'))))).toBe(enrolled.uri);
    expect(otpkit(['qr', 'hello']).stdout.split('\n').length).toBeGreaterThan(10);
  });

  it('runs from the tarball installed into a fresh project, as npx otpkit', () => {
    const result = spawnSync('npx', ['--no-install', 'otpkit', '--help'], { cwd: dir, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: otpkit COMMAND');
  });
});
