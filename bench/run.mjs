// npm run bench: correctness first, then code-verification throughput of otpkit and its peers,
// interleaved in one process. Flags: --quick (a smoke run within ~20 s), --check (correctness
// only: exit 1 on any disagreement; the test suite runs this), --save (write bench/results/, the
// committed figures; without it results go to the ignored bench/.results/).
import { createHmac, hash } from 'node:crypto';
import { cpus } from 'node:os';
import { adapters, otpkit, otpkitWeb, pinClock } from './adapters-node.mjs';
import { checkAdapter, markdownTable, rate, runRounds, summarize, timedItem } from './harness.mjs';
import { barChart } from './chart.mjs';
import { nodeCryptoFloor } from './floor-node.mjs';
import { sameRoundFraction, webCryptoFloor } from './floors.mjs';
import { writeResults } from './output.mjs';
import { makeWorkload } from './workload.mjs';
import * as qr from 'otpkit/qr';
import * as flow from 'otpkit/flow';

const quick = process.argv.includes('--quick');
const checkOnly = process.argv.includes('--check');
const items = makeWorkload({ size: quick ? 300 : 1200 }).map((item) => timedItem(item, Buffer.from(item.key)));
pinClock();

// Correctness first: a library that disagrees is reported and left out of the timing.
const correct = [];
for (const adapter of adapters) {
  const wrong = await checkAdapter(adapter, items);
  if (wrong.length === 0) correct.push(adapter);
  else {
    console.error(`✗ ${adapter.name}: ${wrong.length} of ${items.length} wrong, left out of the timing; first: ${JSON.stringify(wrong[0])}`);
  }
}
console.error(`correctness: ${correct.length} of ${adapters.length} libraries accept every valid token and reject every invalid one (${items.length} tokens)`);
if (checkOnly) {
  for (const a of correct) console.log(`ok ${a.name}`);
  process.exit(correct.length === adapters.length ? 0 : 1);
}

// 31 rounds: one round's otpkit ÷ floor ratio ranged from 0.43 to 0.66 on the shared 2-core
// development machine, and the median of 15 moved by 0.04 from run to run.
const rounds = quick ? 3 : 31;
const floors = [nodeCryptoFloor, webCryptoFloor()];
const { results, batched } = await runRounds([...correct, ...floors], items, {
  rounds,
  onRound: (round, res) => {
    const line = correct.map((a) => `${a.name.split(' ')[0]} ${Math.round(res[a.name][round]).toLocaleString('en-US')}`).join(' · ');
    console.error(`round ${round + 1}/${rounds}: ${line}`);
  },
});
const reference = 'otpkit (node build)';
const rows = summarize(results, batched, reference);

// Other figures, each the median of 5 timed repeats.
const secret32 = items[0].secret; // 20 bytes = 32 base32 characters
const codes = await otpkit.generateBackupCodes();
const [generateNode, generateWeb, decodeRate, backupNode, backupWeb] = [
  await rate((i) => otpkit.generateTOTP({ secret: secret32, now: 1_700_000_000_000 + i * 30_000 }), quick ? 2_000 : 20_000),
  await rate((i) => otpkitWeb.generateTOTP({ secret: secret32, now: 1_700_000_000_000 + i * 30_000 }), quick ? 200 : 2_000),
  await rate(() => otpkit.decodeBase32(secret32), quick ? 20_000 : 200_000),
  await rate((i) => otpkit.verifyBackupCode({ code: codes.codes[i % 10], hashes: codes.hashes }), quick ? 3 : 10),
  await rate((i) => otpkitWeb.verifyBackupCode({ code: codes.codes[i % 10], hashes: codes.hashes }), quick ? 3 : 10),
];
// Why the node backend builds HMAC from crypto.hash: one HMAC-SHA-1 of an 8-byte counter with
// createHmac, against two one-shot crypto.hash calls over pads prepared once (as src/crypto/node.ts does).
const hmacKey = Buffer.from(items[0].key);
const message = Buffer.alloc(8);
const inner = Buffer.alloc(64 + 8);
const outer = Buffer.alloc(64 + 20);
for (let i = 0; i < 64; i++) {
  inner[i] = (hmacKey[i] ?? 0) ^ 0x36;
  outer[i] = (hmacKey[i] ?? 0) ^ 0x5c;
}
const hmacRates = {
  createHmac: await rate((i) => {
    message.writeUInt32BE(i, 4);
    return createHmac('sha1', hmacKey).update(message).digest();
  }, quick ? 20_000 : 200_000),
  padsAndHash: await rate((i) => {
    inner.writeUInt32BE(i, 68);
    outer.write(hash('sha1', inner, 'binary'), 64, 'binary');
    return hash('sha1', outer, 'binary');
  }, quick ? 20_000 : 200_000),
};

