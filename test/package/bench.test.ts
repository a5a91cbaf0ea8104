import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the benchmark', () => {
  it('has every library accept every valid token and reject every invalid one (the correctness pass, no timing)', () => {
    // Exits 1 if any adapter disagrees with the workload, so a broken adapter fails CI.
    const out = execFileSync(process.execPath, ['bench/run.mjs', '--check'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const ok = out.trim().split('\n').filter((line) => line.startsWith('ok '));
    expect(ok.map((line) => line.slice(3))).toEqual([
      'otpkit (node build)', 'otpkit (web build, WebCrypto)', 'otplib 13 (default: noble)', 'otplib 13 (node:crypto plugin)',
      'otpauth (node build)', 'speakeasy', '@epic-web/totp', '@oslojs/otp', 'notp',
    ]);
  });

  it('leaves the working tree as it was after a quick run: figures go to the ignored bench/.results/ unless --save', { timeout: 180_000 }, () => {
    const status = () => execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: root, encoding: 'utf8' });
    rmSync(join(root, 'bench/.results'), { recursive: true, force: true });
    const before = status();
    const run = execFileSync(process.execPath, ['bench/run.mjs', '--quick'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(run).toContain('## Code verification');
    expect(status()).toBe(before);
    expect(existsSync(join(root, 'bench/.results/quick.json'))).toBe(true);
  });
});
