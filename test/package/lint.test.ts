import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';

const { dir, tarball } = inject('packed');
const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const installed = join(dir, 'node_modules/otpkit');

describe('the package as published', () => {
  it('passes publint in strict mode', () => {
    const out = execFileSync(bin('publint'), ['run', installed, '--strict'], { encoding: 'utf8' });
    expect(out).toContain('All good');
  });

  it('passes @arethetypeswrong/cli for node10, node16 from CJS and ESM, and bundler resolution', () => {
    // attw exits non-zero on any problem; the table must show every resolution green.
    const out = execFileSync(bin('attw'), [tarball, '--format', 'table-flipped'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(out).toContain('No problems found');
    for (const mode of ['node10', 'node16 (from CJS)', 'node16 (from ESM)', 'bundler']) expect(out).toContain(mode);
  });

  it('has no runtime dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
    expect(manifest.optionalDependencies ?? {}).toEqual({});
  });

  for (const file of ['index.js', 'index.cjs']) {
    it(`ships a web build with no node: import, Buffer or process (dist/web/${file})`, () => {
      const code = readFileSync(join(installed, 'dist/web', file), 'utf8');
      expect(code).not.toMatch(/\bnode:/);
      expect(code).not.toMatch(/\bBuffer\b/);
      expect(code).not.toMatch(/\bprocess\b/);
      expect(code).toMatch(/crypto\.subtle/);
    });
  }
});
