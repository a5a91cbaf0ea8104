// npm run bench:browser: the benchmark's workload in headless Chromium (Debian's chromium, driven
// by playwright-core) for otpkit's web build, otpauth's browser build and @epic-web/totp.
// Flags: --quick (fewer tokens and rounds), --check (correctness only), --save (update bench/results/).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { barChart } from './chart.mjs';
import { sameRoundFraction } from './floors.mjs';
import { markdownTable, summarize } from './harness.mjs';
import { writeResults } from './output.mjs';
import { makeWorkload } from './workload.mjs';

const quick = process.argv.includes('--quick');
const checkOnly = process.argv.includes('--check');
const here = fileURLToPath(new URL('.', import.meta.url));
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`No Chromium at ${executablePath}. Install Debian's: apt-get install chromium (or set CHROMIUM_PATH).`);
  process.exit(2);
}

// Bundle the page's code for the browser platform: package exports resolve with `browser`.
const outdir = join(here, '.build');
await build({
  entryPoints: { page: join(here, 'browser-page.mjs') },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  outdir,
  logLevel: 'error',
});

const items = makeWorkload({ size: quick ? 300 : 1200 });
const types = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json' };
const files = {
  '/': '<!doctype html><meta charset="utf-8"><title>otpkit bench</title><script type="module" src="/page.js"></script>',
  '/page.js': readFileSync(join(outdir, 'page.js'), 'utf8'),
  '/workload.json': JSON.stringify(items),
};
const server = createServer((request, response) => {
  const body = files[normalize(request.url ?? '/')];
  if (body === undefined) return response.writeHead(404).end();
  response.writeHead(200, { 'content-type': types[extname(request.url)] ?? 'text/html' }).end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  page.on('console', (message) => console.error(`[chromium] ${message.text()}`));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => typeof window.runBench === 'function');
  // 31 rounds, not the 15 of the Node run: in Chromium one round's otpkit ÷ floor ratio ranged
  // from 0.36 to 1.09 in a single run (WebCrypto's thread pool shares two cores with the rest of
  // the browser), and medians of 15 such ratios moved by 0.2 from run to run.
  const rounds = quick ? 3 : 31;
  const out = await page.evaluate(({ rounds, checkOnly }) => window.runBench({ rounds, checkOnly }), { rounds, checkOnly });
  const version = browser.version();
  for (const line of out.correctness) console.error(line);
  if (checkOnly) process.exit(out.allCorrect ? 0 : 1);
  const webName = 'otpkit (web build, WebCrypto)';
  const rows = summarize(out.results, out.batched, webName);
  const epic = out.results['@epic-web/totp'];
  const web = out.results[webName];
  const ratio = epic && web ? sameRoundFraction(out.results, webName, '@epic-web/totp') : null;
  console.log(`## Code verification in Chromium ${version}, ${items.length} tokens per round, ${rounds} rounds\n`);
  console.log(markdownTable(rows, 'otpkit web'));
  const ofFloor = web ? sameRoundFraction(out.results, webName, 'floor: WebCrypto importKey + 3 signs') : null;
  console.log(`\notpkit web ÷ WebCrypto floor (same-round median) = ${ofFloor?.toFixed(2)} (target ≥ 0.90); otpkit web ÷ @epic-web/totp = ${ratio?.toFixed(2)}×; generateTOTP/s (web build) = ${Math.round(out.generatePerSecond).toLocaleString('en-US')}`);
  const name = quick ? 'browser-quick' : 'browser-latest';
  const machine = { browser: `Chromium ${version}`, date: new Date().toISOString(), quick };
  writeResults({
    [`${name}.json`]: JSON.stringify({ machine, rows, rounds: out.results, batched: out.batched, webOverEpic: ratio, webOfFloor: ofFloor, generatePerSecond: out.generatePerSecond }, null, 2) + '\n',
    [`${name}.svg`]: barChart(rows, `Code verifications per second in Chromium ${version} (median of ${rounds} rounds)`),
  });
} finally {
  await browser.close();
  server.close();
}
