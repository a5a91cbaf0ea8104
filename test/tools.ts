import { execFileSync } from 'node:child_process';

/**
 * Whether a Debian tool the tests use as an independent reference (oathtool, zbarimg) is
 * installed. CI (.ci/run) installs them; locally, the comparisons that need one are skipped.
 */
export function hasTool(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
