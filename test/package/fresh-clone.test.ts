// What a user gets who installs from the repository before a release: a fresh clone has no
// dist/, so `npm pack` (and npm's install from git, which packs the same way) must build it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'otpkit-clone-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const sh = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('a fresh clone of the repository', () => {
  it('packs into a tarball with dist/ that installs and imports in ESM and CommonJS', { timeout: 300_000 }, () => {
    const clone = join(work, 'clone');
    sh('git', ['clone', '--quiet', '--depth', '1', `file://${root}`, clone], work);
    expect(readdirSync(clone)).not.toContain('dist');
    // Dev dependencies only (their own install scripts are not needed to build).
    sh('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], clone);
    sh('npm', ['pack', '--pack-destination', work, '--silent'], clone); // runs `prepare`: the build
    const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
    const app = join(work, 'app');
    sh('mkdir', ['-p', app], work);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], app);
    writeFileSync(join(app, 'esm.mjs'), "import { generateHOTP } from 'otpkit'; console.log(await generateHOTP({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', counter: 0 }));");
    writeFileSync(join(app, 'cjs.cjs'), "require('otpkit').generateHOTP({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', counter: 1 }).then(console.log);");
    expect(sh(process.execPath, ['esm.mjs'], app).trim()).toBe('755224'); // RFC 4226 Appendix D
    expect(sh(process.execPath, ['cjs.cjs'], app).trim()).toBe('287082');
  });
});
