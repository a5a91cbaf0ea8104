// Bundled for the browser by the Chromium test: `otpkit` resolves through the installed
// package's export conditions, as a bundler building for the web resolves it.
import * as otpkit from 'otpkit';
import * as qr from 'otpkit/qr';
import * as flow from 'otpkit/flow';
import { run } from './package/conformance.mjs';

window.runConformance = async () => {
  const load = async (name) => (await fetch(`/vectors/${name}.json`)).json();
  const vectors = {
    rfc4226: await load('rfc4226-appendix-d'),
    rfc6238: await load('rfc6238-appendix-b'),
    rfc4648: await load('rfc4648-section10-base32'),
    derived: await load('derived-otp'),
  };
  return run(otpkit, vectors, qr, flow);
};
