import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';

const { dir } = inject('packed');
const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

/** The README's complete examples: code blocks that start with an import of otpkit. */
const examples = [...readme.matchAll(/```ts\n(import [\s\S]*?)```/g)].map((m) => m[1]!);

/** Runs an example as printed, as an ES module in the project that installed the packed package. */
function run(code: string, name: string) {
  const file = join(dir, `readme-${name}.mjs`);
  writeFileSync(file, code);
  const stdout = execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return stdout;
}

describe('the README’s examples, run as printed against the packed package', () => {
  it('finds the complete examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it('enrols, verifies, and refuses the replay (the first-screen example prints null)', () => {
    const example = examples.find((e) => e.includes('lastUsedStep: user.lastStep'))!;
    expect(run(example, 'first-screen').trim()).toBe('null');
  });

  it('prints a QR code in the terminal', () => {
    const example = examples.find((e) => e.includes('qrTerminal('))!;
    const lines = run(example, 'terminal').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(15);
    expect(lines.every((line) => line.includes('\u001b[30;107m'))).toBe(true);
  });

  it('catches an OTPError with its code and message', () => {
    const example = examples.find((e) => e.includes("error.code === 'ERR_OPTION_RANGE'"))!;
    const file = join(dir, 'readme-errors.mjs');
    writeFileSync(file, example);
    const result = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr.trim()).toBe('digits: expected an integer from 6 to 10, got 11');
  });
});