// What one WebCrypto call costs on this runtime: it bounds the web build on Node (README, Speed).
const webKeyBytes = Uint8Array.from(items[0].key);
const webKey = await crypto.subtle.importKey('raw', webKeyBytes, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
const counter = new Uint8Array(8);
const webcrypto = {
  importKey: await rate(() => crypto.subtle.importKey('raw', webKeyBytes, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']), quick ? 200 : 2_000),
  sign: await rate(() => crypto.subtle.sign('HMAC', webKey, counter), quick ? 200 : 2_000),
  sign3: await rate(() => Promise.all([0, 1, 2].map(() => crypto.subtle.sign('HMAC', webKey, counter))), quick ? 200 : 2_000),
};
// otpkit/flow: a log-in against a state with a sealed secret, beside the bare verifyTOTP it wraps.
// Transitions are pure, so one enrolled state serves every call.
const flowKeys = { current: 'k1', keys: { k1: new Uint8Array(32).fill(7) } };
const flowNow = 1_700_000_010_000;
const started = await flow.startEnrollment(flow.createState(), { issuer: 'ACME', account: 'jane', keys: flowKeys, now: flowNow - 60_000 });
const confirmed = await flow.confirmEnrollment(started.state, { token: await otpkit.generateTOTP({ secret: started.secret, now: flowNow - 60_000 }), keys: flowKeys, now: flowNow - 60_000 });
const flowToken = await otpkit.generateTOTP({ secret: started.secret, now: flowNow });
if (!(await flow.verifyLogin(confirmed.state, { token: flowToken, keys: flowKeys, now: flowNow })).ok) throw new Error('bench: verifyLogin did not accept its code');
const [verifyLoginRate, bareVerifyRate] = [
  await rate(() => flow.verifyLogin(confirmed.state, { token: flowToken, keys: flowKeys, now: flowNow }), quick ? 2_000 : 20_000),
  await rate(() => otpkit.verifyTOTP({ secret: started.secret, token: flowToken, now: flowNow }), quick ? 2_000 : 20_000),
];
const enrolmentURI = otpkit.buildOTPAuthURI({ secret: secret32, issuer: 'ACME Co', account: 'jane.doe@example.com' });
const [qrMatrixRate, qrSVGRate] = [await rate(() => qr.qrMatrix(enrolmentURI), quick ? 50 : 500), await rate(() => qr.qrSVG(enrolmentURI), quick ? 50 : 500)];
const extras = {
  'generateTOTP/s (node build)': generateNode,
  'generateTOTP/s (web build)': generateWeb,
  'decodeBase32 of a 32-character secret /s': decodeRate,
  'verifyLogin (otpkit/flow, sealed secret, node build) /s': verifyLoginRate,
  'verifyTOTP of the same code, bare (node build) /s': bareVerifyRate,
  'verifyBackupCode against 10 hashes, ms (node build)': 1000 / backupNode,
  'verifyBackupCode against 10 hashes, ms (web build)': 1000 / backupWeb,
  [`qrMatrix of a ${enrolmentURI.length}-character otpauth URI, ms`]: 1000 / qrMatrixRate,
  [`qrSVG of the same URI, ms`]: 1000 / qrSVGRate,
  'HMAC-SHA-1 with createHmac, µs': 1e6 / hmacRates.createHmac,
  'HMAC-SHA-1 with two crypto.hash calls over prepared pads, µs': 1e6 / hmacRates.padsAndHash,
  'WebCrypto importKey (HMAC-SHA-1), µs': 1e6 / webcrypto.importKey,
  'WebCrypto sign, one at a time, µs': 1e6 / webcrypto.sign,
  'WebCrypto sign, three concurrently, µs': 1e6 / webcrypto.sign3,
};

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  node: process.version,
  date: new Date(RealNow()).toISOString(),
  quick,
};
function RealNow() {
  return performance.timeOrigin + performance.now();
}

const fastestPeer = rows.filter((r) => !r.name.startsWith('otpkit') && !r.name.startsWith('floor')).sort((a, b) => b.median - a.median)[0];
const epic = rows.find((r) => r.name === '@epic-web/totp');
const web = rows.find((r) => r.name.startsWith('otpkit (web'));
const webOverEpic = web && epic ? sameRoundFraction(results, web.name, epic.name) : null;
const nodeOfFloor = sameRoundFraction(results, reference, nodeCryptoFloor.name);
const webOfFloor = web ? sameRoundFraction(results, web.name, floors[1].name) : null;
const targets = {
  'otpkit node ÷ fastest peer (target ≥ 2.0)': fastestPeer ? { peer: fastestPeer.name, ratio: fastestPeer.ratio } : null,
  'otpkit web ÷ @epic-web/totp': webOverEpic,
  'otpkit node ÷ node:crypto floor (target ≥ 0.60)': nodeOfFloor,
  'otpkit web ÷ WebCrypto floor (target ≥ 0.90)': webOfFloor,
};

const table = markdownTable(rows, 'otpkit node');
console.log(`## Code verification, ${items.length} tokens per round, ${rounds} rounds\n`);
console.log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.date}${quick ? ' (quick run)' : ''}\n`);
console.log(table);
console.log('\n| other figure | value |\n|---|---:|');
for (const [k, v] of Object.entries(extras)) console.log(`| ${k} | ${v >= 100 ? Math.round(v).toLocaleString('en-US') : v >= 10 ? v.toFixed(1) : v.toFixed(2)} |`);
console.log(`\nTargets (same-round medians): otpkit node ÷ fastest peer (${fastestPeer?.name}) = ${fastestPeer?.ratio.toFixed(2)}× (target ≥ 2.0)`);
console.log(`otpkit node ÷ node:crypto floor = ${nodeOfFloor.toFixed(2)} (target ≥ 0.60); otpkit web ÷ WebCrypto floor = ${webOfFloor?.toFixed(2)} (target ≥ 0.90); otpkit web ÷ @epic-web/totp = ${webOverEpic?.toFixed(2)}×`);

const name = quick ? 'quick' : 'latest';
writeResults({
  [`${name}.json`]: JSON.stringify({ machine, workload: { tokens: items.length, rounds, window: '±1 step', algorithm: 'SHA1', digits: 6, period: 30 }, rows, rounds: results, batched, extras, targets }, null, 2) + '\n',
  [`${name}.svg`]: barChart(rows, `Code verifications per second (median of ${rounds} rounds) — ${machine.cpu}, Node ${machine.node}`),
});
