import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { describe, expect, inject, it } from 'vitest';

const { dir } = inject('packed');
const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** Every `ts` block of the README. */
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
/** The complete examples: blocks that start with an import of otpkit. */
const examples = blocks.filter((b) => b.startsWith('import '));

/** Runs an example as printed (its types stripped by esbuild), as an ES module in the project that installed the packed package. */
function run(code: string, name: string) {
  const file = join(dir, `readme-${name}.mjs`);
  writeFileSync(file, transformSync(code, { loader: 'ts', format: 'esm' }).code);
  return execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * What a fragment (a block without imports) may take as given: every export in scope, and the
 * variables the prose around it names, declared with their types unless the block declares them.
 */
const GIVEN: Record<string, string> = {
  secret: 'string',
  token: 'string',
  uri: 'string',
  stored: '{ counter: number }',
  user: '{ id: string; lastStep: number | null; backupHashes: string[] }',
  db: '{ replaceBackupHashes(id: string, change: { expected: string[]; next: string[] }): Promise<void> }',
};
function prelude(block: string): string {
  const declared = (name: string) => new RegExp(`\\b(const|let)\\s+(\\{[^}]*\\b${name}\\b[^}]*\\}|${name}\\b)`).test(block);
  return [
    "import { OTPError, buildOTPAuthURI, decodeBase32, encodeBase32, formatSecretForDisplay, generateBackupCodes, generateHOTP, generateSecret, generateTOTP, parseOTPAuthURI, resyncHOTP, timeStep, verifyBackupCode, verifyHOTP, verifyTOTP } from 'otpkit';",
    "import { qrMatrix, qrSVG, qrTerminal } from 'otpkit/qr';",
    ...Object.entries(GIVEN).filter(([name]) => !declared(name)).map(([name, type]) => `declare const ${name}: ${type};`),
    '',
  ].join('\n');
}

describe('the README’s examples, against the packed package', () => {
  it('finds the complete examples and the fragments', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
    expect(blocks.length).toBeGreaterThan(examples.length);
  });

  it('type-checks every ts block under strict, as a user’s TypeScript project would', { timeout: 120_000 }, () => {
    const out = join(dir, 'readme-ts');
    mkdirSync(out, { recursive: true });
    const files = blocks.map((block, i) => {
      const file = `block-${String(i).padStart(2, '0')}.ts`;
      writeFileSync(join(out, file), block.startsWith('import ') ? block : `${prelude(block)}${block}\nexport {};\n`);
      return file;
    });
    const compilerOptions = {
      strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext',
      lib: ['ES2022', 'DOM'], types: [], skipLibCheck: false, noUnusedLocals: false,
    };
    writeFileSync(join(out, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(join(out, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }));
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', out], { encoding: 'utf8' });
    // Each error names the block file; the block's number is its order in the README.
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('enrols, confirms, and refuses the confirming code at log-in (the first-screen example prints false)', () => {
    const example = examples.find((e) => e.includes('lastUsedStep: user.lastUsedStep'))!;
    const lines = run(example, 'first-screen').trim().split('\n');
    expect(lines[0]).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4} true$/);
    expect(lines[1]).toBe('false');
  });

  it('runs the otpkit/flow server-side example: enrol, confirm, replay refused, backup code, disable', () => {
    const example = examples.find((e) => e.includes("from 'otpkit/flow'") && e.includes('compareAndSwap'))!;
    expect(run(example, 'flow').trim().split('\n')).toEqual(['ok 10', 'replay', 'ok 9', 'ok 5']);
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
    writeFileSync(file, transformSync(example, { loader: 'ts', format: 'esm' }).code);
    const result = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr.trim()).toBe('digits: expected an integer from 6 to 10, got 11');
  });
});
