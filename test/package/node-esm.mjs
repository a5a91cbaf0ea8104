// Node ESM entry: imports otpkit by name, so the export conditions pick the build.
import { readFileSync } from 'node:fs';
import * as otpkit from 'otpkit';
import * as qr from 'otpkit/qr';
import * as flow from 'otpkit/flow';
import { run } from './conformance.mjs';

const load = (name) => JSON.parse(readFileSync(new URL(`../../vectors/${name}.json`, import.meta.url), 'utf8'));
const vectors = { rfc4226: load('rfc4226-appendix-d'), rfc6238: load('rfc6238-appendix-b'), rfc4648: load('rfc4648-section10-base32'), derived: load('derived-otp') };
const results = await run(otpkit, vectors, qr, flow);
console.log(JSON.stringify({ resolved: import.meta.resolve('otpkit'), ...results }));
