// Installs the benchmark's locked peers (bench/package-lock.json) unless bench/node_modules
// already holds exactly them, so `npm test` and `npm run bench` work on a fresh clone without
// reinstalling on every run.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const versions = (file) => {
  const { packages = {} } = JSON.parse(readFileSync(file, 'utf8'));
  return JSON.stringify(Object.entries(packages).filter(([path]) => path !== '').map(([path, p]) => [path, p.version ?? p.resolved]).sort());
};
const installed = `${here}node_modules/.package-lock.json`;
if (!existsSync(installed) || versions(installed) !== versions(`${here}package-lock.json`)) {
  execSync('npm ci --no-audit --no-fund --loglevel=error', { cwd: here, stdio: 'inherit' });
}
