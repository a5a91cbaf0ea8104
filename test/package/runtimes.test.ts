import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';

const { dir } = inject('packed');
const bin = (name: string) => fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url));

interface Result {
  resolved: string;
  passed: number;
  failed: number;
  failures: string[];
}

/** Runs an entry of the shared conformance suite in a runtime and returns the JSON it prints. */
function run(command: string, args: string[]): Result {
  const out = execFileSync(command, args, { cwd: join(dir, 'test/package'), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return JSON.parse(out.trim().split('\n').pop()!) as Result;
}

const node = process.execPath;
const deno = [bin('deno'), 'run', '--allow-read', '--allow-env', '--allow-sys'];
const cases: { runtime: string; command: string; args: string[]; build: string }[] = [
  { runtime: 'Node, ESM import', command: node, args: ['node-esm.mjs'], build: 'dist/node/index.js' },
  { runtime: 'Node, CommonJS require', command: node, args: ['node-cjs.cjs'], build: 'dist/node/index.cjs' },
  { runtime: 'Node with the browser condition, ESM', command: node, args: ['--conditions=browser', 'node-esm.mjs'], build: 'dist/web/index.js' },
  { runtime: 'Node with the browser condition, CommonJS', command: node, args: ['--conditions=browser', 'node-cjs.cjs'], build: 'dist/web/index.cjs' },
  { runtime: 'Node with the worker condition, ESM', command: node, args: ['--conditions=worker', 'node-esm.mjs'], build: 'dist/web/index.js' },
  { runtime: 'Bun, ESM import', command: bin('bun'), args: ['node-esm.mjs'], build: 'dist/node/index.js' },
  { runtime: 'Bun, CommonJS require', command: bin('bun'), args: ['node-cjs.cjs'], build: 'dist/node/index.cjs' },
  { runtime: 'Deno, ESM import', command: deno[0]!, args: [...deno.slice(1), 'node-esm.mjs'], build: 'dist/node/index.js' },
  { runtime: 'Deno, CommonJS require', command: deno[0]!, args: [...deno.slice(1), 'node-cjs.cjs'], build: 'dist/node/index.cjs' },
];

describe('the packed package, installed from its tarball', () => {
  for (const { runtime, command, args, build } of cases) {
    it(`passes the conformance suite in ${runtime}, resolving ${build}`, () => {
      const result = run(command, args);
      expect(result.resolved.replaceAll('\\', '/')).toMatch(new RegExp(`/node_modules/otpkit/${build.replaceAll('.', '\\.')}$`));
      expect(result.failures).toEqual([]);
      expect(result.passed).toBeGreaterThan(200);
    });
  }
});
