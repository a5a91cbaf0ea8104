import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Runs an entry point in a fresh Node process and returns the JSON line it prints. */
function runEntry(entry: string, conditions: string[]) {
  const args = [...conditions.flatMap((c) => ['--conditions', c]), entry];
  const out = execFileSync(process.execPath, args, { cwd: here, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as { resolved: string; passed: number; failed: number; failures: string[] };
}

const cases = [
  { title: 'Node ESM import', entry: 'node-esm.mjs', conditions: [], build: 'dist/node/index.js' },
  { title: 'Node CommonJS require', entry: 'node-cjs.cjs', conditions: [], build: 'dist/node/index.cjs' },
  { title: 'Node ESM import with the browser condition', entry: 'node-esm.mjs', conditions: ['browser'], build: 'dist/web/index.js' },
  { title: 'Node CommonJS require with the browser condition', entry: 'node-cjs.cjs', conditions: ['browser'], build: 'dist/web/index.cjs' },
  { title: 'Node ESM import with the worker condition', entry: 'node-esm.mjs', conditions: ['worker'], build: 'dist/web/index.js' },
];

describe('the built package, imported by name', () => {
  for (const { title, entry, conditions, build } of cases) {
    it(`passes every vector and check through ${title}, resolving ${build}`, () => {
      const result = runEntry(entry, conditions);
      expect(result.resolved.replaceAll('\\', '/')).toMatch(new RegExp(`${build.replace('.', '\\.')}$`));
      expect(result.failures).toEqual([]);
      expect(result.failed).toBe(0);
      expect(result.passed).toBeGreaterThan(200);
    });
  }
});

describe('the web build', () => {
  for (const file of ['index.js', 'index.cjs']) {
    it(`contains no node: import, Buffer or process (dist/web/${file})`, async () => {
      const { readFileSync } = await import('node:fs');
      const code = readFileSync(fileURLToPath(new URL(`../../dist/web/${file}`, import.meta.url)), 'utf8');
      expect(code).not.toMatch(/\bnode:/);
      expect(code).not.toMatch(/\bBuffer\b/);
      expect(code).not.toMatch(/\bprocess\b/);
      expect(code).toMatch(/crypto\.subtle/);
    });
  }
});
