// Packs otpkit as npm would publish it, installs the tarball into a throwaway project, and
// copies the shared conformance suite and the vectors beside it. Every packed-package test
// (Node, Bun, Deno, sizes, lint, the browser) runs against that install, not the source.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const root = fileURLToPath(new URL('../../', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    packed: { dir: string; tarball: string };
  }
}

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'otpkit-packed-'));
  execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'otpkit-consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  mkdirSync(join(dir, 'test'), { recursive: true });
  cpSync(join(root, 'test/package'), join(dir, 'test/package'), { recursive: true, filter: (src) => !src.endsWith('.ts') });
  cpSync(join(root, 'vectors'), join(dir, 'vectors'), { recursive: true });
  project.provide('packed', { dir, tarball });
  return () => rmSync(dir, { recursive: true, force: true });
}
