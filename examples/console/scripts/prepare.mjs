// What `npm run example` and `npm run test:example` do first, from the repository root, on a
// fresh clone or the hundredth run: install the root's packages and build otpkit when needed,
// then install this example's packages, each only when its lockfile changed since the last
// install (a hash kept in node_modules), so a second run with nothing changed starts in seconds.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const example = fileURLToPath(new URL('..', import.meta.url));
const root = join(example, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (cwd, ...args) => execFileSync(npm, args, { cwd, stdio: 'inherit' });
const say = (text) => console.log(`\n> ${text}`);

/**
 * `npm ci` in `dir` unless node_modules was installed from this very lockfile: our own marker
 * says so, or npm's hidden lockfile was written after package-lock.json last changed (someone
 * ran `npm ci` by hand, as CI does).
 */
function install(dir, what) {
  const lockfile = join(dir, 'package-lock.json');
  const hash = createHash('sha256').update(readFileSync(lockfile)).digest('hex');
  const marker = join(dir, 'node_modules', '.installed-from-lockfile');
  const hidden = join(dir, 'node_modules', '.package-lock.json');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === hash) return;
  if (!existsSync(marker) && existsSync(hidden) && statSync(hidden).mtimeMs >= statSync(lockfile).mtimeMs) return writeFileSync(marker, hash);
  say(`installing ${what} (npm ci; the first time takes a few minutes: better-sqlite3 compiles)`);
  run(dir, 'ci', '--no-audit', '--no-fund');
  writeFileSync(marker, hash);
}

/** The newest modification time of any file below `dir`. */
const newest = (dir) =>
  Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));

install(root, 'otpkit\'s build tools');
const built = join(root, 'dist', 'node', 'flow.js');
if (!existsSync(built) || newest(join(root, 'src')) > statSync(built).mtimeMs) {
  say('building otpkit');
  run(root, 'run', 'build', '--silent');
}
install(example, 'the console example');
