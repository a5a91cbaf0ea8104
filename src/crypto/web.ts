/**
 * The WebCrypto backend, used by browsers, Workers and every runtime without the `node`
 * export condition. It uses only `crypto.subtle` and `crypto.getRandomValues`: no node:
 * import, no Buffer, no process.
 *
 * The key is imported once per call, never once per candidate, and a window's candidates are
 * signed concurrently, so a runtime that can overlap `subtle` calls does. On Node it cannot
 * much: `npm run bench` measures three concurrent signs at about the cost of three in a row
 * (~36 µs each), which is what bounds this build there (README, Speed).
 */
import type { Backend, HashAlgorithm, KeyDerivation, RandomSource } from './contract.js';

/** `getRandomValues` refuses more than 65,536 bytes per call (W3C WebCrypto), so fill in chunks. */
const RANDOM_CHUNK = 65_536;

export const backend: Backend = {
  name: 'web',
  async hmac(algorithm: HashAlgorithm, key: Uint8Array, messages: readonly Uint8Array[]) {
    const cryptoKey = await crypto.subtle.importKey(
      'raw',
      key as Uint8Array<ArrayBuffer>,
      // WebCrypto's names: 'SHA-1', 'SHA-256', 'SHA-512'.
      { name: 'HMAC', hash: algorithm.replace('SHA', 'SHA-') },
      false,
      ['sign'],
    );
    const macs = await Promise.all(
      messages.map((message) => crypto.subtle.sign('HMAC', cryptoKey, message as Uint8Array<ArrayBuffer>)),
    );
    return macs.map((mac) => new Uint8Array(mac));
  },
};

export const kdf: KeyDerivation = {
  async pbkdf2Sha256(password, salt, iterations, length) {
    const baseKey = await crypto.subtle.importKey('raw', password as Uint8Array<ArrayBuffer>, 'PBKDF2', false, [
      'deriveBits',
    ]);
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
      baseKey,
      length * 8,
    );
    return new Uint8Array(bits);
  },
};

export const random: RandomSource = {
  randomBytes(length) {
    const bytes = new Uint8Array(length);
    for (let offset = 0; offset < length; offset += RANDOM_CHUNK) {
      crypto.getRandomValues(bytes.subarray(offset, Math.min(length, offset + RANDOM_CHUNK)));
    }
    return bytes;
  },
};
