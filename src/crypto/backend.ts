/**
 * The backend the core uses. This file names the node:crypto one; the web build
 * (tsup.config.ts) and the web test project (vitest.config.ts) resolve this module to
 * `./web.js` instead, so each build contains exactly one backend.
 */
export { aead, backend, kdf, random } from './node.js';
