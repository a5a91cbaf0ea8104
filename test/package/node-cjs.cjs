// Node CommonJS entry: requires otpkit by name, so the export conditions pick the build.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const otpkit = require('otpkit');
const qr = require('otpkit/qr');
const flow = require('otpkit/flow');

const load = (name) => JSON.parse(readFileSync(join(__dirname, '..', '..', 'vectors', `${name}.json`), 'utf8'));
const vectors = { rfc4226: load('rfc4226-appendix-d'), rfc6238: load('rfc6238-appendix-b'), rfc4648: load('rfc4648-section10-base32'), derived: load('derived-otp') };
import('./conformance.mjs')
  .then(({ run }) => run(otpkit, vectors, qr, flow))
  .then((results) => console.log(JSON.stringify({ resolved: require.resolve('otpkit'), ...results })));
